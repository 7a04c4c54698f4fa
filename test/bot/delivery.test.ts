import { describe, expect, it } from "vitest";
import { type Courier, RecipientUnreachable } from "../../src/application/delivery/courier.ts";
import { backoffMs, createDispatcher } from "../../src/application/delivery/dispatcher.ts";
import { RateLimiter } from "../../src/application/delivery/rate-limiter.ts";
import { createLogger } from "../../src/application/logger.ts";
import { databaseKinds } from "../storage/databases.ts";
import { useApp } from "../support/app.ts";
import { completeDraft } from "../support/fixtures.ts";

/** A simulated clock for the limiter: sleeping moves time on, instantly. */
function simulated() {
  let now = 0;
  return {
    now: () => now,
    sleep: async (ms: number) => {
      now += ms;
    },
  };
}

describe("rate limiter", () => {
  it("lets at most 30 messages through in any second overall", async () => {
    const clock = simulated();
    const limiter = new RateLimiter(clock);
    const times: number[] = [];
    for (let i = 0; i < 300; i++) {
      await limiter.acquire(`chat-${i}`);
      times.push(clock.now());
    }
    for (let i = 30; i < times.length; i++) expect(times[i]! - times[i - 30]!).toBeGreaterThanOrEqual(1000);
    expect(clock.now()).toBeGreaterThanOrEqual(9000);
    expect(clock.now()).toBeLessThan(10_000);
  });

  it("lets at most one message a second to each chat", async () => {
    const clock = simulated();
    const limiter = new RateLimiter(clock);
    const times: number[] = [];
    for (let i = 0; i < 5; i++) {
      await limiter.acquire("one-chat");
      times.push(clock.now());
    }
    expect(times).toEqual([0, 1000, 2000, 3000, 4000]);
  });
});

describe("notification delivery", () => {
  const app = useApp(databaseKinds[0]!, { perTest: true });

  async function setup(behaviour: (attempt: number) => void) {
    const a = app();
    let attempt = 0;
    const sent: string[] = [];
    const courier: Courier = {
      channel: "fake",
      async send(chatId) {
        behaviour(++attempt);
        sent.push(chatId);
        return null;
      },
      async edit() {},
    };
    const { person } = await a.store.people.identify({
      channel: "fake",
      externalId: "u",
      chatId: "u",
      displayName: "U",
      language: "vi",
      at: a.clock(),
    });
    await a.store.submissions.create(
      completeDraft({ id: "s", registrantId: person.id, status: "accepted", code: "DVK-2026-000001" }),
    );
    await a.store.notifications.enqueue({
      dedupeKey: "k",
      personId: person.id,
      kind: "decision",
      payload: { kind: "decision", submissionId: "s", action: "accept", reason: null },
      notBefore: a.clock(),
    });
    const limiter = new RateLimiter(simulated());
    const dispatcher = createDispatcher({
      store: a.store,
      couriers: [courier],
      translator: a.translator,
      rulebook: a.rulebook,
      tree: a.tree,
      limiter,
      clock: a.clock,
      logger: createLogger("silent"),
    });
    return { a, dispatcher, sent, person };
  }

  it("retries a failed send with backoff and never loses it", async () => {
    const { a, dispatcher, sent } = await setup((n) => {
      if (n <= 2) throw new Error("Bad Gateway");
    });
    expect(await dispatcher.runOnce()).toBe(0);
    let n = await a.store.notifications.byKey("k");
    expect(n).toMatchObject({ status: "pending", attempts: 1, lastError: "fake: Bad Gateway" });
    expect(n!.notBefore.getTime() - a.clock().getTime()).toBe(backoffMs(1));
    expect(await dispatcher.runOnce()).toBe(0); // not due yet
    a.clock.set(new Date(a.clock().getTime() + backoffMs(1)));
    await dispatcher.runOnce();
    a.clock.set(new Date(a.clock().getTime() + backoffMs(2)));
    expect(await dispatcher.runOnce()).toBe(1);
    n = await a.store.notifications.byKey("k");
    expect(n).toMatchObject({ status: "sent", attempts: 3, sentChannel: "fake" });
    expect(sent).toEqual(["u"]);
  });

  it("marks a person who blocked the bot undeliverable instead of retrying forever", async () => {
    const { a, dispatcher, person } = await setup(() => {
      throw new RecipientUnreachable("Forbidden: bot was blocked by the user");
    });
    await dispatcher.runOnce();
    expect(await a.store.notifications.byKey("k")).toMatchObject({ status: "unreached" });
    expect((await a.store.people.identities(person.id))[0]!.undeliverable).toBe(true);
  });

  it("grows the backoff and caps it at an hour", () => {
    expect([1, 2, 3, 4].map(backoffMs)).toEqual([30_000, 60_000, 120_000, 240_000]);
    expect(backoffMs(20)).toBe(3_600_000);
  });
});

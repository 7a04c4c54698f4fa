import { randomUUID } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { createRunner, type IncomingUpdate, type RunHooks } from "../../src/application/runner.ts";
import { createPipeline, type Pipeline } from "../../src/bot/pipeline.ts";
import type { Store } from "../../src/domain/ports.ts";
import type { Serving } from "../../src/serve.ts";
import { openStore } from "../../src/storage/client.ts";
import { databaseKinds } from "../storage/databases.ts";
import { query } from "../storage/inspect.ts";
import { type TestApp, useApp } from "../support/app.ts";
import { REGISTRATION } from "../support/registration.ts";
import { depsOf, serveTest, silent } from "../support/serving.ts";
import { createTestChannel, type TestChannel } from "../support/test-channel.ts";

/** The limit as the configuration gives it by default: 1 update a second, bursts of 10. */
const LIMIT = { RATE_LIMIT_PER_SECOND: "1", RATE_LIMIT_BURST: "10" };
const SLOW_DOWN_VI = "Bạn đang gửi tin nhắn quá nhanh. Xin chờ một chút rồi gửi tiếp.";
const SLOW_DOWN_EN = "You are sending messages too fast. Please wait a moment, then carry on.";
/** 500 messages in 10 s: one every 19.97 ms, so no arrival falls on a whole second. */
const FLOOD = 500;
const arrival = (i: number) => Math.floor(i * 19.97);

let seq = 1_000;
function message(channel: string, user: string, text: string, a: TestApp) {
  const update: IncomingUpdate = {
    channel,
    chatId: user,
    user: { externalId: user, displayName: user },
    input: a.flows.textInput(text, false),
  };
  return { key: randomUUID(), seq: ++seq, update };
}

async function dialogOf(store: Store, channel: string, chatId: string) {
  const session = await store.dialogs.load(channel, chatId);
  return { version: session?.version ?? 0, nonce: (session?.state as { nonce: number } | null)?.nonce ?? 0 };
}

describe.each(databaseKinds)("a flood from one person on $provider", (kind) => {
  const app = useApp(kind, { perTest: true });
  const stops: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const stop of stops.splice(0).reverse()) await stop();
  });

  it("500 messages in 10 s reach the dialog only as far as the limit allows, and another person is answered at once meanwhile", async () => {
    const a = app();
    const channel = createTestChannel({ name: "test" }, depsOf(a));
    // What reached the dialog of the flooding person: only the runner reads or writes a session.
    const reached: string[] = [];
    const runner = {
      ...a.runner,
      handle(update: IncomingUpdate, hooks?: RunHooks) {
        if (update.chatId === "flooder" && update.input.kind === "text") reached.push(update.input.text);
        return a.runner.handle(update, hooks);
      },
    };
    const serving: Serving = await serveTest({ ...a, runner }, [channel], LIMIT, { clock: a.clock });
    stops.push(() => serving.stop());

    expect(await channel.say("flooder", "/dangky")).toContain("Câu 1/");
    expect(await channel.say("other", "/dangky")).toContain("Câu 1/");
    reached.length = 0;
    const flooderBefore = await dialogOf(a.store, "test", "flooder");
    const otherBefore = await dialogOf(a.store, "test", "other");
    // A quiet minute: both buckets are full when the flood begins.
    const t0 = a.clock().getTime() + 60_000;

    const processed: Promise<void>[] = [];
    const answered: Promise<number>[] = [];
    /** The other person goes on with their registration; resolves with the real time its answer took. */
    const otherAnswers = async () => {
      const sent = performance.now();
      const text = REGISTRATION[answered.length]!;
      await (await channel.deliver(message("test", "other", text, a))).processed;
      return performance.now() - sent;
    };
    for (let i = 0; i < FLOOD; i++) {
      a.clock.set(new Date(t0 + arrival(i)));
      if (i === 100 || i === 250 || i === 400) answered.push(otherAnswers());
      processed.push((await channel.deliver(message("test", "flooder", `tin nhắn ${i}`, a))).processed);
      // Each message arrives on its own, as webhook requests do, not in one uninterrupted run.
      await new Promise((resolve) => setImmediate(resolve));
    }
    answered.push(otherAnswers());
    await Promise.all(processed);
    const waits = await Promise.all(answered);

    // The burst at once, then one a second: the first message of each new second of the flood.
    const accepted = [...Array(FLOOD).keys()].filter(
      (i) => i < 10 || Math.floor(arrival(i) / 1000) > Math.floor(arrival(i - 1) / 1000),
    );
    expect(accepted).toHaveLength(19);
    expect(reached).toEqual(accepted.map((i) => `tin nhắn ${i}`));
    // Each message the dialog takes moves its prompt on (nonce) and saves it (version): 19, not 500.
    const flooderAfter = await dialogOf(a.store, "test", "flooder");
    expect(flooderAfter.nonce - flooderBefore.nonce).toBe(19);
    expect(flooderAfter.version - flooderBefore.version).toBe(19);
    const flood = channel.transcript("flooder").slice(1);
    expect(flood.map((text) => text === SLOW_DOWN_VI)).toEqual([
      ...Array(10).fill(false),
      true,
      ...Array(9).fill(false),
    ]);
    expect(await a.store.inbox.pending("test", "flooder", 10)).toEqual([]);
    // Only what was taken was stored: the refused 481 are a counter in the bucket, not inbox rows.
    const rows = await query(a.url, `SELECT count(*) AS n FROM "InboundUpdate" WHERE "chatId" = 'flooder'`);
    expect(Number(rows[0]!.n)).toBe(1 + 19);
    const flooder = (await a.store.people.personOf("test", "flooder"))!;
    expect(await a.store.rateLimits.refused(flooder)).toBe(FLOOD - 19);

    // The other person's four answers (three amid the flood, one as it ends) were all taken, each
    // answered well within the second the outgoing limiter allows a chat between two messages.
    const otherRead = channel.transcript("other").slice(1).join("\n");
    expect([...otherRead.matchAll(/Câu (\d+)\//g)].map((m) => m[1])).toEqual(["2", "3", "4", "5"]);
    const otherAfter = await dialogOf(a.store, "test", "other");
    expect(otherAfter.nonce - otherBefore.nonce).toBe(4);
    for (const ms of waits) expect(ms).toBeLessThan(500);
  }, 60_000);

  it("counts one person's messages on two channels, taken by two instances, against one bucket", async () => {
    const a = app();
    const rateLimit = { perSecond: 1, burst: 10 };
    const second = await openStore(a.url);
    stops.push(() => second.close());
    const instance = (store: Store, name: string): [Pipeline, TestChannel] => {
      const runner = createRunner({ ...a, store, newId: randomUUID });
      const pipeline = createPipeline({ store, runner, logger: silent, clock: a.clock, rateLimit });
      const channel = createTestChannel({ name }, depsOf(a, { store }));
      pipeline.attach(channel);
      void channel.start(pipeline);
      stops.push(() => pipeline.stop());
      return [pipeline, channel];
    };
    const [, telegram] = instance(a.store, "telegram");
    const [, zalo] = instance(second, "zalo");

    await telegram.say("ha", "/trogiup");
    await zalo.say("ha-zalo", "/trogiup");
    const person = (await a.store.people.personOf("telegram", "ha"))!;
    await a.store.people.linkIdentity("zalo", "ha-zalo", person);
    await a.store.people.setLanguage(person, "en");
    a.clock.set(new Date(a.clock().getTime() + 60_000));

    const stored = await Promise.all(
      Array.from({ length: 8 }, (_, i) => [
        telegram.deliver(message("telegram", "ha", `tin nhắn ${i}`, a)),
        zalo.deliver(message("zalo", "ha-zalo", `tin nhắn ${i}`, a)),
      ]).flat(),
    );
    await Promise.all(stored.map((s) => s.processed));

    // Sixteen sent at once: the burst's ten answered, one sentence (in the person's language), five dropped.
    const read = [...telegram.transcript("ha").slice(1), ...zalo.transcript("ha-zalo").slice(1)];
    expect(read).toHaveLength(11);
    expect(read.filter((text) => text === SLOW_DOWN_EN)).toHaveLength(1);
  }, 60_000);
});

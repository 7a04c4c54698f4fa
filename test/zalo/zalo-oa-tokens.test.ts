import { afterEach, describe, expect, it } from "vitest";
import { RecipientUnreachable, RetryLater } from "../../src/application/delivery/courier.ts";
import { createDispatcher } from "../../src/application/delivery/dispatcher.ts";
import { RateLimiter } from "../../src/application/delivery/rate-limiter.ts";
import type { Speaker } from "../../src/application/i18n.ts";
import type { Ingress } from "../../src/bot/adapter.ts";
import { createZaloOaAdapter, type ZaloOaAdapter } from "../../src/bot/zalo-oa/adapter.ts";
import { NO_INTERACTION_RETRY_MS, ZaloOaApiError } from "../../src/bot/zalo-oa/api.ts";
import { zaloOaSettings } from "../../src/bot/zalo-oa/settings.ts";
import { OaTokenError, tokenId } from "../../src/bot/zalo-oa/tokens.ts";
import { nextLocalHour } from "../../src/bot/zalo-shared/errors.ts";
import { t, type View } from "../../src/dialogs/view.ts";
import { databaseKinds } from "../storage/databases.ts";
import { useApp } from "../support/app.ts";
import { FakeZaloOa, type OaCall } from "../support/fake-zalo-oa.ts";
import { completeDraft, vn } from "../support/fixtures.ts";
import { depsOf, silent } from "../support/serving.ts";

/** The tokens are what is tested here: nothing arrives through the webhook. */
const noIngress: Ingress = {
  receive: () => Promise.reject(new Error("no deliveries in these tests")),
  reject: () => Promise.reject(new Error("no webhook bodies in these tests")),
};

const APP_ID = "2553928453557884079";
const APP_SECRET = "oa-app-secret";
const USER = "6142494823000000000";
const ROW = tokenId(APP_ID);
const note: View[] = [{ text: [t("notify.next_other")], expects: { kind: "none" } }];

describe.each(databaseKinds)("OA tokens on $provider", (kind) => {
  const app = useApp(kind, { perTest: true });
  let fake: FakeZaloOa;
  afterEach(async () => {
    await fake?.close();
  });

  async function start(options: { oauthLatencyMs?: number; accessToken?: string | null } = {}) {
    fake = await FakeZaloOa.start({
      appId: APP_ID,
      secretKey: "k",
      appSecret: APP_SECRET,
      refreshToken: "ref-seed",
      accessToken: "acc-seed",
      ...(options.oauthLatencyMs ? { oauthLatencyMs: options.oauthLatencyMs } : {}),
    });
  }

  /** One instance of the OA channel (a process), on the shared database. */
  function instance(seed: { accessToken?: string | null; refreshToken?: string } = {}) {
    const a = app();
    const accessToken = seed.accessToken === undefined ? "acc-seed" : seed.accessToken;
    const settings = zaloOaSettings.parse({
      ZALO_OA_APP_ID: APP_ID,
      ZALO_OA_SECRET_KEY: "k",
      ZALO_OA_APP_SECRET: APP_SECRET,
      ...(accessToken ? { ZALO_OA_ACCESS_TOKEN: accessToken } : {}),
      ZALO_OA_REFRESH_TOKEN: seed.refreshToken ?? "ref-seed",
      ZALO_OA_API_ROOT: fake.url,
      ZALO_OAUTH_ROOT: fake.url,
    });
    const adapter = createZaloOaAdapter(settings, depsOf(a), { tokens: { pollMs: 20, leaseMs: 5000 } });
    return { ...adapter, start: () => adapter.start(noIngress) };
  }

  const speaker = (): Speaker => ({ translator: app().translator, language: "vi" });
  const send = (channel: ZaloOaAdapter, user = USER) => channel.send(user, note, speaker());
  const stored = () => app().store.tokens.get(ROW);
  const minutes = (n: number) => app().clock.set(new Date(app().clock().getTime() + n * 60_000));

  /** At each accepted message: which access token it used and which pair the database held then. */
  function watch() {
    const seen: { used: string; stored: { accessToken: string; refreshToken: string } | null }[] = [];
    fake.onMessage = async (call: OaCall) => {
      const row = await stored();
      seen.push({
        used: call.accessToken!,
        stored: row && { accessToken: row.accessToken, refreshToken: row.refreshToken },
      });
    };
    return seen;
  }

  it("stores the configured pair on start, and refreshes shortly before the access token expires", async () => {
    await start();
    const channel = instance();
    await channel.start();
    expect(await stored()).toMatchObject({ accessToken: "acc-seed", refreshToken: "ref-seed", version: 0 });
    const seen = watch();
    await send(channel);
    expect(fake.refreshCalls).toEqual([]);
    // The configured access token is trusted for an hour; 55 minutes on, it is renewed first.
    minutes(55);
    await send(channel);
    expect(fake.refreshCalls).toHaveLength(1);
    const issued = fake.refreshCalls[0]!.issued!;
    expect(fake.refreshCalls[0]!.refreshToken).toBe("ref-seed");
    expect(fake.calls.map((c) => c.error)).toEqual([0, 0]);
    // The new refresh token was in the database before the new access token was used.
    expect(seen[1]).toEqual({ used: issued.accessToken, stored: issued });
    expect(await stored()).toMatchObject({ ...issued, version: 1, leaseOwner: null });
    expect((await stored())!.expiresAt.getTime()).toBe(app().clock().getTime() + 90_000_000);
  });

  it("refreshes on -216 and sends again, once", async () => {
    await start();
    const channel = instance();
    await send(channel);
    fake.expireAccessTokens();
    const seen = watch();
    await send(channel);
    expect(fake.calls.map((c) => c.error)).toEqual([0, -216, 0]);
    expect(fake.refreshCalls).toHaveLength(1);
    expect(seen).toEqual([
      { used: fake.refreshCalls[0]!.issued!.accessToken, stored: fake.refreshCalls[0]!.issued! },
    ]);
    // A token that stays invalid after the refresh is an error, not a loop.
    fake.expireAccessTokens();
    fake.failNext({ error: -216, message: "Access token is invalid" });
    const refreshed = fake.refreshCalls.length;
    const error = await send(channel).catch((e) => e);
    expect(error).toBeInstanceOf(ZaloOaApiError);
    expect(error).toMatchObject({ code: -216 });
    expect(fake.refreshCalls).toHaveLength(refreshed + 1);
  });

  it("refreshes once when two sends race the expiry, and both go out with the new token", async () => {
    await start({ oauthLatencyMs: 150 });
    const channel = instance();
    await channel.start();
    minutes(120);
    const seen = watch();
    await Promise.all([send(channel, USER), send(channel, "7000000000000000009")]);
    expect(fake.refreshCalls).toHaveLength(1);
    const issued = fake.refreshCalls[0]!.issued!;
    expect(fake.received.map((m) => m.accessToken)).toEqual([issued.accessToken, issued.accessToken]);
    expect(seen.every((s) => s.stored?.refreshToken === issued.refreshToken)).toBe(true);
    expect(await stored()).toMatchObject({ refreshToken: issued.refreshToken, version: 1 });
  });

  it("refreshes once when two sends get -216 at the same time", async () => {
    await start({ oauthLatencyMs: 100 });
    const channel = instance();
    await send(channel);
    fake.expireAccessTokens();
    await Promise.all([send(channel, USER), send(channel, "7000000000000000009")]);
    expect(fake.refreshCalls).toHaveLength(1);
    expect(fake.calls.map((c) => c.error).sort()).toEqual([-216, -216, 0, 0, 0]);
    expect(fake.received.slice(1).map((m) => m.accessToken)).toEqual([
      fake.refreshCalls[0]!.issued!.accessToken,
      fake.refreshCalls[0]!.issued!.accessToken,
    ]);
  });

  it("refreshes once across two instances: the other waits for the winner's token", async () => {
    await start({ oauthLatencyMs: 200 });
    const one = instance();
    const two = instance();
    await Promise.all([one.start(), two.start()]);
    minutes(120);
    await Promise.all([send(one, USER), send(two, "7000000000000000009")]);
    expect(fake.refreshCalls).toHaveLength(1);
    expect(fake.refreshCalls[0]!.error).toBeUndefined();
    const issued = fake.refreshCalls[0]!.issued!;
    expect(fake.received.map((m) => m.accessToken)).toEqual([issued.accessToken, issued.accessToken]);
    expect(await stored()).toMatchObject({ ...issued, version: 1, leaseOwner: null, leaseUntil: null });
  });

  it("continues from the stored refresh token after a restart (the configured one is spent)", async () => {
    await start();
    const before = instance();
    fake.expireAccessTokens();
    await send(before);
    const rotated = fake.refreshCalls[0]!.issued!;
    // The process restarts with the same configuration: the database wins.
    const after = instance();
    await after.start();
    expect(await stored()).toMatchObject({ refreshToken: rotated.refreshToken });
    fake.expireAccessTokens();
    await send(after);
    expect(fake.refreshCalls.map((c) => [c.refreshToken, c.error])).toEqual([
      ["ref-seed", undefined],
      [rotated.refreshToken, undefined],
    ]);
  });

  it("takes a newly configured pair (the OA authorised again)", async () => {
    await start();
    await instance().start();
    const fresh = fake.authorize();
    const channel = instance(fresh);
    await channel.start();
    expect(await stored()).toMatchObject({ ...fresh, version: 1 });
    await send(channel);
    expect(fake.received[0]!.accessToken).toBe(fresh.accessToken);
  });

  it("without a configured access token, refreshes before the first send", async () => {
    await start();
    const channel = instance({ accessToken: null });
    await send(channel);
    expect(fake.refreshCalls).toHaveLength(1);
    expect(fake.calls.map((c) => c.error)).toEqual([0]);
  });

  it("reports a refused refresh as a typed error and releases the lease", async () => {
    await start();
    const channel = instance();
    await channel.start();
    fake.authorize(); // The stored refresh token is no longer valid.
    minutes(120);
    const error = await send(channel).catch((e) => e);
    expect(error).toBeInstanceOf(OaTokenError);
    expect(error.code).toBe(-14014);
    expect(error.message).not.toContain("ref-seed");
    expect(await stored()).toMatchObject({
      refreshToken: "ref-seed",
      leaseOwner: null,
      leaseUntil: null,
      version: 0,
    });
  });

  it("turns -230 and -234 into RetryLater, -213 into RecipientUnreachable, others into typed errors", async () => {
    await start();
    const channel = instance();
    const now = app().clock();
    fake.failNext({ error: -230, message: "User has not interacted with the OA in the past 7 days" });
    const quiet = await send(channel).catch((e) => e);
    expect(quiet).toBeInstanceOf(RetryLater);
    expect(quiet).toMatchObject({
      reason: "no_interaction",
      until: new Date(now.getTime() + NO_INTERACTION_RETRY_MS),
    });
    fake.failNext({ error: -234, message: "Cannot send messages at night" });
    const night = await send(channel).catch((e) => e);
    expect(night).toMatchObject({ reason: "night", until: nextLocalHour(now, 7) });
    fake.failNext({ error: -213, message: "User has not followed OA" });
    expect(await send(channel).catch((e) => e)).toBeInstanceOf(RecipientUnreachable);
    fake.failNext({ error: -32, message: "Rate limit" });
    const limited = await send(channel).catch((e) => e);
    expect(limited).toBeInstanceOf(ZaloOaApiError);
    expect(limited).toMatchObject({ code: -32 });
    expect(await send(channel)).toMatch(/^[0-9a-f]{32}$/);
  });

  it("keeps a notification refused with -230 or -234 in the outbox for later", async () => {
    await start();
    const a = app();
    const channel = instance();
    const { person } = await a.store.people.identify({
      channel: "zalo-oa",
      externalId: USER,
      chatId: USER,
      displayName: "An",
      language: "vi",
      at: a.clock(),
    });
    const submission = completeDraft({
      id: "sub-zalo",
      registrantId: person.id,
      status: "accepted",
      code: "DVK-2026-000042",
    });
    await a.store.submissions.create(submission);
    await a.store.notifications.enqueue({
      dedupeKey: "decision:sub-zalo:1",
      personId: person.id,
      kind: "decision",
      payload: { kind: "decision", submissionId: "sub-zalo", action: "accept", reason: null },
      notBefore: a.clock(),
    });
    const dispatcher = createDispatcher({
      store: a.store,
      couriers: [channel],
      translator: a.translator,
      rulebook: a.rulebook,
      tree: a.tree,
      limiter: new RateLimiter({ perChatMs: 0 }),
      clock: a.clock,
      logger: silent,
    });
    for (const error of [-230, -234]) {
      fake.failNext({ error });
      expect(await dispatcher.runOnce()).toBe(0);
      const [kept] = await a.store.notifications.list({ personId: person.id });
      expect(kept).toMatchObject({ status: "pending", sentAt: null });
      expect(kept!.lastError).toContain(String(error));
      expect(kept!.notBefore.getTime()).toBeGreaterThan(a.clock().getTime());
      expect((await a.store.people.identities(person.id))[0]!.undeliverable).toBe(false);
      a.clock.set(new Date(kept!.notBefore.getTime() + 1000));
    }
    expect(await dispatcher.runOnce()).toBe(1);
    expect(fake.texts(USER).at(-1)).toContain("DVK-2026-000042");
  });

  it("ends the night pause at 07:00 in Vietnam", () => {
    expect(nextLocalHour(vn("2026-03-10T22:15:00"), 7)).toEqual(vn("2026-03-11T07:00:00"));
    expect(nextLocalHour(vn("2026-03-11T05:59:00"), 7)).toEqual(vn("2026-03-11T07:00:00"));
    expect(nextLocalHour(vn("2026-03-11T07:00:00"), 7)).toEqual(vn("2026-03-12T07:00:00"));
  });
});

import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { App } from "../../src/app.ts";
import type { Dispatcher } from "../../src/application/delivery/dispatcher.ts";
import { RateLimiter } from "../../src/application/delivery/rate-limiter.ts";
import { notifyArrival, notifyDecision } from "../../src/application/services/notify.ts";
import { queueNudges } from "../../src/application/services/nudges.ts";
import type { ChannelAdapter } from "../../src/bot/adapter.ts";
import { createZaloOaAdapter, type ZaloOaAdapter } from "../../src/bot/zalo-oa/adapter.ts";
import { zaloOaSettings } from "../../src/bot/zalo-oa/settings.ts";
import { loadZbsTemplates } from "../../src/bot/zalo-zbs/templates.ts";
import { run } from "../../src/cli/index.ts";
import type { Store } from "../../src/domain/ports.ts";
import { appDispatcher, appReach } from "../../src/serve.ts";
import { openStore } from "../../src/storage/index.ts";
import { databaseKinds } from "../storage/databases.ts";
import { type TestApp, useApp } from "../support/app.ts";
import { TEST_DATA_KEY, testCipher } from "../support/data-key.ts";
import { FakeZaloOa } from "../support/fake-zalo-oa.ts";
import { FakeZbs, type FakeZbsTemplate } from "../support/fake-zbs.ts";
import { completeDraft, root, vn } from "../support/fixtures.ts";
import { asApp, depsOf } from "../support/serving.ts";
import { SmtpSink } from "../support/smtp-sink.ts";

// The delivery policy end to end: a Zalo OA follower outside the 48-hour window, a Zalo template
// message (a fake ZBS server checking every call), e-mail to a real SMTP server, and what officers
// see when a notification reaches nobody. On PostgreSQL, two instances deliver at once.

const APP_ID = "2553928453557884079";
const SECRET_KEY = "test-oa-secret";
const APP_SECRET = "oa-app-secret";
const OFFICER_ZALO = "6142494823000000001";
const REGISTRANT_ZALO = "6142494823000000002";
const TEMPLATES_FILE = join(root, "config/zbs-templates.example.json");
/** The 7-day nudge before the registration deadline (30/3) is due at 08:00 on 23/3. */
const DIGEST_TIME = vn("2026-03-23T09:00:00");
const HOUR = 3_600_000;

/** The fake knows the example's templates as Zalo approved them. */
async function approvedTemplates(): Promise<Record<string, FakeZbsTemplate>> {
  const templates = await loadZbsTemplates(TEMPLATES_FILE);
  return Object.fromEntries(
    Object.values(templates).map((t) => [
      t.templateId,
      {
        params: Object.fromEntries(Object.entries(t.params).map(([n, p]) => [n, p.maxLength ?? 30])),
        ...(t.content ? { content: t.content } : {}),
      },
    ]),
  );
}

/** The officer added an e-mail address and agreed to be written to there (as /email does). */
async function addEmail(a: TestApp, personId: string): Promise<void> {
  await a.store.people.setEmail(personId, "binh@ninhbinh.gov.vn");
  await a.store.consents.give({
    personId,
    purpose: "contact_email",
    noticeVersion: a.translator.noticeVersion,
    channel: "zalo-oa",
    at: a.clock(),
  });
}

describe.each(databaseKinds)("reaching people outside the chat on $provider", (kind) => {
  const app = useApp(kind, { perTest: true, now: DIGEST_TIME });
  const cleanup: (() => Promise<unknown> | unknown)[] = [];
  afterEach(async () => {
    for (const step of cleanup.splice(0).reverse()) await step();
  });

  interface Setup {
    templates?: boolean;
    email?: boolean;
  }

  /** The OA channel on a fake OA, and what the environment turns on besides. */
  async function fakes(a: TestApp, setup: Setup) {
    const oaFake = await FakeZaloOa.start({
      appId: APP_ID,
      secretKey: SECRET_KEY,
      appSecret: APP_SECRET,
      refreshToken: "ref-0",
      accessToken: "acc-0",
      now: () => a.clock().getTime(),
    });
    cleanup.push(() => oaFake.close());
    const env: Record<string, string> = {
      ZALO_OA_APP_ID: APP_ID,
      ZALO_OA_SECRET_KEY: SECRET_KEY,
      ZALO_OA_APP_SECRET: APP_SECRET,
      ZALO_OA_ACCESS_TOKEN: "acc-0",
      ZALO_OA_REFRESH_TOKEN: "ref-0",
      ZALO_OA_API_ROOT: oaFake.url,
      ZALO_OAUTH_ROOT: oaFake.url,
    };
    let zbs: FakeZbs | undefined;
    if (setup.templates) {
      const fake = await FakeZbs.start({
        templates: await approvedTemplates(),
        // The template API takes the Official Account's own access tokens.
        accepts: (token) => oaFake.acceptsAccess(token),
      });
      zbs = fake;
      cleanup.push(() => fake.close());
      Object.assign(env, { ZALO_ZBS_TEMPLATES: TEMPLATES_FILE, ZALO_ZBS_API_ROOT: fake.url });
    }
    let sink: SmtpSink | undefined;
    if (setup.email) {
      const started = await SmtpSink.start();
      sink = started;
      cleanup.push(() => started.close());
      Object.assign(env, { SMTP_URL: started.url(), MAIL_FROM: '"DVK Bot" <dvk@example.gov.vn>' });
    }
    return { oaFake, zbs, sink, env };
  }

  /** One instance: the configured ways on its own store, as `npm start` wires them. */
  async function instance(a: TestApp, store: Store, env: Record<string, string>, oaUrl: string) {
    const inst: TestApp = { ...a, store };
    const settings = zaloOaSettings.parse(env);
    const oa: ZaloOaAdapter = createZaloOaAdapter(settings, depsOf(inst));
    await oa.tokens.init();
    expect(settings.apiRoot).toBe(oaUrl);
    const test: ChannelAdapter = a.channel();
    const served: App = asApp(inst, env);
    const reach = await appReach(served, [oa]);
    cleanup.push(() => reach.close());
    const dispatcher: Dispatcher = appDispatcher(
      served,
      [oa, test],
      new RateLimiter({ perChatMs: 0, perSecond: 1000 }),
      reach,
    );
    cleanup.push(() => dispatcher.stop());
    return dispatcher;
  }

  /** A Zalo-OA-only officer of two bodies who last wrote three days ago, and a colleague on another channel. */
  async function officers(a: TestApp) {
    const { person: officer } = await a.store.people.identify({
      channel: "zalo-oa",
      externalId: OFFICER_ZALO,
      chatId: OFFICER_ZALO,
      displayName: "Trần Thị Bình",
      language: "vi",
      at: new Date(a.clock().getTime() - 72 * HOUR),
    });
    for (const bodyCode of ["NB-HL-TY", "NB-HL-NH"])
      await a.store.memberships.add({ personId: officer.id, bodyCode, role: "officer" });
    const { person: colleague } = await a.store.people.identify({
      channel: "test",
      externalId: "colleague",
      chatId: "colleague",
      displayName: "Lê Văn Cường",
      language: "vi",
      at: a.clock(),
    });
    await a.store.memberships.add({ personId: colleague.id, bodyCode: "NB-HL-TY", role: "officer" });
    await a.store.submissions.create(
      completeDraft({
        id: "waiting",
        status: "submitted",
        code: "DVK-2026-000007",
        registrantId: colleague.id,
        bodyCode: "NB-HL-TY",
        queueBodyCode: "NB-HL-TY",
        tier: "commune",
        submittedAt: vn("2026-03-12T10:00:00"),
      }),
    );
    return { officer, colleague };
  }

  const digestOf = async (a: TestApp, personId: string) =>
    (await a.store.notifications.list({ personId, kind: "nudge" }))[0]!;

  it("sends the 7-day digest to a Zalo OA officer outside the window as a template message, exactly once", async () => {
    const a = app();
    const { oaFake, zbs, env } = await fakes(a, { templates: true });
    const { officer } = await officers(a);
    const first = await instance(a, a.store, env, oaFake.url);
    const dispatchers = [first];
    const stores = [a.store];
    if (kind.provider === "postgres") {
      // A second instance on the same database, with its own connections.
      const second = await openStore(a.url, { cipher: testCipher() });
      cleanup.push(() => second.close());
      stores.push(second);
      dispatchers.push(await instance(a, second, env, oaFake.url));
    }
    for (let round = 0; round < 3; round++) {
      await Promise.all(stores.map((s) => queueNudges(s, a.rulebook, a.clock())));
      await Promise.all(dispatchers.map((d) => d.runOnce()));
    }
    expect(zbs!.violations()).toEqual([]);
    expect(zbs!.delivered).toHaveLength(1);
    expect(zbs!.delivered[0]).toMatchObject({
      userId: OFFICER_ZALO,
      templateId: "412303",
      data: {
        han: "Đăng ký mô hình mới, nhân rộng",
        ngay_het_han: "30/03/2026",
        so_ngay: "7",
        so_ho_so: "1",
      },
    });
    expect(zbs!.delivered[0]!.data.don_vi).toContain("Trường Yên");
    // No free message wasted on Zalo's -230 outside the window.
    expect(oaFake.messages(OFFICER_ZALO)).toEqual([]);
    const digest = await digestOf(a, officer.id);
    expect(digest).toMatchObject({ status: "sent", sentChannel: "zalo-template" });
    const attempts = await a.store.deliveries.ofNotification(digest.id);
    expect(attempts.map((t) => [t.way, t.result, t.reason, t.costVnd])).toEqual([
      ["zalo-oa", "refused_for_now", "outside_window", 0],
      ["zalo-template", "sent", null, 200],
    ]);
  });

  it("sends the digest by e-mail when no template is configured but the officer added an address", async () => {
    const a = app();
    const { oaFake, sink, env } = await fakes(a, { email: true });
    const { officer } = await officers(a);
    await addEmail(a, officer.id);
    const dispatcher = await instance(a, a.store, env, oaFake.url);
    await queueNudges(a.store, a.rulebook, a.clock());
    await dispatcher.runOnce();
    const mail = sink!.to("binh@ninhbinh.gov.vn");
    expect(mail).toHaveLength(1);
    expect(mail[0]!.parsed.subject).toContain("Nhắc hạn: Đăng ký mô hình mới, nhân rộng");
    expect(mail[0]!.parsed.headers.get("content-language")).toBe("vi");
    expect(mail[0]!.parsed.text).toContain("Gõ /hangdoi để xử lý.");
    // The digest of two bodies is a table in the HTML part.
    expect(mail[0]!.parsed.html).toContain("<table");
    expect(mail[0]!.parsed.html).toContain("Chờ tiếp nhận");
    expect(oaFake.messages(OFFICER_ZALO)).toEqual([]);
    const digest = await digestOf(a, officer.id);
    expect(digest).toMatchObject({ status: "sent", sentChannel: "email" });
  });

  it("marks the digest unreached when there is neither, and lists it to the body's other officers and in the CLI", async () => {
    const a = app();
    const { oaFake, env } = await fakes(a, {});
    const { officer } = await officers(a);
    const dispatcher = await instance(a, a.store, env, oaFake.url);
    await queueNudges(a.store, a.rulebook, a.clock());
    await dispatcher.runOnce();
    // Still hoping the officer writes (the window would open again): not unreached yet.
    expect(await digestOf(a, officer.id)).toMatchObject({ status: "pending" });
    expect(await a.send("colleague", "/hangdoi")).not.toContain("chưa đến được ai");

    // A day later nobody has been reached: unreached, for the colleagues to act on.
    a.clock.set(new Date(DIGEST_TIME.getTime() + 25 * HOUR));
    await dispatcher.runOnce();
    const digest = await digestOf(a, officer.id);
    expect(digest).toMatchObject({ status: "unreached" });
    expect(await a.send("colleague", "/huy")).toBeDefined();
    expect(await a.send("colleague", "/hangdoi")).toContain("⚠ 1 thông báo chưa đến được ai: Trần Thị Bình.");
    expect(oaFake.messages(OFFICER_ZALO)).toEqual([]);

    const saved = { ...process.env };
    Object.assign(process.env, {
      DATABASE_URL: a.url,
      DATA_ENCRYPTION_KEY: TEST_DATA_KEY,
      LOG_LEVEL: "silent",
      DVK_NOW: a.clock().toISOString(),
    });
    try {
      const out: string[] = [];
      const io = { out: (t: string) => out.push(t), err: (t: string) => out.push(t) };
      expect(await run(["deliveries", "list", "--unreached", "--body", "NB-HL-TY"], io)).toBe(0);
      expect(out.join("\n")).toMatch(/nudge_digest\tNB-HL-NH,NB-HL-TY\tTrần Thị Bình\t-\t/);
      out.length = 0;
      expect(await run(["deliveries", "list", "--unreached", "--json"], io)).toBe(0);
      const listed = JSON.parse(out.join("\n")) as { name: string; kind: string }[];
      expect(listed.map((e) => [e.kind, e.name])).toEqual([["nudge_digest", "Trần Thị Bình"]]);
    } finally {
      process.env = saved;
    }
  });

  it("gives a registrant who wrote an hour ago the decision as a free OA message, not a paid template", async () => {
    const a = app();
    const { oaFake, zbs, env } = await fakes(a, { templates: true });
    const { person } = await a.store.people.identify({
      channel: "zalo-oa",
      externalId: REGISTRANT_ZALO,
      chatId: REGISTRANT_ZALO,
      language: "vi",
      at: new Date(a.clock().getTime() - HOUR),
    });
    const s = completeDraft({
      id: "decided",
      status: "accepted",
      code: "DVK-2026-000009",
      registrantId: person.id,
      bodyCode: "NB-HL-TY",
      queueBodyCode: "NB-HL-TY",
    });
    await a.store.submissions.create(s);
    await a.store.transaction((repos) =>
      notifyDecision(
        repos,
        s,
        {
          id: "e1",
          submissionId: s.id,
          actorId: null,
          actorRole: "officer",
          action: "accept",
          from: "submitted",
          to: "accepted",
          reason: null,
          at: a.clock(),
          data: {},
        },
        a.clock(),
      ),
    );
    const dispatcher = await instance(a, a.store, env, oaFake.url);
    await dispatcher.runOnce();
    expect(oaFake.texts(REGISTRANT_ZALO).join("\n")).toContain("DVK-2026-000009");
    expect(zbs!.calls).toEqual([]);
    const [n] = await a.store.notifications.list({ personId: person.id });
    expect(n).toMatchObject({ status: "sent", sentChannel: "zalo-oa" });
    const attempts = await a.store.deliveries.ofNotification(n!.id);
    expect(attempts.map((t) => [t.way, t.result, t.costVnd])).toEqual([["zalo-oa", "sent", 0]]);
  });

  it("retries a template refused for the day's quota later (never at night), then sends it", async () => {
    const a = app();
    const { oaFake, zbs, env } = await fakes(a, { templates: true });
    const { officer } = await officers(a);
    const dispatcher = await instance(a, a.store, env, oaFake.url);
    await queueNudges(a.store, a.rulebook, a.clock());
    // The OA's daily quota is spent (and stays spent this afternoon).
    zbs!.failNext({ error: -144, times: 2 });
    await dispatcher.runOnce();
    let digest = await digestOf(a, officer.id);
    expect(digest).toMatchObject({ status: "pending" });
    // Tried again at the sooner of the OA window's recheck (6 h) and the quota's midnight.
    expect(digest.notBefore).toEqual(vn("2026-03-23T15:00:00"));
    a.clock.set(vn("2026-03-23T15:00:00"));
    await dispatcher.runOnce();
    expect((await digestOf(a, officer.id)).notBefore).toEqual(vn("2026-03-23T21:00:00"));
    a.clock.set(vn("2026-03-23T21:00:00"));
    await dispatcher.runOnce();
    // 21:00 is the quiet hours: the digest waits for the morning.
    expect(zbs!.delivered).toHaveLength(0);
    expect((await digestOf(a, officer.id)).notBefore).toEqual(vn("2026-03-24T07:00:00"));
    a.clock.set(vn("2026-03-24T07:00:00"));
    await dispatcher.runOnce();
    expect(zbs!.delivered).toHaveLength(1);
    expect(zbs!.violations()).toEqual([]);
    digest = await digestOf(a, officer.id);
    expect(digest).toMatchObject({ status: "sent", sentChannel: "zalo-template" });
    const attempts = await a.store.deliveries.ofNotification(digest.id);
    expect(attempts.map((t) => [t.way, t.result, t.reason])).toEqual([
      ["zalo-oa", "refused_for_now", "outside_window"],
      ["zalo-template", "refused_for_now", "quota"],
      ["zalo-oa", "refused_for_now", "outside_window"],
      ["zalo-template", "refused_for_now", "quota"],
      ["zalo-oa", "refused_for_now", "outside_window"],
      ["zalo-template", "sent", null],
    ]);
  });

  it("shares the OA's access token: a refused token is refreshed once through the OA's OAuth, for both", async () => {
    const a = app();
    const { oaFake, zbs, env } = await fakes(a, { templates: true });
    await officers(a);
    const dispatcher = await instance(a, a.store, env, oaFake.url);
    oaFake.expireAccessTokens();
    await queueNudges(a.store, a.rulebook, a.clock());
    await dispatcher.runOnce();
    expect(zbs!.delivered).toHaveLength(1);
    const used = zbs!.delivered[0]!.accessToken;
    expect(used).not.toBe("acc-0");
    // The refreshed token is the OA's own: the OA API takes it too.
    expect(oaFake.acceptsAccess(used)).toBe(true);
    expect(zbs!.calls.filter((c) => c.error === -124)).toHaveLength(1);
  });

  it("sends a template by phone, normalised to 84…, only to someone who consented to be contacted by phone", async () => {
    const a = app();
    const { oaFake, zbs, env } = await fakes(a, { templates: true });
    const registrant = async (name: string, phone: string, consent: boolean) => {
      const { person } = await a.store.people.identify({
        channel: "test",
        externalId: name,
        chatId: name,
        language: "vi",
        at: a.clock(),
      });
      // They blocked the bot on their chat channel.
      await a.store.people.setUndeliverable("test", name, true);
      if (consent)
        await a.store.consents.give({
          personId: person.id,
          purpose: "contact_phone",
          noticeVersion: a.translator.noticeVersion,
          channel: "test",
          at: a.clock(),
        });
      const s = completeDraft({
        id: `s-${name}`,
        status: "returned",
        code: name === "agreed" ? "DVK-2026-000021" : "DVK-2026-000022",
        registrantId: person.id,
        contactPhone: phone,
        bodyCode: "NB-HL-TY",
        queueBodyCode: "NB-HL-TY",
      });
      await a.store.submissions.create(s);
      await a.store.transaction((repos) =>
        notifyDecision(
          repos,
          s,
          {
            id: `e-${name}`,
            submissionId: s.id,
            actorId: null,
            actorRole: "officer",
            action: "return",
            from: "submitted",
            to: "returned",
            reason: "Bổ sung ảnh",
            at: a.clock(),
            data: {},
          },
          a.clock(),
        ),
      );
      return person;
    };
    const agreed = await registrant("agreed", "0912 345 678", true);
    const silentOne = await registrant("silent", "0987 654 321", false);
    const dispatcher = await instance(a, a.store, env, oaFake.url);
    await dispatcher.runOnce();
    expect(zbs!.violations()).toEqual([]);
    expect(zbs!.delivered.map((d) => [d.phone, d.templateId, d.data.ma_ho_so, d.data.ket_qua])).toEqual([
      ["84912345678", "412302", "DVK-2026-000021", "cần bổ sung thêm"],
    ]);
    const [sent] = await a.store.notifications.list({ personId: agreed.id });
    expect(sent).toMatchObject({ status: "sent", sentChannel: "zalo-template" });
    // No consent, no other way: nobody can reach them, so it is unreached at once.
    const [unreached] = await a.store.notifications.list({ personId: silentOne.id });
    expect(unreached).toMatchObject({ status: "unreached" });
  });

  it("refuses to start when a kind the policy sends by template has no template, naming the variable", async () => {
    const a = app();
    const { oaFake, env } = await fakes(a, { templates: true });
    const { mkdtempSync, readFileSync, writeFileSync } = await import("node:fs");
    const { tmpdir } = await import("node:os");
    const file = join(mkdtempSync(join(tmpdir(), "dvk-zbs-")), "templates.json");
    const { decision: _dropped, ...rest } = JSON.parse(readFileSync(TEMPLATES_FILE, "utf8"));
    writeFileSync(file, JSON.stringify(rest));
    await expect(instance(a, a.store, { ...env, ZALO_ZBS_TEMPLATES: file }, oaFake.url)).rejects.toThrow(
      /ZALO_ZBS_TEMPLATES: .*decision: no template/s,
    );
    const wrongSource = { ...JSON.parse(readFileSync(TEMPLATES_FILE, "utf8")) };
    wrongSource.decision.params.ma_ho_so.source = "days_left";
    writeFileSync(file, JSON.stringify(wrongSource));
    await expect(instance(a, a.store, { ...env, ZALO_ZBS_TEMPLATES: file }, oaFake.url)).rejects.toThrow(
      /decision\.params\.ma_ho_so\.source: a decision has no days_left/,
    );
  });

  it("e-mails an arrival to an officer outside the window, and the decision on it follows in the same thread", async () => {
    const a = app();
    const { oaFake, sink, env } = await fakes(a, { email: true });
    const { officer } = await officers(a);
    await addEmail(a, officer.id);
    const s = completeDraft({
      id: "arrived",
      status: "submitted",
      code: "DVK-2026-000031",
      registrantId: "someone",
      bodyCode: "NB-HL-NH",
      queueBodyCode: "NB-HL-NH",
      tier: "commune",
      submittedAt: a.clock(),
    });
    await a.store.submissions.create(s);
    await a.store.transaction((repos) => notifyArrival(repos, s, a.clock()));
    const dispatcher = await instance(a, a.store, env, oaFake.url);
    await dispatcher.runOnce();
    const [arrival] = sink!.to("binh@ninhbinh.gov.vn");
    expect(arrival!.parsed.subject).toContain("DVK-2026-000031");
    await a.store.transaction((repos) =>
      notifyDecision(
        repos,
        { ...s, status: "accepted", version: s.version + 1 },
        {
          id: "e-arrived",
          submissionId: s.id,
          actorId: null,
          actorRole: "committee",
          action: "accept",
          from: "submitted",
          to: "accepted",
          reason: null,
          at: a.clock(),
          data: {},
        },
        a.clock(),
      ),
    );
    await dispatcher.runOnce();
    const mails = sink!.to("binh@ninhbinh.gov.vn");
    expect(mails).toHaveLength(2);
    expect(mails[1]!.parsed.inReplyTo).toBe(arrival!.parsed.messageId);
    expect(oaFake.messages(OFFICER_ZALO)).toEqual([]);
  });
});

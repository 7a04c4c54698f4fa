import { afterEach, describe, expect, it } from "vitest";
import { notifyDecision } from "../../src/application/services/notify.ts";
import type { Serving } from "../../src/serve.ts";
import { databaseKinds } from "../storage/databases.ts";
import { type TestApp, useApp } from "../support/app.ts";
import { type FakeTelegram, startFakeTelegram } from "../support/fake-telegram.ts";
import { completeDraft } from "../support/fixtures.ts";
import { serveTest, telegramOn } from "../support/serving.ts";
import { SmtpSink } from "../support/smtp-sink.ts";
import { TelegramUser } from "../support/telegram-driver.ts";

// An officer adds an e-mail address in chat (/email, confirmed by the code sent to it), then
// blocks the Telegram bot: a decision reaches them by e-mail at a real SMTP server, in their
// language, and nothing goes to Telegram again until they write.

const ADDRESS = "lan.tran@ninhbinh.gov.vn";

describe.each(databaseKinds)("an officer who blocked the Telegram bot on $provider", (kind) => {
  const app = useApp(kind, { perTest: true });
  let fake: FakeTelegram | undefined;
  let sink: SmtpSink | undefined;
  let serving: Serving | undefined;
  afterEach(async () => {
    await serving?.stop();
    await fake?.close();
    await sink?.close();
  });

  /** A decision on one of the officer's own registrations, queued as the decision service queues it. */
  async function decide(a: TestApp, personId: string, n: number) {
    const s = completeDraft({
      id: `own-${n}`,
      status: "accepted",
      code: `DVK-2026-00001${n}`,
      registrantId: personId,
      bodyCode: "NB-TP-NN",
      queueBodyCode: "NB-TP-NN",
    });
    await a.store.submissions.create(s);
    await a.store.transaction((repos) =>
      notifyDecision(
        repos,
        s,
        {
          id: `e-${n}`,
          submissionId: s.id,
          actorId: null,
          actorRole: "committee",
          action: "accept",
          from: "submitted",
          to: "accepted",
          reason: null,
          data: {},
          at: a.clock(),
        },
        a.clock(),
      ),
    );
    await serving!.dispatcher.runOnce();
    return (await a.store.notifications.list({ personId, kind: "decision" })).find(
      (x) => (x.payload as { submissionId: string }).submissionId === s.id,
    )!;
  }

  it("confirms the address by a code, then delivers by e-mail in English, skipping Telegram until they write", async () => {
    const a = app();
    fake = await startFakeTelegram();
    sink = await SmtpSink.start();
    serving = await serveTest(a, [telegramOn(a, fake)], {
      SMTP_URL: sink.url(),
      MAIL_FROM: '"DVK Bot" <dvk@example.gov.vn>',
    });
    const lan = new TelegramUser(fake, {
      id: 7001,
      first_name: "Lan",
      last_name: "Trần",
      language_code: "en",
    });
    await lan.say("/help");
    const personId = (await a.store.people.personOf("telegram", "7001"))!;
    await a.store.memberships.add({ personId, bodyCode: "NB-TP-NN", role: "officer" });

    // A citizen may not: /email is for officers and committee members.
    const citizen = new TelegramUser(fake, { id: 7002, first_name: "An", language_code: "vi" });
    await citizen.say(`/email an@example.vn`);
    expect(sink.received).toHaveLength(0);

    await lan.say(`/email ${ADDRESS}`);
    expect(lan.transcript()).toContain(`a 6-digit confirmation code to ${ADDRESS}`);
    await sink.waitFor(1);
    const codeMail = sink.to(ADDRESS)[0]!;
    expect(codeMail.parsed.headers.get("content-language")).toBe("en");
    const code = /code is (\d{6})/.exec(codeMail.parsed.text ?? "")![1]!;
    await lan.say("000000" === code ? "111111" : "000000");
    expect(lan.transcript()).toContain("That code is not right");
    await lan.say(code);
    expect(lan.transcript()).toContain(`${ADDRESS} confirmed`);
    expect(await a.store.people.email(personId)).toEqual({ address: ADDRESS, refused: false });
    expect((await a.store.consents.ofPerson(personId)).map((c) => c.purpose)).toContain("contact_email");

    // Reachable on Telegram: the decision goes there, not by e-mail.
    const first = await decide(a, personId, 1);
    expect(first).toMatchObject({ status: "sent", sentChannel: "telegram" });
    expect(sink.to(ADDRESS)).toHaveLength(1);

    fake.block(lan.user);
    const before = fake.callsOf("sendMessage").length;
    const second = await decide(a, personId, 2);
    expect(second).toMatchObject({ status: "sent", sentChannel: "email" });
    const mails = sink.to(ADDRESS);
    expect(mails).toHaveLength(2);
    const decision = mails[1]!.parsed;
    expect(decision.subject).toMatch(/^Your registration DVK-2026-000012/);
    expect(decision.headers.get("content-language")).toBe("en");
    expect(decision.text).toContain("DVK-2026-000012");
    expect(decision.html).toContain('<html lang="en">');
    const attempts = await a.store.deliveries.ofNotification(second.id);
    expect(attempts.map((t) => [t.way, t.result])).toEqual([
      ["telegram", "refused_for_good"],
      ["email", "sent"],
    ]);
    // One refused try on Telegram (the 403), then nothing more there.
    const telegramTries = () =>
      fake!
        .callsOf("sendMessage")
        .slice(before)
        .filter((c) => String(c.params.chat_id) === "7001");
    expect(telegramTries()).toHaveLength(1);
    const third = await decide(a, personId, 3);
    expect(third).toMatchObject({ status: "sent", sentChannel: "email" });
    expect(telegramTries()).toHaveLength(1);
    expect(sink.to(ADDRESS)).toHaveLength(3);

    // They unblock the bot and write: Telegram again.
    fake.unblock(lan.user);
    await lan.say("/help");
    const fourth = await decide(a, personId, 4);
    expect(fourth).toMatchObject({ status: "sent", sentChannel: "telegram" });
    expect(sink.to(ADDRESS)).toHaveLength(3);

    // What the bot holds about them includes the address.
    await lan.say("/mydata");
    expect(lan.transcript()).toContain(`email (${ADDRESS})`);
  });
});

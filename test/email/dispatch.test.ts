import { afterEach, describe, expect, it } from "vitest";
import { createEmailCourier } from "../../src/bot/email/courier.ts";
import { createMailer, DEFER_MS, type Mailer } from "../../src/bot/email/mailer.ts";
import type { Language } from "../../src/domain/types.ts";
import { databaseKinds } from "../storage/databases.ts";
import { useApp } from "../support/app.ts";
import { completeDraft } from "../support/fixtures.ts";
import { SmtpSink } from "../support/smtp-sink.ts";
import { dispatcherFor, silent } from "../zalo/support.ts";

// The e-mail courier as the notifications dispatcher uses it (the dispatcher unchanged): a person
// whose channel identity is "email", the address as its chat id.

describe("notifications by e-mail through the dispatcher", () => {
  const app = useApp(databaseKinds[0]!, { perTest: true });
  let sink: SmtpSink;
  let mailer: Mailer;

  afterEach(async () => {
    mailer?.close();
    await sink?.close();
  });

  async function setup(address: string, language: Language) {
    const a = app();
    sink = await SmtpSink.start();
    mailer = createMailer({
      smtpUrl: sink.url(),
      from: "dvk@example.gov.vn",
      logger: silent,
      clock: a.clock,
    });
    const { person } = await a.store.people.identify({
      channel: "email",
      externalId: address,
      chatId: address,
      displayName: "Nguyễn Văn An",
      language,
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
    const dispatcher = dispatcherFor(a, [createEmailCourier({ mailer })]);
    return { a, dispatcher, person };
  }

  it("delivers a decision in the registrant's language and records the channel", async () => {
    const { a, dispatcher } = await setup("an@example.vn", "en");
    expect(await dispatcher.runOnce()).toBe(1);
    expect(sink.to("an@example.vn")).toHaveLength(1);
    expect(sink.received[0]!.parsed.subject).toMatch(/^Your registration DVK-2026-000001/);
    expect(await a.store.notifications.byKey("k")).toMatchObject({ status: "sent", sentChannel: "email" });
  });

  it("marks an address the server refuses for good undeliverable, and the notification unreached", async () => {
    const { a, dispatcher, person } = await setup("gone@example.vn", "vi");
    sink.refuse("gone@example.vn", 550);
    expect(await dispatcher.runOnce()).toBe(0);
    expect(await a.store.notifications.byKey("k")).toMatchObject({ status: "unreached" });
    expect((await a.store.people.identities(person.id))[0]!.undeliverable).toBe(true);
  });

  it("keeps a deferred message (4xx) in the outbox until the server may take it", async () => {
    const { a, dispatcher, person } = await setup("busy@example.vn", "vi");
    sink.refuse("busy@example.vn", 451, "4.3.0 Try again later");
    expect(await dispatcher.runOnce()).toBe(0);
    const n = await a.store.notifications.byKey("k");
    expect(n).toMatchObject({ status: "pending" });
    expect(n!.notBefore).toEqual(new Date(a.clock().getTime() + DEFER_MS));
    expect(n!.lastError).toContain("451");
    expect(n!.lastError).not.toContain("busy@example.vn");
    expect((await a.store.people.identities(person.id))[0]!.undeliverable).toBe(false);
  });
});

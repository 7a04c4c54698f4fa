// Who sees what: contact details masked in the CLI's lists unless asked for, every export in the
// trail, and a revoked member's buttons stop working at once.
import { describe, expect, it } from "vitest";
import { allowedDecisions } from "../../src/domain/status.ts";
import { databaseKinds } from "../storage/databases.ts";
import { useApp } from "../support/app.ts";
import { runDvk } from "../support/cli.ts";
import { registerModel } from "../support/registration.ts";

const cli = (url: string, args: string[]) => runDvk(args, { DATABASE_URL: url });

describe.each(databaseKinds)("who sees what on $provider", (kind) => {
  const app = useApp(kind);

  it("masks phones and names in `submissions list --json` unless --with-contacts, and audits every list", async () => {
    const a = app();
    await registerModel(a, "citizen");
    const masked = await cli(a.url, ["submissions", "list", "--json"]);
    expect(masked.code).toBe(0);
    const [row] = JSON.parse(masked.out);
    expect(row.contactPhone).toBe("*******678");
    expect(masked.out).not.toContain("0912345678");
    // The contact's name as the phone: enough to tell two apart, not to read it.
    expect(row.contactName).toBe("N***** V** A*");
    expect(masked.out).not.toContain("Nguyễn Văn An");
    const full = await cli(a.url, ["submissions", "list", "--json", "--with-contacts", "--body", "NB-TP-NN"]);
    expect(JSON.parse(full.out)[0].contactPhone).toBe("0912345678");
    expect(JSON.parse(full.out)[0].contactName).toBe("Nguyễn Văn An");
    const exports = await a.store.privacyLog.list({ action: "export" });
    expect(exports.map((e) => [e.actor, e.bodyCode, e.detail.format])).toEqual([
      ["cli", null, "json"],
      ["cli", "NB-TP-NN", "json"],
    ]);
    expect(exports[1]!.detail.columns).toContain("contacts");
    expect(exports[0]!.detail.columns).not.toContain("contacts");
  });

  it("ends a membership with `membership revoke`: listed before, audited, and the member's buttons refused at once", async () => {
    const a = app();
    const officer = await a.store.people.identify({
      channel: "test",
      externalId: "officer",
      chatId: "officer",
      displayName: "Cán bộ Hà",
      language: "vi",
      at: a.clock(),
    });
    await a.store.memberships.add({ personId: officer.person.id, bodyCode: "NB-TP-NN", role: "officer" });
    const listed = await cli(a.url, ["membership", "list", "--body", "NB-TP-NN"]);
    expect(listed.out).toContain(`NB-TP-NN\tofficer\t${officer.person.id}\tCán bộ Hà`);
    const [submission] = (await a.store.submissions.list({ status: "submitted" })).filter(
      (s) => s.queueBodyCode === "NB-TP-NN",
    );
    // Before: the button would decide.
    expect(
      allowedDecisions(submission!, await a.store.memberships.ofPerson(officer.person.id), a.rulebook),
    ).toContain("accept");

    const revoked = await cli(a.url, [
      "membership",
      "revoke",
      "--person",
      officer.person.id,
      "--body",
      "NB-TP-NN",
    ]);
    expect(revoked.out).toBe(`Ended: officer of NB-TP-NN for ${officer.person.id}.`);
    expect(await a.store.memberships.ofPerson(officer.person.id)).toEqual([]);
    expect((await a.store.privacyLog.list({ action: "membership.end" }))[0]).toMatchObject({
      actor: "cli",
      personId: officer.person.id,
      bodyCode: "NB-TP-NN",
    });
    // The arrival's "Tiếp nhận" button, pressed after the revocation: refused, nothing decided.
    const pressed = await a
      .channel()
      .say("officer", { kind: "action", action: "accept", target: submission!.id });
    expect(pressed).not.toContain("Đã tiếp nhận");
    expect((await a.store.submissions.get(submission!.id))?.status).toBe("submitted");
    const again = await cli(a.url, [
      "membership",
      "revoke",
      "--person",
      officer.person.id,
      "--body",
      "NB-TP-NN",
    ]);
    expect(again.code).toBe(2);
  });
});

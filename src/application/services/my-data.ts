import ExcelJS from "exceljs";
import type { Erasure, MyData } from "../../dialogs/effects.ts";
import type { OutgoingFile } from "../../dialogs/view.ts";
import type { Repositories } from "../../domain/ports.ts";
import {
  ERASED,
  PURPOSES,
  type Purpose,
  personalNeedles,
  recordKeptUntil,
  withoutPersonalData,
} from "../../domain/privacy.ts";
import type { Rulebook } from "../../domain/rulebook/schema.ts";
import type { Language, PersonId, Submission } from "../../domain/types.ts";
import type { Translator } from "../i18n.ts";

/**
 * The person's rights over their data (/dulieu): to see it, get a copy, withdraw consent and
 * erase it. Every request goes to the personal-data trail.
 */

export interface RequestContext {
  personId: PersonId;
  channel: string;
  chatId: string;
  now: Date;
}

async function trail(
  repos: Repositories,
  c: RequestContext,
  action: "data.view" | "data.copy" | "consent.withdraw" | "data.erase",
  detail: Record<string, unknown> = {},
) {
  await repos.privacyLog.record({
    at: c.now,
    actor: c.personId,
    personId: c.personId,
    action,
    bodyCode: null,
    detail: { channel: c.channel, ...detail },
  });
}

/** Everything held about the person, and nothing about anyone else (officers stay unnamed). */
export async function loadMyData(repos: Repositories, c: RequestContext, record = true): Promise<MyData> {
  const person = await repos.people.get(c.personId);
  const registrations = await repos.submissions.ofPerson(c.personId);
  const history: MyData["history"] = {};
  for (const s of registrations)
    history[s.id] = (await repos.submissions.history(s.id)).map((e) => ({
      action: e.action,
      from: e.from,
      to: e.to,
      at: e.at,
      reason: e.reason,
    }));
  const email = await repos.people.email(c.personId);
  const data: MyData = {
    person: {
      id: c.personId,
      displayName: person?.displayName ?? "",
      language: person?.language ?? "vi",
      lastChannel: person?.lastChannel ?? null,
      lastActiveAt: person?.lastActiveAt ?? null,
    },
    identities: [
      ...(await repos.people.identities(c.personId)).map((i) => ({
        channel: i.channel,
        externalId: i.externalId,
        lastActiveAt: i.lastActiveAt,
      })),
      // The address confirmed with /email is held too.
      ...(email
        ? [{ channel: "email", externalId: email.address, lastActiveAt: person?.lastActiveAt ?? c.now }]
        : []),
    ],
    consents: await repos.consents.ofPerson(c.personId),
    registrations,
    history,
    notifications: (await repos.notifications.list({ personId: c.personId }))
      .filter((n) => n.status === "pending")
      .map((n) => ({ kind: n.kind, status: n.status, notBefore: n.notBefore })),
    memberships: await repos.memberships.ofPerson(c.personId),
    requests: (await repos.privacyLog.list({ personId: c.personId })).map((e) => ({
      action: e.action,
      at: e.at,
    })),
  };
  if (record) await trail(repos, c, "data.view");
  return data;
}

/** The copy as files: the whole record as JSON, and a workbook a person can open. */
export async function myDataFiles(
  repos: Repositories,
  c: RequestContext,
  speaker: { translator: Translator; language: Language },
): Promise<OutgoingFile[]> {
  const data = await loadMyData(repos, c, false);
  await trail(repos, c, "data.copy", { registrations: data.registrations.length });
  const day = c.now.toISOString().slice(0, 10);
  const say = (key: string) => speaker.translator.text(speaker.language, { key: `my_data.file.${key}` });
  const workbook = new ExcelJS.Workbook();
  const sheet = (name: string, columns: string[], rows: unknown[][]) => {
    const ws = workbook.addWorksheet(say(name));
    ws.addRow(columns.map(say)).font = { bold: true };
    for (const row of rows) ws.addRow(row.map((v) => (v instanceof Date ? v.toISOString() : (v ?? ""))));
    ws.columns.forEach((col) => {
      col.width = 24;
    });
  };
  sheet(
    "accounts",
    ["channel", "account", "last_active"],
    data.identities.map((i) => [i.channel, i.externalId, i.lastActiveAt]),
  );
  sheet(
    "consents",
    ["purpose", "notice", "channel", "given", "ended"],
    data.consents.map((k) => [k.purpose, k.noticeVersion, k.channel, k.givenAt, k.endedAt]),
  );
  sheet(
    "registrations",
    ["code", "status", "year", "unit", "address", "contact", "phone", "model", "submitted"],
    data.registrations.map((s) => [
      s.code ?? "",
      s.status,
      s.cycleYear || "",
      s.unitName,
      s.address,
      s.contactName,
      s.contactPhone,
      s.description.model_name ?? "",
      s.submittedAt,
    ]),
  );
  sheet(
    "notifications",
    ["kind", "status", "due"],
    data.notifications.map((n) => [n.kind, n.status, n.notBefore]),
  );
  return [
    {
      kind: "document",
      name: `du-lieu-cua-toi-${day}.json`,
      data: Buffer.from(JSON.stringify(data, null, 2)),
    },
    {
      kind: "document",
      name: `du-lieu-cua-toi-${day}.xlsx`,
      data: Buffer.from(await workbook.xlsx.writeBuffer()),
    },
  ];
}

/** A draft's answers without the personal ones (withdrawing consent leaves the rest to go on with). */
function draftWithoutPersonalData(s: Submission): Submission {
  const individual = s.registrantKind === "individual";
  return {
    ...s,
    contactName: null,
    contactPhone: null,
    unitName: individual ? null : s.unitName,
    address: individual ? null : s.address,
  };
}

/**
 * Withdrawing is as easy as agreeing: every consent ends (or only the ones named), drafts lose
 * their personal answers when the registration's consent ends, and the person's models leave the
 * public gallery when the publication's does.
 */
export async function withdrawConsent(
  repos: Repositories,
  c: RequestContext,
  purposes: readonly Purpose[] = PURPOSES,
) {
  const ended = await repos.consents.withdraw(c.personId, purposes, c.now);
  const unpublished = purposes.includes("publication") ? await repos.gallery.unpublishPerson(c.personId) : 0;
  // The e-mail address was kept only to reach them by it: it goes with that consent.
  if (purposes.includes("contact_email")) await repos.people.setEmail(c.personId, null);
  let drafts = 0;
  if (!purposes.includes("registration")) {
    await trail(repos, c, "consent.withdraw", { ended, drafts, purposes: [...purposes], unpublished });
    return { ended, drafts, unpublished, purposes: [...purposes] };
  }
  for (const s of await repos.submissions.ofPerson(c.personId)) {
    if (s.status !== "draft") continue;
    const cleared = draftWithoutPersonalData(s);
    if (JSON.stringify(cleared) === JSON.stringify(s)) continue;
    await repos.submissions.saveEdits(cleared);
    drafts++;
  }
  await trail(repos, c, "consent.withdraw", { ended, drafts, purposes: [...purposes], unpublished });
  return { ended, drafts, unpublished, purposes: [...purposes] };
}

/**
 * Erasure: drafts deleted; submitted registrations lose the person's name, phone (and an
 * individual's own name and address) unless the rulebook keeps them for the record — said with
 * until when; channel accounts unlinked, the person anonymised, memberships ended.
 */
export async function eraseMyData(
  repos: Repositories,
  c: RequestContext,
  rulebook: Rulebook,
): Promise<Erasure> {
  const person = await repos.people.get(c.personId);
  const submissions = await repos.submissions.ofPerson(c.personId);
  const needles = personalNeedles(submissions, person?.displayName ?? "");
  const result: Erasure = { drafts: 0, cleared: [], kept: [], identities: [], memberships: [] };
  for (const s of submissions) {
    if (s.status === "draft") {
      if (await repos.submissions.deleteDraft(s.id, c.personId)) result.drafts++;
      continue;
    }
    const until = recordKeptUntil(s, rulebook, c.now);
    if (until) {
      result.kept.push({ code: s.code ?? s.id, until });
      continue;
    }
    await repos.submissions.erasePersonal(withoutPersonalData(s, needles), needles);
    result.cleared.push(s.code ?? s.id);
  }
  result.identities = [...new Set((await repos.people.identities(c.personId)).map((i) => i.channel))];
  for (const m of await repos.memberships.ofPerson(c.personId)) {
    await repos.memberships.remove(m);
    result.memberships.push(m);
    await repos.privacyLog.record({
      at: c.now,
      actor: c.personId,
      personId: c.personId,
      action: "membership.end",
      bodyCode: m.bodyCode,
      detail: { role: m.role, reason: "erasure" },
    });
  }
  await repos.consents.withdraw(c.personId, PURPOSES, c.now);
  await repos.gallery.unpublishPerson(c.personId);
  await repos.people.erase(c.personId, c.now, { channel: c.channel, chatId: c.chatId });
  await trail(repos, c, "data.erase", {
    drafts: result.drafts,
    cleared: result.cleared,
    kept: result.kept.map((k) => ({ code: k.code, until: k.until.toISOString() })),
    placeholder: ERASED,
  });
  return result;
}

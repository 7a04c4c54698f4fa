import type { Repositories } from "../../domain/ports.ts";
import type { Purpose } from "../../domain/privacy.ts";
import type { PersonId } from "../../domain/types.ts";

/** Who gives or declines a consent, from which channel, when. */
export interface ConsentContext {
  personId: PersonId;
  channel: string;
  now: Date;
}

export async function giveConsent(
  repos: Repositories,
  c: ConsentContext,
  input: { purpose: Purpose; noticeVersion: string },
): Promise<void> {
  await repos.consents.give({ personId: c.personId, channel: c.channel, at: c.now, ...input });
  await repos.privacyLog.record({
    at: c.now,
    actor: c.personId,
    personId: c.personId,
    action: "consent.give",
    bodyCode: null,
    detail: { ...input, channel: c.channel },
  });
}

export async function declineConsent(
  repos: Repositories,
  c: ConsentContext,
  purpose: Purpose,
): Promise<void> {
  await repos.privacyLog.record({
    at: c.now,
    actor: c.personId,
    personId: c.personId,
    action: "consent.decline",
    bodyCode: null,
    detail: { purpose, channel: c.channel },
  });
}

/** Every export of registrations (chat, command line) goes to the trail: who, when, which body, which columns. */
export async function recordExport(
  repos: Repositories,
  input: {
    actor: string;
    bodyCode: string | null;
    format: string;
    columns: readonly string[];
    rows: number;
    at: Date;
  },
): Promise<void> {
  await repos.privacyLog.record({
    at: input.at,
    actor: input.actor,
    personId: null,
    action: "export",
    bodyCode: input.bodyCode,
    detail: { format: input.format, columns: [...input.columns], rows: input.rows },
  });
}

import { z } from "zod";
import type { Rulebook } from "./rulebook/schema.ts";
import type { Submission } from "./types.ts";

/**
 * Personal data under Law 91/2025/QH15: what is consented to, per purpose, under which version of
 * the notice. A consent covers one purpose; a new notice version asks again.
 */

/**
 * What personal data is processed for: a registration's handling, (separately) publishing a
 * recognised model, and reaching the person outside the chat — by an e-mail address they added
 * (/email), by Zalo template messages to their phone number.
 */
export const PURPOSES = ["registration", "publication", "contact_email", "contact_phone"] as const;
export type Purpose = (typeof PURPOSES)[number];

/** The live consents of a person: purpose → the notice version consented to. */
export type Consents = Partial<Record<Purpose, string>>;

export function hasConsent(consents: Consents, purpose: Purpose, noticeVersion: string): boolean {
  return consents[purpose] === noticeVersion;
}

/** The notice as the operator writes it (notice/privacy-notice.json): versioned, in both languages. */
const noticeText = z.strictObject({
  /** Who controls the data when DATA_CONTROLLER_NAME is not set. */
  controller: z.string().min(1),
  /** How to reach the controller when DATA_CONTROLLER_CONTACT is not set. */
  contact: z.string().min(1),
  /** Shown before the first personal question, with the choices. */
  summary: z.string().min(1),
  /** "Read the full notice". */
  full: z.string().min(1),
  /** What each way of contact outside the chat means, shown when the person adds it (/email). */
  purposes: z.strictObject({ contact_email: z.string().min(1), contact_phone: z.string().min(1) }).optional(),
  /** Asked apart, when a recognised model may be published in the public gallery. */
  publication: z.string().min(1),
});

export const noticeSchema = z.strictObject({
  version: z.string().regex(/^[\w.-]{1,40}$/, { message: "a short version label, e.g. 2026-01" }),
  vi: noticeText,
  en: noticeText,
});

export type Notice = z.output<typeof noticeSchema>;

/** The answers of a registration that are personal data: an individual's own name and address, any contact. */
export function personalFields(s: Submission): (keyof Submission)[] {
  const fields: (keyof Submission)[] = ["contactName", "contactPhone"];
  if (s.registrantKind === "individual") fields.push("unitName", "address");
  return fields;
}

/** Whether a registration holds any personal data yet. */
export function holdsPersonalData(s: Submission): boolean {
  return personalFields(s).some((f) => s[f] !== null && s[f] !== "");
}

/** What an erased value becomes where the record needs something to show (a unit's name). */
export const ERASED = "—";

/** Until when a submitted registration's personal data is kept for the record, or null when not kept. */
export function recordKeptUntil(
  s: Submission,
  rulebook: Pick<Rulebook, "retention">,
  now: Date,
): Date | null {
  const months = rulebook.retention.recordMonths;
  const from = s.decidedAt ?? s.submittedAt;
  if (months === 0 || s.status === "draft" || !from) return null;
  const until = new Date(from);
  until.setUTCMonth(until.getUTCMonth() + months);
  return until > now ? until : null;
}

/** A needle as a pattern: digits match across spaces, dots and dashes ("0912 345 678"), words without case. */
function needlePattern(needle: string): RegExp {
  const literal = (c: string) => c.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const digits = needle.replace(/\D/g, "");
  const body =
    digits.length >= 8 && digits.length === needle.replace(/[\s.+()-]/g, "").length
      ? // A phone: its last nine digits, however they are grouped or prefixed.
        digits.slice(-9).split("").map(literal).join("[\\s.()-]*")
      : literal(needle.normalize("NFC"));
  return new RegExp(body, "giu");
}

/** Removes the given names and numbers from a free text (what a person wrote about themselves). */
export function scrubText(text: string, needles: readonly string[]): string {
  return needles
    .filter((n) => n.trim().length >= 4)
    .reduce((out, needle) => out.replace(needlePattern(needle), ERASED), text.normalize("NFC"));
}

/**
 * A submitted registration without its registrant's personal data: the contact gone, an
 * individual's own name and address replaced, and their names and numbers taken out of the texts.
 */
export function withoutPersonalData(s: Submission, needles: readonly string[]): Submission {
  const scrubAll = (record: Record<string, string | undefined>) =>
    Object.fromEntries(
      Object.entries(record).map(([k, v]) => [k, v === undefined ? v : scrubText(v, needles)]),
    );
  const individual = s.registrantKind === "individual";
  return {
    ...s,
    contactName: null,
    contactPhone: null,
    unitName: individual && s.unitName !== null ? ERASED : s.unitName,
    address: individual && s.address !== null ? ERASED : s.address,
    description: scrubAll(s.description) as Submission["description"],
    results: s.results && {
      ...s.results,
      outcomes: scrubAll(s.results.outcomes) as typeof s.results.outcomes,
    },
  };
}

/** The names and numbers that identify the registrant in their own registrations. */
export function personalNeedles(submissions: readonly Submission[], displayName: string): string[] {
  const values = submissions.flatMap((s) => personalFields(s).map((f) => s[f]));
  return [
    ...new Set([displayName, ...values].filter((v): v is string => typeof v === "string" && v.trim() !== "")),
  ];
}

/**
 * A submission as a list keeps it between two messages (the dialog's state): without the contact
 * and an individual's address, which a list never shows; opening an item reads it afresh.
 */
export function forListing(s: Submission): Submission {
  return {
    ...s,
    contactName: null,
    contactPhone: null,
    address: s.registrantKind === "individual" ? null : s.address,
  };
}

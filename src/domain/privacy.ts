import { z } from "zod";
import type { Submission } from "./types.ts";

/**
 * Personal data under Law 91/2025/QH15: what is consented to, per purpose, under which version of
 * the notice. A consent covers one purpose; a new notice version asks again.
 */

/** What personal data is processed for: a registration's handling, and (separately) publishing a recognised model. */
export const PURPOSES = ["registration", "publication"] as const;
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

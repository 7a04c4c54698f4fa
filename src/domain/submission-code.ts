import type { SubmissionCode } from "./types.ts";

/** `DVK-<year>-<6 digits>`, e.g. DVK-2026-000123. */
export function formatSubmissionCode(year: number, sequence: number): SubmissionCode {
  return `DVK-${year}-${String(sequence).padStart(6, "0")}`;
}

/** A code as someone types it ("dvk 2026 123", "DVK-2026-000123") in canonical form, or null. */
export function parseSubmissionCode(text: string): SubmissionCode | null {
  const m = /^\s*dvk[\s_-]*(\d{4})[\s_-]*(\d{1,6})\s*$/i.exec(text);
  return m ? formatSubmissionCode(Number(m[1]), Number(m[2])) : null;
}

/** Invitation codes travel in Telegram deep links: A–Z a–z 0–9 _ -, 1–64 characters. */
export function isInvitationCode(text: string): boolean {
  return /^[A-Za-z0-9_-]{1,64}$/.test(text);
}

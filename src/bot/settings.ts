import { z } from "zod";

/**
 * Pieces for reading a section of the environment with zod. A section's schema is keyed by the
 * variables themselves, so a problem names the variable (`TELEGRAM_WEBHOOK_SECRET: …`).
 */

export type Env = Record<string, string | undefined>;

/** A variable that may be unset or blank (both mean unset). */
export const optional = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === "" ? undefined : v.trim()));

export const required = (what: string) => optional.pipe(z.string({ message: `required: ${what}` }));

/** An http(s) base URL, without its trailing slash, or the default. */
export const url = (fallback: string) =>
  z
    .string()
    .optional()
    .transform((v) => (v?.trim() ? v.trim().replace(/\/+$/, "") : fallback))
    .pipe(z.url({ message: "expected an http(s) URL" }));

/** A webhook secret: at least 32 random characters, so it cannot be guessed. */
export const webhookSecret = (max = 256) =>
  optional.pipe(
    z
      .string({ message: "required: at least 32 characters of A–Z a–z 0–9 _ -" })
      .regex(/^[A-Za-z0-9_-]+$/, { message: `expected 32–${max} characters of A–Z a–z 0–9 _ -` })
      .min(32, { message: `expected 32–${max} characters of A–Z a–z 0–9 _ - (a long random secret)` })
      .max(max, { message: `expected 32–${max} characters of A–Z a–z 0–9 _ -` }),
  );

import { z } from "zod";
import { type EmailSettings, emailSettings } from "./email/settings.ts";
import type { Env } from "./settings.ts";
import { CHANNEL as ZALO_OA } from "./zalo-oa/updates.ts";
import { type ZbsSettings, zbsSettings } from "./zalo-zbs/settings.ts";

/**
 * The environment's ways to reach people outside a chat: SMTP_URL and MAIL_FROM (e-mail),
 * ZALO_ZBS_* (Zalo template messages, with the OA's token), and ZALO_OA_WINDOW_HOURS (how long
 * after a person's last message the OA may write to them freely). Each section is read when its
 * main variable is set, and then checked whole.
 */
export interface OutsideSettings {
  email: Partial<EmailSettings>;
  zbs: Partial<ZbsSettings>;
  /** Per chat channel, the interaction window in hours. */
  windowHours: Record<string, number>;
}

const HOURS = "expected a number of hours above 0";
const windowHours = z
  .string()
  .optional()
  .transform((v) => (v?.trim() ? Number(v) : 48))
  .pipe(z.number({ message: HOURS }).positive({ message: HOURS }));

type Read = { ok: true; settings: OutsideSettings } | { ok: false; variable: string; message: string };

const failed = (issues: z.core.$ZodIssue[]): Read => ({
  ok: false,
  variable: String(issues[0]!.path[0] ?? "environment"),
  message: issues[0]!.message,
});

export function readOutsideSettings(env: Env, channels: readonly string[]): Read {
  let email: Partial<EmailSettings> = {};
  if (env.SMTP_URL?.trim() || env.MAIL_FROM?.trim()) {
    const read = emailSettings.safeParse(env);
    if (!read.success) return failed(read.error.issues);
    email = read.data;
  }
  let zbs: Partial<ZbsSettings> = {};
  if (env.ZALO_ZBS_TEMPLATES?.trim()) {
    const read = zbsSettings.safeParse(env);
    if (!read.success) return failed(read.error.issues);
    if (!channels.includes(ZALO_OA))
      return {
        ok: false,
        variable: "ZALO_ZBS_TEMPLATES",
        message:
          "Zalo template messages are sent with the Official Account's token: set the ZALO_OA_* variables too",
      };
    zbs = read.data;
  }
  const window = windowHours.safeParse(env.ZALO_OA_WINDOW_HOURS);
  if (!window.success) return { ok: false, variable: "ZALO_OA_WINDOW_HOURS", message: HOURS };
  return { ok: true, settings: { email, zbs, windowHours: { [ZALO_OA]: window.data } } };
}

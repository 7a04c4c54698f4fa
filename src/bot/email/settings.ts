import { z } from "zod";
import { optional } from "../settings.ts";

/**
 * SMTP_URL and MAIL_FROM: the mail server notifications go out through, and the sender. Not yet
 * read by config.ts: whoever wires e-mail delivery parses this section when SMTP_URL is set.
 */
export const emailSettings = z
  .object({
    SMTP_URL: optional.pipe(
      z
        .string({ message: "required: smtp://user:pass@host:587 or smtps://user:pass@host:465" })
        .regex(/^smtps?:\/\/[^/?#\s]+/i, {
          message: "expected smtp://user:pass@host:587 or smtps://user:pass@host:465",
        }),
    ),
    MAIL_FROM: optional.pipe(
      z
        .string({ message: 'required with SMTP_URL: an address, e.g. "DVK Bot" <dvk@example.gov.vn>' })
        .regex(/^(?:[^<>]*<)?[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+>?$/, {
          message: 'expected an address, e.g. dvk@example.gov.vn or "DVK Bot" <dvk@example.gov.vn>',
        }),
    ),
  })
  .transform((env) => ({ smtpUrl: env.SMTP_URL, from: env.MAIL_FROM }));

export type EmailSettings = z.output<typeof emailSettings>;

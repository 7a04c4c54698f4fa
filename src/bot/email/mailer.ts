import nodemailer, { type NodemailerError } from "nodemailer";
import { RecipientUnreachable, RetryLater } from "../../application/delivery/courier.ts";
import { type Logger, redact } from "../../application/logger.ts";
import type { Language } from "../../domain/types.ts";
import type { EmailAttachment } from "./render.ts";

/**
 * Sending e-mail over SMTP (nodemailer). `SMTP_URL` is `smtp://user:pass@host:587` (STARTTLS when
 * the server offers it) or `smtps://user:pass@host:465` (TLS from the start); nodemailer's query
 * options work too (`?tls.rejectUnauthorized=false` for a server with its own certificate).
 *
 * What the server answers decides what the dispatcher does: a 5xx to RCPT TO or DATA (unknown
 * user, mailbox refused) is RecipientUnreachable — that address is not tried again —, a 4xx is
 * RetryLater, anything else (no connection, refused login, refused sender) a MailerError the
 * dispatcher retries with backoff. No error, and no log line, carries an address or a password.
 */

export interface MailerOptions {
  /** SMTP_URL. */
  smtpUrl: string;
  /** MAIL_FROM: `dvk@example.gov.vn` or `"DVK Bot" <dvk@example.gov.vn>`. */
  from: string;
  logger: Logger;
  clock?: () => Date;
  /** Connection, greeting and socket timeouts; default 15 s. */
  timeoutMs?: number;
  /** Keep connections open between messages (default true); close() ends them. */
  pool?: boolean;
  /** How long a 4xx postpones the message; default 5 minutes. */
  deferMs?: number;
}

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html: string;
  language?: Language;
  attachments?: EmailAttachment[];
  /** The Message-ID of an earlier message this one follows up (threads in mail clients). */
  inReplyTo?: string;
}

export interface Mailer {
  /** Sends one message; resolves with its Message-ID. */
  send(mail: OutgoingMail): Promise<string>;
  /** Connects and logs in, to check the settings. */
  verify(): Promise<void>;
  close(): void;
}

/** The mail server failed or refused in a way that says nothing about the recipient. */
export class MailerError extends Error {
  override readonly name = "MailerError";
  constructor(
    message: string,
    /** Nodemailer's code: ECONNECTION, ETIMEDOUT, EAUTH, EENVELOPE… */
    readonly code: string | undefined,
    readonly responseCode: number | undefined,
  ) {
    super(redact(message));
  }
}

export const DEFER_MS = 5 * 60_000;

/** A single plain address, nothing a header could be smuggled into. */
const ADDRESS = /^[^\s@<>()[\]",;:\\]+@[^\s@<>()[\]",;:\\]+\.[^\s@<>()[\]",;:\\]+$/;

export function isEmailAddress(value: string): boolean {
  return value.length <= 254 && ADDRESS.test(value);
}

/** Where the server said no, as short safe text: the command and the reply, addresses removed. */
function describe(error: NodemailerError): string {
  const reply = (error.response ?? error.message ?? "").replace(/\s+/g, " ").slice(0, 300);
  return redact(`SMTP ${error.command ?? "connection"} failed: ${reply}`);
}

/** What a failed send means for the dispatcher. */
export function smtpFailure(error: unknown, now: Date, deferMs = DEFER_MS): Error {
  const e = error as NodemailerError;
  const message = describe(e);
  const code = e.responseCode;
  const command = (e.command ?? "").toUpperCase();
  const aboutRecipient = command.startsWith("RCPT") || command === "DATA" || command.startsWith("BDAT");
  if (code !== undefined && code >= 500 && code !== 503 && aboutRecipient)
    return new RecipientUnreachable(message);
  if (code !== undefined && code >= 400 && code < 500)
    return new RetryLater(new Date(now.getTime() + deferMs), "deferred", message);
  return new MailerError(message, e.code, code);
}

export function createMailer(options: MailerOptions): Mailer {
  const clock = options.clock ?? (() => new Date());
  const timeout = options.timeoutMs ?? 15_000;
  const pool = options.pool ?? true;
  const settings = {
    url: options.smtpUrl,
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: timeout,
    logger: false,
    debug: false,
  };
  const transport = pool
    ? nodemailer.createTransport({ ...settings, pool: true })
    : nodemailer.createTransport(settings);

  return {
    async send(mail) {
      if (!isEmailAddress(mail.to)) throw new RecipientUnreachable("not an e-mail address");
      try {
        const info = await transport.sendMail({
          from: options.from,
          to: mail.to,
          subject: mail.subject,
          text: mail.text,
          html: mail.html,
          attachments: mail.attachments ?? [],
          headers: {
            ...(mail.language ? { "Content-Language": mail.language } : {}),
            "Auto-Submitted": "auto-generated",
          },
          ...(mail.inReplyTo ? { inReplyTo: mail.inReplyTo, references: [mail.inReplyTo] } : {}),
        });
        options.logger.debug("email sent");
        return String(info.messageId);
      } catch (error) {
        const failure = smtpFailure(error, clock(), options.deferMs);
        options.logger.warn("email not sent", {
          outcome: failure.name,
          command: (error as NodemailerError).command,
          responseCode: (error as NodemailerError).responseCode,
        });
        throw failure;
      }
    },
    async verify() {
      try {
        await transport.verify();
      } catch (error) {
        throw smtpFailure(error, clock(), options.deferMs);
      }
    },
    close() {
      transport.close();
    },
  };
}

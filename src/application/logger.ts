import { INVITATION_ALPHABET, INVITATION_CODE_LENGTH } from "./services/invitations.ts";
import { LINK_CODE_ALPHABET } from "./services/link.ts";

/**
 * A small levelled logger that never writes tokens, secrets, invitation or link codes, phone
 * numbers or e-mail addresses, at any level: every line goes through `redact` before it is written.
 */

export type LogLevel = "debug" | "info" | "warn" | "error" | "silent";
const RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 99 };

export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

export interface LoggerOptions {
  /** Configured secret values (bot tokens, webhook secrets, app secrets), written as "<secret>". */
  secrets?: readonly string[];
}

/** Shorter values would blank out ordinary words and numbers; no real secret is that short. */
const MIN_SECRET_LENGTH = 8;

const WORD_START = String.raw`(?<![\p{L}\p{N}_])`;
const LABEL = String.raw`[\p{L}_]*["']?\s*[:=]?\s*["']?`;
// Where a person's code follows: a deep link, the start and link commands, or a labelled value.
const INVITE_BEFORE = String.raw`([?&]start(?:group)?=|${WORD_START}\/?(?:start|batdau)\s+|${WORD_START}(?:code|invite|invitation|moi|mời)${LABEL})`;
const LINK_COMMAND_BEFORE = String.raw`(${WORD_START}\/?(?:lienket|link)\s+|${WORD_START}(?:lienket|link)${LABEL})`;
const CODE_END = String.raw`(?![\p{L}\p{N}_-])`;
const LINK_HALF = `[${LINK_CODE_ALPHABET}]{4}`;

// Case-insensitive so that "/Start", "Code:" and a link code typed in lower case are caught; the
// character classes then also take a few look-alike letters the alphabets leave out, which only
// redacts a little more.
const CODES: [RegExp, string][] = [
  [
    new RegExp(`${INVITE_BEFORE}[${INVITATION_ALPHABET}]{${INVITATION_CODE_LENGTH}}${CODE_END}`, "giu"),
    "$1<code>",
  ],
  [new RegExp(`${LINK_COMMAND_BEFORE}${LINK_HALF}[\\s-]?${LINK_HALF}${CODE_END}`, "giu"), "$1<code>"],
  // A link code as the bot shows it (ABCD-EFGH) after "code": the dash keeps ordinary words out.
  [new RegExp(`${INVITE_BEFORE}${LINK_HALF}-${LINK_HALF}${CODE_END}`, "giu"), "$1<code>"],
];

/**
 * A Vietnamese phone number in any common writing, nationally with its leading 0 or
 * internationally with +84, 84 or 0084 (in parentheses or not, "(0)" after it or not), digits
 * grouped by spaces, dots, dashes or parentheses: mobiles (0 + 9 digits, 3–9 after the 0),
 * landlines (02 + 8 or 9 digits, area code often in parentheses) and the older 11-digit mobiles
 * (01…). No digit may touch either end and the first digit after the prefix is never 0, so years,
 * submission codes (DVK-2026-000123), timestamps, ports, ids and counts are left alone.
 */
const GAP = String.raw`[\s.\-()]{0,3}`;
const SUBSCRIBER = String.raw`(?:2(?:${GAP}\d){8,9}|1(?:${GAP}\d){9}|[3-9](?:${GAP}\d){8})(?!\d)`;
const INTERNATIONAL = String.raw`\(?(?:\+|00)?84\)?[\s.-]{0,2}(?:\(0\)[\s.-]{0,2})?\(?`;
const NATIONAL = String.raw`\(?0`;
const PHONE = new RegExp(String.raw`(?<![\d+])(?:${INTERNATIONAL}|${NATIONAL})${SUBSCRIBER}`, "g");

const REDACTIONS: [RegExp, string][] = [
  [/\b\d{6,}:[A-Za-z0-9_-]{20,}\b/g, "<bot-token>"],
  [/(bot)[A-Za-z0-9:_-]{20,}/g, "$1<token>"],
  [
    /("?(?:access_token|refresh_token|secret_key|secret[-_]token|app_secret|password|token)"?\s*[:=]\s*"?)[^"\s,&}]+/gi,
    "$1<redacted>",
  ],
  // The workspace's one-time sign-in link carries its token after the '#'.
  [/(\/signin#)[A-Za-z0-9_-]+/g, "$1<code>"],
  [/postgres(?:ql)?:\/\/([^:/@\s]+):[^@\s]+@/g, "postgresql://$1:<redacted>@"],
  [/(smtps?):\/\/([^:/@\s]+):[^@\s]+@/gi, "$1://$2:<redacted>@"],
  // Starts only where a run of address characters starts, so a long run without "@" costs one pass.
  [/(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}\b/g, "<email>"],
  // Codes before phones: a code's digits could otherwise be read as part of a number.
  ...CODES,
  [PHONE, "<phone>"],
];

/** The forms a secret may be written in, longest first: one secret may contain another. */
function secretForms(secrets: readonly string[]): string[] {
  const forms = secrets
    .filter((s) => s.length >= MIN_SECRET_LENGTH)
    .flatMap((s) => [s, encodeURIComponent(s)]);
  return [...new Set(forms)].sort((a, b) => b.length - a.length);
}

/** A redaction that also replaces the given secret values wherever they occur. */
export function redactor(secrets: readonly string[] = []): (text: string) => string {
  const forms = secretForms(secrets);
  return (text) =>
    REDACTIONS.reduce(
      (out, [pattern, replacement]) => out.replace(pattern, replacement),
      forms.reduce((out, secret) => out.split(secret).join("<secret>"), text),
    );
}

/** Removes tokens, codes, phone numbers and e-mail addresses from text bound for a log. */
export const redact: (text: string) => string = redactor();

function render(fields: Record<string, unknown> | undefined): string {
  if (!fields) return "";
  const parts = Object.entries(fields).map(([k, v]) => {
    const value = v instanceof Error ? v.message : typeof v === "string" ? v : JSON.stringify(v);
    return `${k}=${value}`;
  });
  return parts.length ? ` ${parts.join(" ")}` : "";
}

export function createLogger(
  level: LogLevel,
  write: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
  options: LoggerOptions = {},
): Logger {
  const clean = redactor(options.secrets);
  const log = (at: Exclude<LogLevel, "silent">) => (message: string, fields?: Record<string, unknown>) => {
    if (RANK[at] < RANK[level]) return;
    // The timestamp is added after redaction: nothing may mistake it for a number to hide.
    write(`${new Date().toISOString()} ${clean(`${at.toUpperCase()} ${message}${render(fields)}`)}`);
  };
  return { debug: log("debug"), info: log("info"), warn: log("warn"), error: log("error") };
}

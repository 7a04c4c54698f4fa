/** A small levelled logger that never writes tokens, secrets, phone numbers or e-mail addresses. */

export type LogLevel = "debug" | "info" | "warn" | "error" | "silent";
const RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 99 };

export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

const REDACTIONS: [RegExp, string][] = [
  [/\b\d{6,}:[A-Za-z0-9_-]{20,}\b/g, "<bot-token>"],
  [/(bot)[A-Za-z0-9:_-]{20,}/g, "$1<token>"],
  [
    /("?(?:access_token|refresh_token|secret_key|secret_token|password|token)"?\s*[:=]\s*"?)[^"\s,&}]+/gi,
    "$1<redacted>",
  ],
  [/postgres(?:ql)?:\/\/([^:/@\s]+):[^@\s]+@/g, "postgresql://$1:<redacted>@"],
  [/(smtps?):\/\/([^:/@\s]+):[^@\s]+@/gi, "$1://$2:<redacted>@"],
  // Starts only where a run of address characters starts, so a long run without "@" costs one pass.
  [/(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}\b/g, "<email>"],
  [/(?<!\d)(?:\+?84|0)(?:[\s.-]?\d){8,10}(?!\d)/g, "<phone>"],
];

/** Removes secrets, phone numbers and e-mail addresses from text bound for a log. */
export function redact(text: string): string {
  return REDACTIONS.reduce((out, [pattern, replacement]) => out.replace(pattern, replacement), text);
}

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
): Logger {
  const log = (at: Exclude<LogLevel, "silent">) => (message: string, fields?: Record<string, unknown>) => {
    if (RANK[at] < RANK[level]) return;
    write(redact(`${new Date().toISOString()} ${at.toUpperCase()} ${message}${render(fields)}`));
  };
  return { debug: log("debug"), info: log("info"), warn: log("warn"), error: log("error") };
}

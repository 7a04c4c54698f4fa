import { existsSync, readFileSync } from "node:fs";
import { z } from "zod";
import {
  DEFAULT_POLICY,
  type DeliveryPolicy,
  PolicyError,
  parsePolicy,
} from "./application/delivery/policy.ts";
import { createLogger, type Logger } from "./application/logger.ts";
import type { ConfiguredChannel } from "./bot/channel.ts";
import { CHANNELS } from "./bot/channels.ts";
import { parseTrustProxy } from "./bot/http/client-address.ts";
import { type OutsideSettings, readOutsideSettings } from "./bot/reach-settings.ts";
import { type Env, optional } from "./bot/settings.ts";
import { parseKey } from "./storage/index.ts";

/** A 32-byte key as DATA_ENCRYPTION_KEY takes it. */
const dataKey = z.string().refine(
  (text) => {
    try {
      parseKey(text);
      return true;
    } catch {
      return false;
    }
  },
  { message: "expected a 32-byte key: 64 hex characters or 44 base64 characters" },
);

const PER_SECOND = "expected updates a second (a number; 0 or off: no limit)";
const BURST = "expected a whole number of updates (0 or off: no limit)";

/** A setting of the incoming rate limit: unset for the default, 0 or "off" to switch the limit off. */
const rateSetting = (fallback: number, expected: z.ZodNumber) =>
  z
    .string()
    .optional()
    .transform((v) => {
      const value = v?.trim().toLowerCase();
      if (!value) return fallback;
      return value === "off" ? 0 : Number(value);
    })
    .pipe(expected);

/** The environment of DESIGN §4, validated at start: the core settings, then one section per channel. */

const core = z.object({
  DATABASE_URL: z
    .string()
    .optional()
    .transform((v) => v?.trim() || "file:./data/dvk.db")
    .pipe(
      z.string().regex(/^(file:|postgres:\/\/|postgresql:\/\/)/, {
        message: "expected file:<path> or postgresql://…",
      }),
    ),
  /** The address the outside world reaches this server at (webhooks, links to the workspace). */
  PUBLIC_URL: optional.pipe(z.url({ message: "expected an https URL" }).optional()),
  HTTP_HOST: z
    .string()
    .optional()
    .transform((v) => v?.trim() || "127.0.0.1"),
  /**
   * The reverse proxies in front of the server: a number of hops, or their addresses (CIDR
   * networks too), comma-separated. Decides the client address rate limits and logs use.
   */
  TRUST_PROXY: z
    .string()
    .optional()
    .transform((v, ctx) => {
      try {
        return parseTrustProxy(v);
      } catch (error) {
        ctx.addIssue({
          code: "custom",
          message: `${(error as Error).message}: expected a number of proxies (1) or their addresses (10.0.0.5, 10.0.0.0/8)`,
        });
        return z.NEVER;
      }
    }),
  HTTP_PORT: z
    .string()
    .optional()
    .transform((v) => (v?.trim() ? Number(v) : 8080))
    .pipe(z.int({ message: "expected a port number 0–65535" }).min(0).max(65535)),
  RULEBOOK: z
    .string()
    .optional()
    .transform((v) => v?.trim() || "three-tier-2021-2025"),
  ORG_TREE: optional,
  /** The personal-data notice (a JSON file, see notice/privacy-notice.json); the shipped one by default. */
  PRIVACY_NOTICE: optional,
  /** Who controls the data and how to reach them, as the notice says. */
  DATA_CONTROLLER_NAME: optional,
  DATA_CONTROLLER_CONTACT: optional,
  /** Encrypts personal data at rest (AES-256-GCM). Without it a local SQLite database keeps its own key file. */
  DATA_ENCRYPTION_KEY: optional.pipe(dataKey.optional()),
  /** During a rotation: the keys older values were written with, comma-separated. */
  DATA_ENCRYPTION_OLD_KEYS: z
    .string()
    .optional()
    .transform((v) =>
      (v ?? "")
        .split(",")
        .map((k) => k.trim())
        .filter(Boolean),
    )
    .pipe(z.array(dataKey)),
  /** `dvk data rotate-key`: the key to re-encrypt everything under (it becomes DATA_ENCRYPTION_KEY). */
  DATA_ENCRYPTION_NEW_KEY: optional.pipe(dataKey.optional()),
  /** SQLite without DATA_ENCRYPTION_KEY: where the local key is kept (default: beside the database file). */
  DATA_KEY_FILE: optional,
  /** The incoming rate limit per person: sustained updates a second, and how many may come at once. */
  RATE_LIMIT_PER_SECOND: rateSetting(1, z.number({ message: PER_SECOND }).min(0, { message: PER_SECOND })),
  RATE_LIMIT_BURST: rateSetting(10, z.int({ message: BURST }).min(0, { message: BURST })),
  /** The delivery policy per kind of notification (a JSON file); the defaults when unset. */
  DELIVERY_POLICY: optional,
  LOG_LEVEL: z
    .string()
    .optional()
    .transform((v) => v?.trim().toLowerCase() || "info")
    .pipe(
      z.enum(["debug", "info", "warn", "error", "silent"], {
        message: "expected debug, info, warn, error or silent",
      }),
    ),
});

export type Config = z.output<typeof core> & {
  /** The channels to serve: those the environment configures, else the registry's fallback (the terminal chat). */
  channels: ConfiguredChannel[];
  /** The ways to reach each kind of notification (DELIVERY_POLICY over the defaults). */
  policy: DeliveryPolicy;
  /** E-mail and template messages, and the chat channels' interaction windows. */
  outside: OutsideSettings;
};

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    readonly expected: string,
  ) {
    super(`Configuration error: ${variable}: ${expected}`);
    this.name = "ConfigError";
  }
}

function problem(issues: z.core.$ZodIssue[]): ConfigError {
  const issue = issues[0]!;
  return new ConfigError(String(issue.path[0] ?? "environment"), issue.message);
}

/** The channels the registry marks as fallback (the terminal chat), for `dvk chat` and an empty environment. */
export function fallbackChannels(env: Env = process.env): ConfiguredChannel[] {
  return CHANNELS.filter((c) => c.fallback).map((c) => {
    const result = c.configure(env);
    if (!result.ok) throw problem(result.issues);
    return result.channel;
  });
}

/** The configuration from an environment, or a ConfigError naming the first bad variable. */
export function loadConfig(env: Env = process.env): Config {
  const parsed = core.safeParse(env);
  if (!parsed.success) throw problem(parsed.error.issues);
  const channels: ConfiguredChannel[] = [];
  for (const channel of CHANNELS) {
    if (channel.fallback || !channel.configured(env)) continue;
    const result = channel.configure(env);
    if (!result.ok) throw problem(result.issues);
    channels.push(result.channel);
  }
  const outside = readOutsideSettings(
    env,
    channels.map((c) => c.name),
  );
  if (!outside.ok) throw new ConfigError(outside.variable, outside.message);
  return {
    ...parsed.data,
    channels: channels.length ? channels : fallbackChannels(env),
    policy: readPolicy(parsed.data.DELIVERY_POLICY),
    outside: outside.settings,
  };
}

/** The DELIVERY_POLICY file over the defaults. */
function readPolicy(file: string | undefined): DeliveryPolicy {
  if (!file) return DEFAULT_POLICY;
  if (!existsSync(file)) throw new ConfigError("DELIVERY_POLICY", `file not found: ${file}`);
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw new ConfigError("DELIVERY_POLICY", `${file} is not valid JSON: ${(error as Error).message}`);
  }
  try {
    return parsePolicy(data, file);
  } catch (error) {
    if (error instanceof PolicyError) throw new ConfigError("DELIVERY_POLICY", error.message);
    throw error;
  }
}

/** The password in an SMTP URL, if it has one. */
function urlPassword(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    return decodeURIComponent(new URL(url).password) || undefined;
  } catch {
    return undefined;
  }
}

/** The password in a database URL, if it has one. */
function databasePassword(url: string): string | undefined {
  try {
    return decodeURIComponent(new URL(url).password) || undefined;
  } catch {
    return undefined;
  }
}

/**
 * Every secret value the configuration holds, for the logger to replace wherever it appears
 * (a URL, an error message, a response body): the database password, the data encryption keys,
 * and what each channel lists as its own.
 */
export function secretsOf(config: Config): string[] {
  const secrets = [
    databasePassword(config.DATABASE_URL),
    config.DATA_ENCRYPTION_KEY,
    config.DATA_ENCRYPTION_NEW_KEY,
    ...config.DATA_ENCRYPTION_OLD_KEYS,
    ...config.channels.flatMap((c) => c.secrets),
    urlPassword(config.outside?.email.smtpUrl),
  ];
  return secrets.filter((s): s is string => Boolean(s));
}

/** The logger of a configuration: its level, and its secrets kept out of every line. */
export function loggerFor(config: Config): Logger {
  return createLogger(config.LOG_LEVEL, undefined, { secrets: secretsOf(config) });
}

/** The secrets of the environment's configuration, or none when it does not load. */
export function environmentSecrets(env: Env = process.env): string[] {
  try {
    return secretsOf(loadConfig(env));
  } catch {
    return [];
  }
}

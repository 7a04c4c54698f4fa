import { z } from "zod";

/** The environment of DESIGN §4, validated at start. */

const optional = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === "" ? undefined : v.trim()));
const url = (fallback: string) =>
  z
    .string()
    .optional()
    .transform((v) => (v?.trim() ? v.trim().replace(/\/+$/, "") : fallback))
    .pipe(z.url({ message: "expected an http(s) URL" }));
const secret = (min: number, max: number) =>
  optional.pipe(
    z
      .string()
      .regex(/^[A-Za-z0-9_-]+$/, { message: `expected ${min}–${max} characters of A–Z a–z 0–9 _ -` })
      .min(min, { message: `expected ${min}–${max} characters of A–Z a–z 0–9 _ -` })
      .max(max)
      .optional(),
  );

const schema = z
  .object({
    DATABASE_URL: z
      .string()
      .optional()
      .transform((v) => v?.trim() || "file:./data/dvk.db")
      .pipe(
        z.string().regex(/^(file:|postgres:\/\/|postgresql:\/\/)/, {
          message: "expected file:<path> or postgresql://…",
        }),
      ),
    TELEGRAM_BOT_TOKEN: optional.pipe(
      z
        .string()
        .regex(/^\d+:[A-Za-z0-9_-]+$/, { message: "expected a bot token like 123456:ABC-def…" })
        .optional(),
    ),
    TELEGRAM_BOT_USERNAME: optional,
    TELEGRAM_API_ROOT: url("https://api.telegram.org"),
    TELEGRAM_MODE: z
      .string()
      .optional()
      .transform((v) => v?.trim() || "polling")
      .pipe(z.enum(["polling", "webhook"], { message: 'expected "polling" or "webhook"' })),
    TELEGRAM_WEBHOOK_SECRET: secret(1, 256),
    ZALO_BOT_TOKEN: optional,
    ZALO_BOT_API_ROOT: url("https://bot-api.zaloplatforms.com"),
    ZALO_BOT_WEBHOOK_SECRET: secret(8, 256),
    ZALO_OA_APP_ID: optional,
    ZALO_OA_SECRET_KEY: optional,
    ZALO_OA_APP_SECRET: optional,
    ZALO_OA_ACCESS_TOKEN: optional,
    ZALO_OA_REFRESH_TOKEN: optional,
    ZALO_OA_API_ROOT: url("https://openapi.zalo.me"),
    ZALO_OAUTH_ROOT: url("https://oauth.zaloapp.com"),
    /** The address the outside world reaches this server at, for registering webhooks. */
    PUBLIC_URL: optional.pipe(z.url({ message: "expected an https URL" }).optional()),
    HTTP_HOST: z
      .string()
      .optional()
      .transform((v) => v?.trim() || "127.0.0.1"),
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
    LOG_LEVEL: z
      .string()
      .optional()
      .transform((v) => v?.trim().toLowerCase() || "info")
      .pipe(
        z.enum(["debug", "info", "warn", "error", "silent"], {
          message: "expected debug, info, warn, error or silent",
        }),
      ),
  })
  .superRefine((env, ctx) => {
    if (env.TELEGRAM_BOT_TOKEN && env.TELEGRAM_MODE === "webhook" && !env.TELEGRAM_WEBHOOK_SECRET)
      ctx.addIssue({
        code: "custom",
        path: ["TELEGRAM_WEBHOOK_SECRET"],
        message: "required when TELEGRAM_MODE=webhook",
      });
    if (env.ZALO_BOT_TOKEN && !env.ZALO_BOT_WEBHOOK_SECRET)
      ctx.addIssue({
        code: "custom",
        path: ["ZALO_BOT_WEBHOOK_SECRET"],
        message: "required with ZALO_BOT_TOKEN",
      });
    const oa = [
      "ZALO_OA_APP_ID",
      "ZALO_OA_SECRET_KEY",
      "ZALO_OA_APP_SECRET",
      "ZALO_OA_REFRESH_TOKEN",
    ] as const;
    const given = oa.filter((k) => env[k]);
    if (given.length > 0 && given.length < oa.length)
      for (const k of oa.filter((k) => !env[k]))
        ctx.addIssue({ code: "custom", path: [k], message: "required with the other ZALO_OA_* settings" });
  });

export type Config = z.infer<typeof schema>;

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    readonly expected: string,
  ) {
    super(`Configuration error: ${variable}: ${expected}`);
    this.name = "ConfigError";
  }
}

/** The configuration from an environment, or a ConfigError naming the first bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const result = schema.safeParse(env);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  throw new ConfigError(String(issue.path[0] ?? "environment"), issue.message);
}

import { z } from "zod";
import { optional, url, webhookSecret } from "../settings.ts";

/** TELEGRAM_*: polling (one instance) or webhook (any number behind a proxy), told apart by TELEGRAM_MODE. */
const common = {
  TELEGRAM_BOT_TOKEN: z
    .string()
    .trim()
    .regex(/^\d+:[A-Za-z0-9_-]+$/, { message: "expected a bot token like 123456:ABC-def…" }),
  /** Only overrides the username getMe reports (for invitation links). */
  TELEGRAM_BOT_USERNAME: optional,
  TELEGRAM_API_ROOT: url("https://api.telegram.org"),
  PUBLIC_URL: optional.pipe(z.url({ message: "expected an https URL" }).optional()),
};

export const telegramSettings = z
  .preprocess(
    (env: Record<string, unknown>) => ({
      ...env,
      TELEGRAM_MODE: String(env.TELEGRAM_MODE ?? "").trim() || "polling",
    }),
    z.discriminatedUnion(
      "TELEGRAM_MODE",
      [
        z.object({ ...common, TELEGRAM_MODE: z.literal("polling") }),
        z.object({
          ...common,
          TELEGRAM_MODE: z.literal("webhook"),
          TELEGRAM_WEBHOOK_SECRET: webhookSecret(256),
        }),
      ],
      { error: 'expected "polling" or "webhook"' },
    ),
  )
  .transform((env) => ({
    token: env.TELEGRAM_BOT_TOKEN,
    apiRoot: env.TELEGRAM_API_ROOT,
    username: env.TELEGRAM_BOT_USERNAME?.replace(/^@/, ""),
    publicUrl: env.PUBLIC_URL,
    ingress:
      env.TELEGRAM_MODE === "webhook"
        ? ({ mode: "webhook", secret: env.TELEGRAM_WEBHOOK_SECRET } as const)
        : ({ mode: "polling" } as const),
  }));

export type TelegramSettings = z.output<typeof telegramSettings>;

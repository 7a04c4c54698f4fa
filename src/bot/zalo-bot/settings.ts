import { z } from "zod";
import { optional, url, webhookSecret } from "../settings.ts";

/** ZALO_BOT_*: the Zalo Bot Platform, by webhook. */
export const zaloBotSettings = z
  .object({
    ZALO_BOT_TOKEN: z.string().trim().min(1),
    ZALO_BOT_API_ROOT: url("https://bot-api.zaloplatforms.com"),
    ZALO_BOT_WEBHOOK_SECRET: webhookSecret(256),
    PUBLIC_URL: optional.pipe(z.url({ message: "expected an https URL" }).optional()),
  })
  .transform((env) => ({
    token: env.ZALO_BOT_TOKEN,
    apiRoot: env.ZALO_BOT_API_ROOT,
    webhookSecret: env.ZALO_BOT_WEBHOOK_SECRET,
    publicUrl: env.PUBLIC_URL,
  }));

export type ZaloBotSettings = z.output<typeof zaloBotSettings>;

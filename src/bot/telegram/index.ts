import type { ChannelModule } from "../channel.ts";
import { createTelegramAdapter } from "./adapter.ts";
import { type TelegramSettings, telegramSettings } from "./settings.ts";

/** Telegram (grammY's Api): polling or webhook. Enabled by TELEGRAM_BOT_TOKEN. */
export const telegram: ChannelModule<TelegramSettings> = {
  name: "telegram",
  configured: (env) => Boolean(env.TELEGRAM_BOT_TOKEN?.trim()),
  settings: telegramSettings,
  create: (settings, deps) => createTelegramAdapter(settings, deps),
  secrets: (s) => [s.token, s.ingress.mode === "webhook" ? s.ingress.secret : undefined],
  // A Mini App's initData is signed with the bot's token.
  miniAppKey: (s) => s.token,
};

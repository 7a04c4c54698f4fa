import type { ChannelModule } from "../channel.ts";
import { createZaloBotAdapter } from "./adapter.ts";
import { type ZaloBotSettings, zaloBotSettings } from "./settings.ts";

/** The Zalo Bot Platform, by webhook. Enabled by ZALO_BOT_TOKEN. */
export const zaloBot: ChannelModule<ZaloBotSettings> = {
  name: "zalo-bot",
  configured: (env) => Boolean(env.ZALO_BOT_TOKEN?.trim()),
  settings: zaloBotSettings,
  create: (settings, deps) => createZaloBotAdapter(settings, deps),
  secrets: (s) => [s.token, s.webhookSecret],
};

import { type Channel, channel } from "./channel.ts";
import { terminal } from "./console/index.ts";
import { telegram } from "./telegram/index.ts";
import { zaloBot } from "./zalo-bot/index.ts";
import { zaloOa } from "./zalo-oa/index.ts";

/**
 * Every channel the bot can serve. The configuration enables those whose settings are present
 * (the fallback ones when no other is); the server starts each by going through this list.
 * Adding a channel is one folder and one line here.
 */
export const CHANNELS: readonly Channel[] = [
  channel(telegram),
  channel(zaloBot),
  channel(zaloOa),
  channel(terminal),
];

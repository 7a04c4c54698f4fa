import type { ChannelModule } from "../channel.ts";
import { createConsoleAdapter } from "./adapter.ts";
import { type ConsoleSettings, consoleSettings } from "./settings.ts";

/** The terminal chat: started when no other channel is configured (and by `dvk chat`). */
export const terminal: ChannelModule<ConsoleSettings> = {
  name: "console",
  configured: () => false,
  fallback: true,
  settings: consoleSettings,
  create: (settings, deps) => createConsoleAdapter(settings, deps),
};

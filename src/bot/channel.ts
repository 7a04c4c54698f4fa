import type { z } from "zod";
import type { ChannelAdapter, ChannelDeps } from "./adapter.ts";
import type { Env } from "./settings.ts";

/**
 * A channel as the registry knows it: its section of the environment and how to build its
 * adapter. A new channel is a folder exporting one of these, and one line in channels.ts.
 */
export interface ChannelModule<S> {
  name: string;
  /** Whether the environment asks for it (its token is set). */
  configured(env: Env): boolean;
  /** Its section of the environment, validated at start. */
  settings: z.ZodType<S>;
  create(settings: S, deps: ChannelDeps): ChannelAdapter;
  /** The secret values among its settings (tokens, webhook and app secrets), kept out of the logs. */
  secrets?(settings: S): (string | undefined)[];
  /** Started when no other channel is configured (the console). */
  fallback?: boolean;
  /** The key that signs what the platform hands a web app it opens (Telegram's Mini App initData). */
  miniAppKey?(settings: S): string | undefined;
}

/** A channel the configuration enables, its settings read and checked. */
export interface ConfiguredChannel {
  name: string;
  settings: unknown;
  /** Its configured secret values, for the logger to replace wherever they would appear. */
  secrets: string[];
  /** The key that signs the platform's web app data, when it has web apps. */
  miniAppKey?: string;
  create(deps: ChannelDeps): ChannelAdapter;
}

/** A registry entry: a channel module with its settings type hidden behind `configure`. */
export interface Channel {
  name: string;
  fallback: boolean;
  configured(env: Env): boolean;
  /** Reads and checks the channel's settings, or says what is wrong with them. */
  configure(env: Env): { ok: true; channel: ConfiguredChannel } | { ok: false; issues: z.core.$ZodIssue[] };
}

export function channel<S>(module: ChannelModule<S>): Channel {
  return {
    name: module.name,
    fallback: module.fallback === true,
    configured: module.configured,
    configure(env) {
      const parsed = module.settings.safeParse(env);
      if (!parsed.success) return { ok: false, issues: parsed.error.issues };
      const settings = parsed.data;
      const secrets = (module.secrets?.(settings) ?? []).filter((s): s is string => Boolean(s));
      const miniAppKey = module.miniAppKey?.(settings);
      return {
        ok: true,
        channel: {
          name: module.name,
          settings,
          secrets,
          ...(miniAppKey ? { miniAppKey } : {}),
          create: (deps) => module.create(settings, deps),
        },
      };
    },
  };
}

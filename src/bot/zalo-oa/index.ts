import type { ChannelModule } from "../channel.ts";
import { createZaloOaAdapter } from "./adapter.ts";
import { type ZaloOaSettings, zaloOaSettings } from "./settings.ts";

/** A Zalo Official Account, by webhook. Enabled by any of its ZALO_OA_* credentials (then all are needed). */
export const zaloOa: ChannelModule<ZaloOaSettings> = {
  name: "zalo-oa",
  configured: (env) =>
    ["ZALO_OA_APP_ID", "ZALO_OA_SECRET_KEY", "ZALO_OA_APP_SECRET", "ZALO_OA_REFRESH_TOKEN"].some((k) =>
      Boolean(env[k]?.trim()),
    ),
  settings: zaloOaSettings,
  create: (settings, deps) => createZaloOaAdapter(settings, deps),
  // The refreshed tokens live in the database; their JSON fields are redacted by name.
  secrets: (s) => [s.secretKey, s.appSecret, s.refreshToken, s.accessToken],
};

import { z } from "zod";
import { optional, url } from "../settings.ts";

const needed = z
  .string({ message: "required with the other ZALO_OA_* settings" })
  .trim()
  .min(1, { message: "required with the other ZALO_OA_* settings" });

/** ZALO_OA_*: a Zalo Official Account (API v3), by webhook; its tokens are refreshed and kept in the database. */
export const zaloOaSettings = z
  .object({
    ZALO_OA_APP_ID: needed,
    ZALO_OA_SECRET_KEY: needed,
    ZALO_OA_APP_SECRET: needed,
    ZALO_OA_REFRESH_TOKEN: needed,
    ZALO_OA_ACCESS_TOKEN: optional,
    ZALO_OA_API_ROOT: url("https://openapi.zalo.me"),
    ZALO_OAUTH_ROOT: url("https://oauth.zaloapp.com"),
  })
  .transform((env) => ({
    appId: env.ZALO_OA_APP_ID,
    secretKey: env.ZALO_OA_SECRET_KEY,
    appSecret: env.ZALO_OA_APP_SECRET,
    refreshToken: env.ZALO_OA_REFRESH_TOKEN,
    accessToken: env.ZALO_OA_ACCESS_TOKEN,
    apiRoot: env.ZALO_OA_API_ROOT,
    oauthRoot: env.ZALO_OAUTH_ROOT,
  }));

export type ZaloOaSettings = z.output<typeof zaloOaSettings>;

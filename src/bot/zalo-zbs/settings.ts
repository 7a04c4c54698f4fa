import { z } from "zod";
import { optional, url } from "../settings.ts";
import { DEFAULT_ZBS_API_ROOT, DEFAULT_ZBS_PATH } from "./sender.ts";

/**
 * ZALO_ZBS_*: Zalo template messages, sent with the Official Account's token (so only with the
 * ZALO_OA_* section). Not yet read by config.ts: whoever wires the delivery policy parses this
 * section when ZALO_ZBS_TEMPLATES is set.
 */
export const zbsSettings = z
  .object({
    ZALO_ZBS_API_ROOT: url(DEFAULT_ZBS_API_ROOT),
    ZALO_ZBS_PATH: z
      .string()
      .optional()
      .transform((v) => v?.trim() || DEFAULT_ZBS_PATH)
      .pipe(
        z.string().regex(/^\/[A-Za-z0-9/._-]*$/, { message: "expected a path such as /message/template" }),
      ),
    ZALO_ZBS_TEMPLATES: optional.pipe(
      z.string({ message: "required: the path of the template configuration (JSON)" }),
    ),
  })
  .transform((env) => ({
    apiRoot: env.ZALO_ZBS_API_ROOT,
    path: env.ZALO_ZBS_PATH,
    templatesPath: env.ZALO_ZBS_TEMPLATES,
  }));

export type ZbsSettings = z.output<typeof zbsSettings>;

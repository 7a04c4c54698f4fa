import { z } from "zod";
import { languageOf } from "../../application/runner.ts";
import { optional } from "../settings.ts";

/** The terminal chat: who types (one local person), in the language of LANG, files saved to a folder. */
export const consoleSettings = z.object({ LANG: optional, DVK_FILES_DIR: optional }).transform((env) => ({
  user: "local",
  language: languageOf(env.LANG),
  filesDir: env.DVK_FILES_DIR ?? "data/files",
}));

export type ConsoleSettings = z.output<typeof consoleSettings>;

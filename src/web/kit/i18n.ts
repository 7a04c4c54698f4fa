import type { Translator } from "../../application/i18n.ts";
import { type Text, t } from "../../dialogs/view.ts";
import { LANGUAGES, type Language } from "../../domain/types.ts";

/**
 * A page's texts in the page's language, by the locales' full keys: the pages' own under `web.`,
 * and the bot's (`status.accepted`, `rb:fields.economy.name`) where a page says what chat says.
 */
export type Texts = (key: string, params?: Text["params"]) => string;

export function textsFor(translator: Translator, language: Language): Texts {
  return (key, params) => translator.text(language, t(key, params));
}

export function isLanguage(value: string | undefined | null): value is Language {
  return (LANGUAGES as readonly string[]).includes(value ?? "");
}

/** The language a browser asks for first among ours (Vietnamese when it names neither). */
export function fromAcceptLanguage(header: string | undefined): Language {
  for (const part of (header ?? "").split(",")) {
    const tag = part.trim().slice(0, 2).toLowerCase();
    if (isLanguage(tag)) return tag;
  }
  return "vi";
}

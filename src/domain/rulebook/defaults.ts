import type { LocalizedText, Rulebook } from "./schema.ts";

/**
 * Choices a rulebook made where the published texts are silent, so the help screen can say
 * "(mặc định, tỉnh điều chỉnh)" beside them: settings by path (`defaults`), and categories,
 * bodies and criteria sets flagged `default: true`.
 */

/** The note of a setting chosen by default ("calendar.lateRecognition"), or null. */
export function defaultNote(rulebook: Rulebook, path: string): LocalizedText | null {
  return rulebook.defaults.find((d) => d.path === path)?.note ?? null;
}

/** True when the setting at `path` (or a setting above it) is a default. */
export function isDefaultSetting(rulebook: Rulebook, path: string): boolean {
  return rulebook.defaults.some((d) => d.path === path || path.startsWith(`${d.path}.`));
}

/** True when a unit category is the rulebook's own choice rather than a published text's. */
export function isDefaultCategory(rulebook: Rulebook, categoryId: string): boolean {
  return rulebook.unitCategories.find((c) => c.id === categoryId)?.default === true;
}

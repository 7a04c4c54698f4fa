import i18next, { type TFunction } from "i18next";
import en from "../../locales/en.json" with { type: "json" };
import vi from "../../locales/vi.json" with { type: "json" };
import builtInNotice from "../../notice/privacy-notice.json" with { type: "json" };
import { isRaw, type Label, type Text } from "../dialogs/view.ts";
import { type Notice, noticeSchema } from "../domain/privacy.ts";
import type { LocalizedText, Rulebook } from "../domain/rulebook/schema.ts";
import type { Language } from "../domain/types.ts";

/**
 * Every sentence the bot says goes through i18next: the app's texts from locales/*.json
 * (namespace "app"), and the rulebook's own texts (namespace "rb"), so a province's rulebook
 * brings its labels in both languages.
 */

export interface Translator {
  text(language: Language, text: Text): string;
  label(language: Language, label: Label): string;
  /** The version of the personal-data notice it says (consents are recorded against it). */
  noticeVersion: string;
}

/** The notice shipped in notice/privacy-notice.json. */
export const BUILT_IN_NOTICE: Notice = noticeSchema.parse(builtInNotice);

/** Who controls the data and how to reach them, when the deployment names them (DATA_CONTROLLER_*). */
export interface Controller {
  name?: string | undefined;
  contact?: string | undefined;
}

/**
 * The notice's texts (namespace "notice"): the controller filled in now, the rulebook's periods
 * and the version left to i18next, so the operator's file stays plain text with placeholders.
 */
function noticeResources(notice: Notice, controller: Controller, language: Language) {
  const text = notice[language];
  const fill = (s: string) =>
    s
      .replaceAll("{{controller}}", controller.name ?? text.controller)
      .replaceAll("{{contact}}", controller.contact ?? text.contact);
  // An operator's notice without these texts keeps the shipped ones.
  const purposes = text.purposes ?? BUILT_IN_NOTICE[language].purposes ?? {};
  return {
    summary: fill(text.summary),
    full: fill(text.full),
    publication: fill(text.publication),
    purposes,
  };
}

function rulebookResources(rulebook: Rulebook, language: Language) {
  const pick = (text: LocalizedText) => text[language];
  const byId = <T extends { id: string }>(list: T[], f: (x: T) => unknown) =>
    Object.fromEntries(list.map((x) => [x.id, f(x)]));
  return {
    title: pick(rulebook.title),
    note: rulebook.note ? pick(rulebook.note) : "",
    fields: byId(rulebook.fields, (f) => ({ name: pick(f.name), help: pick(f.help) })),
    groups: byId(rulebook.unitCategoryGroups, (g) => pick(g.label)),
    categories: byId(rulebook.unitCategories, (c) => pick(c.label)),
    items: byId(rulebook.description, (d) => ({
      label: pick(d.label),
      hint: pick(d.hint),
      example: pick(d.example),
    })),
    criteria: byId(rulebook.scoring.criteria, (c) => pick(c.label)),
    bands: byId(rulebook.scoring.bands, (b) => pick(b.label)),
    bodies: Object.fromEntries(rulebook.bodyKinds.map((k) => [k.tier, pick(k.name)])),
    // The criteria for each kind of unit (seed 003), item by item.
    kinds: byId(rulebook.unitKindCriteria, (k) => ({
      label: pick(k.label),
      items: Object.fromEntries(k.criteria.map((c, n) => [n, pick(c)])),
    })),
    // Choices the rulebook made where the published texts are silent, by their place in its list.
    defaults: Object.fromEntries(rulebook.defaults.map((d, n) => [n, pick(d.note)])),
  };
}

/** Rendered texts kept by a translator, at most. */
const RENDERED_MAX = 10_000;

export function createTranslator(
  rulebook: Rulebook,
  notice: Notice = BUILT_IN_NOTICE,
  controller: Controller = {},
): Translator {
  const instance = i18next.createInstance();
  instance.init({
    initAsync: false,
    lng: "vi",
    fallbackLng: "vi",
    ns: ["app", "rb", "notice"],
    defaultNS: "app",
    // Plain text everywhere: no HTML escaping (channels send text, never markup).
    interpolation: { escapeValue: false },
    returnNull: false,
    resources: {
      vi: {
        app: vi,
        rb: rulebookResources(rulebook, "vi"),
        notice: noticeResources(notice, controller, "vi"),
      },
      en: {
        app: en,
        rb: rulebookResources(rulebook, "en"),
        notice: noticeResources(notice, controller, "en"),
      },
    },
  });
  const fixed: Record<Language, TFunction> = { vi: instance.getFixedT("vi"), en: instance.getFixedT("en") };
  const render = (language: Language, value: Text) =>
    fixed[language](value.key, value.params ?? {}) as string;
  // Most replies are the same sentences again (prompts, buttons, progress): rendered once each.
  // Only texts without words in their parameters are kept, so that nothing a person typed stays
  // in memory here; the cache is emptied when full rather than grown.
  const rendered = new Map<string, string>();
  const cacheKey = (language: Language, value: Text): string | undefined => {
    if (!value.params) return `${language}\u0000${value.key}`;
    let key = `${language}\u0000${value.key}`;
    for (const name in value.params) {
      const param = value.params[name];
      if (typeof param === "string") return undefined;
      key += `\u0000${name}=${String(param)}`;
    }
    return key;
  };
  const text = (language: Language, value: Text) => {
    const key = cacheKey(language, value);
    if (key === undefined) return render(language, value);
    let result = rendered.get(key);
    if (result === undefined) {
      if (rendered.size >= RENDERED_MAX) rendered.clear();
      result = render(language, value);
      rendered.set(key, result);
    }
    return result;
  };
  return {
    text,
    label: (language, label) => (isRaw(label) ? label.raw : text(language, label)),
    noticeVersion: notice.version,
  };
}

/** Someone the bot writes to: the translator, and the language they read. */
export interface Speaker {
  translator: Translator;
  language: Language;
}

export const say = (s: Speaker, text: Text) => s.translator.text(s.language, text);
export const label = (s: Speaker, l: Label) => s.translator.label(s.language, l);

import { localTime } from "../../domain/calendar.ts";
import type { FieldId, Language } from "../../domain/types.ts";
import type { Translator } from "../i18n.ts";
import type { Report } from "./report.ts";

/** Words and numbers of the reports in one language. */
export interface Words {
  language: Language;
  t(key: string, params?: Record<string, string | number>): string;
  /** 4.110 in Vietnamese, 4,110 in English; one decimal at most (87,5 / 87.5). */
  n(value: number): string;
  /** "năm 2026" / "giai đoạn 2021–2025" (vi), "2026" / "2021–2025" (en). */
  period: string;
  /** "dd/mm/yyyy" in the report's time zone. */
  day(at: Date): string;
}

const numberFormats: Record<Language, Intl.NumberFormat> = {
  vi: new Intl.NumberFormat("vi-VN", { maximumFractionDigits: 1 }),
  en: new Intl.NumberFormat("en-US", { maximumFractionDigits: 1 }),
};

export function formatNumber(value: number, language: Language): string {
  return numberFormats[language].format(value);
}

const two = (n: number) => String(n).padStart(2, "0");

/** The local calendar day of an instant, as a date at 00:00 UTC (how spreadsheets store a day). */
export function spreadsheetDay(at: Date, timeZone: string): Date {
  const l = localTime(at, timeZone);
  return new Date(Date.UTC(l.year, l.month - 1, l.day));
}

export function formatDay(at: Date, timeZone: string): string {
  const l = localTime(at, timeZone);
  return `${two(l.day)}/${two(l.month)}/${l.year}`;
}

/** "2026-03-20": the local day in ISO form, which every spreadsheet reads the same way. */
export function isoDay(at: Date, timeZone: string): string {
  const l = localTime(at, timeZone);
  return `${l.year}-${two(l.month)}-${two(l.day)}`;
}

/** The words of a report, or of any document about a period in a time zone. */
export function words(
  report: Pick<Report, "from" | "to" | "timeZone">,
  translator: Translator,
  language: Language,
): Words {
  const t = (key: string, params?: Record<string, string | number>) =>
    translator.text(language, params ? { key, params } : { key });
  const period =
    report.from === report.to
      ? t("report.period_year", { year: String(report.from) })
      : t("report.period_range", { from: String(report.from), to: String(report.to) });
  return {
    language,
    t,
    n: (value) => formatNumber(value, language),
    period,
    day: (at) => formatDay(at, report.timeZone),
  };
}

/** "I. Lĩnh vực Kinh tế (4 mô hình)": the heading of a field's group in the summary list. */
export function groupHeading(w: Words, group: number, field: FieldId, count: number): string {
  return w.t("report.group", {
    index: roman(group),
    field: w.t(`rb:fields.${field}.name`),
    n: w.n(count),
    count,
  });
}

const ROMAN: [number, string][] = [
  [10, "X"],
  [9, "IX"],
  [5, "V"],
  [4, "IV"],
  [1, "I"],
];

/** I, II, III, IV…: how official lists number their groups. */
export function roman(value: number): string {
  let out = "";
  let rest = value;
  for (const [n, s] of ROMAN) {
    while (rest >= n) {
      out += s;
      rest -= n;
    }
  }
  return out;
}

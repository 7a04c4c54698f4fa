import type { Language } from "../../domain/types.ts";
import type { Translator } from "../i18n.ts";
import { type Cell, LIST_COLUMNS } from "./columns.ts";
import { isoDay, words } from "./labels.ts";
import type { Report } from "./report.ts";

/**
 * The summary list as CSV: RFC 4180 (comma-separated, fields with a comma, quote or line break
 * quoted, quotes doubled, CRLF line ends), UTF-8 with a byte-order mark so Excel reads Vietnamese
 * correctly. One heading row, then one row per model; dates are ISO days (2026-03-20), which
 * every spreadsheet reads the same way whatever its locale.
 */

/**
 * A cell a spreadsheet would read as a formula (=, +, -, @, or a tab or carriage return first:
 * "=HYPERLINK(…)" typed as a model's name) is written as text, with the usual leading apostrophe.
 */
export function neutralized(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

export function csvField(value: string): string {
  const text = neutralized(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function summaryCsv(report: Report, translator: Translator, language: Language): Buffer {
  const w = words(report, translator, language);
  const text = (cell: Cell): string =>
    cell === null ? "" : cell instanceof Date ? isoDay(cell, report.timeZone) : String(cell);
  const lines = [
    LIST_COLUMNS.map((c) => csvField(w.t(`report.column.${c.id}`))).join(","),
    ...report.list.map((row, i) => LIST_COLUMNS.map((c) => csvField(text(c.value(row, i, w)))).join(",")),
  ];
  return Buffer.from(`\uFEFF${lines.join("\r\n")}\r\n`, "utf8");
}

import ExcelJS from "exceljs";
import type { Language } from "../../domain/types.ts";
import type { Translator } from "../i18n.ts";
import { LIST_COLUMNS } from "./columns.ts";
import { groupHeading, spreadsheetDay, type Words, words } from "./labels.ts";
import type { Report } from "./report.ts";

/**
 * The report as an Excel workbook: sheet 1 the statistics, sheet 2 the summary list (mẫu tổng
 * hợp, rà soát mô hình). Numbers are numbers and dates are dates (the local day in the rulebook's
 * time zone), so officers can sum, sort and filter. Labels come from the translator.
 */

type Value = string | number | Date | null;

const HEADING_FILL: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFDDEBF7" } };
const GROUP_FILL: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFF2F2F2" } };
const THIN: Partial<ExcelJS.Borders> = {
  top: { style: "thin" },
  left: { style: "thin" },
  bottom: { style: "thin" },
  right: { style: "thin" },
};

/** Title, "body — period" and the date lines at the top of a sheet, merged across `width` columns. */
function header(sheet: ExcelJS.Worksheet, lines: string[], width: number): void {
  lines.forEach((text, i) => {
    const row = i + 1;
    sheet.mergeCells(row, 1, row, width);
    const cell = sheet.getCell(row, 1);
    cell.value = text;
    cell.alignment = { horizontal: i === 0 ? "center" : "left", vertical: "middle" };
    cell.font = i === 0 ? { bold: true, size: 14 } : { bold: i === 1, size: 12 };
  });
}

function headingRow(sheet: ExcelJS.Worksheet, rowNumber: number, headings: string[]): void {
  const row = sheet.getRow(rowNumber);
  headings.forEach((text, i) => {
    const cell = row.getCell(i + 1);
    cell.value = text;
    cell.font = { bold: true };
    cell.fill = HEADING_FILL;
    cell.border = THIN;
    cell.alignment = { horizontal: "center", vertical: "middle", wrapText: true };
  });
}

/** A bordered table: headings, rows, and optionally a bold last (total) row. Returns the next free row. */
function table(
  sheet: ExcelJS.Worksheet,
  start: number,
  title: string,
  headings: string[],
  rows: Value[][],
  options: { total?: boolean; numFmts?: (string | undefined)[] } = {},
): number {
  sheet.getCell(start, 1).value = title;
  sheet.getCell(start, 1).font = { bold: true, size: 12 };
  headingRow(sheet, start + 1, headings);
  rows.forEach((values, i) => {
    const row = sheet.getRow(start + 2 + i);
    const isTotal = options.total === true && i === rows.length - 1;
    values.forEach((value, j) => {
      const cell = row.getCell(j + 1);
      cell.value = value;
      cell.border = THIN;
      if (isTotal) cell.font = { bold: true };
      const numFmt = options.numFmts?.[j];
      if (numFmt) cell.numFmt = numFmt;
      if (j === 0) cell.alignment = { wrapText: true, vertical: "middle" };
    });
  });
  return start + 2 + rows.length + 1;
}

function statisticsSheet(workbook: ExcelJS.Workbook, report: Report, w: Words): void {
  const s = report.statistics;
  const width = s.statuses.length + 2;
  const sheet = workbook.addWorksheet(w.t("report.sheet.statistics"), {
    pageSetup: { orientation: "landscape", paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  sheet.getColumn(1).width = 36;
  for (let c = 2; c <= width; c++) sheet.getColumn(c).width = 15;
  header(
    sheet,
    [
      w.t("report.title_statistics"),
      w.t("report.heading", { body: report.body.name, period: w.period }),
      w.t("report.scope", { body: report.body.name }),
      w.t("report.made_on", { date: w.day(report.generatedAt) }),
    ],
    width,
  );
  sheet.getCell(6, 1).value = w.t("report.total_models");
  sheet.getCell(6, 1).font = { bold: true };
  sheet.getCell(6, 2).value = s.total;
  sheet.getCell(6, 2).font = { bold: true };

  const fieldName = (f: string) => w.t(`rb:fields.${f}.name`);
  const total = w.t("report.total");
  let row = table(
    sheet,
    8,
    w.t("report.section.field_status"),
    [w.t("report.field"), ...s.statuses.map((st) => w.t(`status.${st}`)), total],
    [
      ...s.fields.map((f) => [fieldName(f), ...s.statuses.map((st) => s.byFieldStatus[f][st]), s.byField[f]]),
      [total, ...s.statuses.map((st) => s.byStatus[st]), s.total],
    ],
    { total: true },
  );
  const tierName = (t: string) => w.t(`report.tiers.${t}`);
  row = table(
    sheet,
    row,
    w.t("report.section.field_tier"),
    [w.t("report.field"), ...s.tiers.map(tierName), total],
    [
      ...s.fields.map((f) => [fieldName(f), ...s.tiers.map((t) => s.byFieldTier[f][t]), s.byField[f]]),
      [total, ...s.tiers.map((t) => s.byTier[t]), s.total],
    ],
    { total: true },
  );
  row = table(
    sheet,
    row,
    w.t("report.section.recognized"),
    [w.t("report.tier"), w.t("report.models")],
    s.tiers.map((t) => [tierName(t), s.recognizedByTier[t]]),
  );
  row = table(
    sheet,
    row,
    w.t("report.section.other"),
    [w.t("report.figure"), w.t("report.models")],
    [
      [w.t("report.figures.new"), s.byModelKind.new],
      [w.t("report.figures.replication"), s.byModelKind.replication],
      [w.t("report.figures.collective"), s.byRegistrantKind.collective],
      [w.t("report.figures.individual"), s.byRegistrantKind.individual],
      [w.t("report.figures.late"), s.late],
      [w.t("report.figures.recognized"), s.recognized],
    ],
  );
  table(
    sheet,
    row,
    w.t("report.section.scores"),
    [w.t("report.field"), w.t("report.scored"), w.t("report.average")],
    [
      ...s.fields.map((f) => [fieldName(f), s.scoreByField[f].scored, s.scoreByField[f].average]),
      [total, s.score.scored, s.score.average],
    ],
    // Averages with one decimal.
    { total: true, numFmts: [undefined, "0", "0.0"] },
  );
}

const LIST_HEADING_ROW = 5;

function listSheet(workbook: ExcelJS.Workbook, report: Report, w: Words): void {
  const width = LIST_COLUMNS.length;
  const sheet = workbook.addWorksheet(w.t("report.sheet.list"), {
    views: [{ state: "frozen", ySplit: LIST_HEADING_ROW, xSplit: 0 }],
    pageSetup: {
      orientation: "landscape",
      paperSize: 9,
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: `${LIST_HEADING_ROW}:${LIST_HEADING_ROW}`,
    },
  });
  LIST_COLUMNS.forEach((c, i) => {
    sheet.getColumn(i + 1).width = c.width;
  });
  header(
    sheet,
    [
      w.t("report.title_list"),
      w.t("report.heading", { body: report.body.name, period: w.period }),
      w.t("report.made_on", { date: w.day(report.generatedAt) }),
    ],
    width,
  );
  headingRow(
    sheet,
    LIST_HEADING_ROW,
    LIST_COLUMNS.map((c) => w.t(`report.column.${c.id}`)),
  );
  sheet.getRow(LIST_HEADING_ROW).height = 32;

  const counts = report.statistics.byField;
  let rowNumber = LIST_HEADING_ROW + 1;
  let group = 0;
  let field: string | null = null;
  report.list.forEach((entry, index) => {
    if (entry.field !== field) {
      field = entry.field;
      group++;
      sheet.mergeCells(rowNumber, 1, rowNumber, width);
      const cell = sheet.getCell(rowNumber, 1);
      cell.value = groupHeading(w, group, entry.field, counts[entry.field]);
      cell.font = { bold: true };
      cell.fill = GROUP_FILL;
      cell.border = THIN;
      rowNumber++;
    }
    const row = sheet.getRow(rowNumber++);
    LIST_COLUMNS.forEach((column, i) => {
      const value = column.value(entry, index, w);
      const cell = row.getCell(i + 1);
      cell.value = value instanceof Date ? spreadsheetDay(value, report.timeZone) : value;
      cell.border = THIN;
      cell.alignment = { vertical: "top", wrapText: column.kind === "text" };
      if (column.kind === "date") cell.numFmt = "dd/mm/yyyy";
      if (column.kind === "number") cell.numFmt = "0";
    });
  });
}

/** The report as an XLSX file. */
export async function reportXlsx(
  report: Report,
  translator: Translator,
  language: Language,
): Promise<Buffer> {
  const w = words(report, translator, language);
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "DVK Bot";
  workbook.created = report.generatedAt;
  workbook.title = w.t("report.title_statistics");
  statisticsSheet(workbook, report, w);
  listSheet(workbook, report, w);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

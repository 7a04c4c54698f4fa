import type { OrgTree } from "../../domain/org.ts";
import type { Language } from "../../domain/types.ts";
import type { Translator } from "../i18n.ts";
import { type Cell, LIST_COLUMNS } from "../reports/columns.ts";
import { groupHeading, type Words, words } from "../reports/labels.ts";
import type { Report } from "../reports/report.ts";
import { renderDocx } from "./docx.ts";
import { committeeSignature, issuerLine, nationalHeading, placeAndDate, provincePlace } from "./heading.ts";
import type { Column, OfficialDocument, TableRow } from "./layout.ts";

/**
 * A body's summary list for a meeting (danh sách tổng hợp, rà soát mô hình): the report's list as
 * a Word table, grouped by field like the XLSX sheet, with the XLSX's columns and labels, for the
 * steering committee to review and sign.
 */

export interface SummaryListInput {
  report: Report;
  /** The organisation tree the report was built from (the date line names the body's province). */
  tree: OrgTree;
  translator: Translator;
  language: Language;
}

/** The columns a meeting reads, in the XLSX's order, and their printed widths in millimetres. */
const PRINTED_WIDTHS: Record<string, number> = {
  index: 9,
  code: 29,
  model_name: 42,
  unit: 34,
  field: 25,
  tier: 18,
  status: 29,
  score: 13,
  band: 16,
  registered: 19,
  late: 17,
};
const COLUMNS = LIST_COLUMNS.filter((c) => c.id in PRINTED_WIDTHS);

function text(value: Cell, w: Words): string {
  if (value === null) return "";
  if (value instanceof Date) return w.day(value);
  return typeof value === "number" ? w.n(value) : value;
}

function rows(report: Report, w: Words): TableRow[] {
  const out: TableRow[] = [];
  let group = 0;
  report.list.forEach((entry, index) => {
    if (entry.field !== report.list[index - 1]?.field)
      out.push({ group: groupHeading(w, ++group, entry.field, report.statistics.byField[entry.field]) });
    out.push({ cells: COLUMNS.map((c) => text(c.value(entry, index, w), w)) });
  });
  return out;
}

function listDocument(input: SummaryListInput): OfficialDocument {
  const { report } = input;
  const w = words(report, input.translator, input.language);
  const columns: Column[] = COLUMNS.map((c) => ({
    heading: w.t(`report.column.${c.id}`),
    width: PRINTED_WIDTHS[c.id]!,
    align: c.kind === "text" ? "left" : "center",
  }));
  return {
    name: w.t("report.title_list"),
    orientation: "landscape",
    issuer: [issuerLine(report.body.name)],
    ...nationalHeading(w),
    placeAndDate: placeAndDate(
      w,
      provincePlace(input.tree, report.body.code),
      report.generatedAt,
      report.timeZone,
    ),
    dateAt: "heading",
    title: [w.t("report.title_list"), w.t("report.heading", { body: report.body.name, period: w.period })],
    body: [
      { kind: "table", columns, rows: rows(report, w), dense: true },
      {
        kind: "paragraph",
        runs: [
          {
            text: report.list.length
              ? w.t("document.list.total", { count: report.list.length, n: w.n(report.list.length) })
              : w.t("document.list.empty"),
            bold: true,
          },
        ],
      },
    ],
    signature: committeeSignature(w),
    style: "letter",
  };
}

export function summaryListDocx(input: SummaryListInput): Promise<Uint8Array> {
  return renderDocx(listDocument(input));
}

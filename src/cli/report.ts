import { writeFileSync } from "node:fs";
import type { App } from "../app.ts";
import { summaryListDocx } from "../application/documents/index.ts";
import { LIST_COLUMNS } from "../application/reports/columns.ts";
import { buildReport, reportText, reportXlsx, summaryCsv } from "../application/reports/index.ts";
import { recordExport } from "../application/services/privacy.ts";
import { reportSubmissions } from "../application/services/report.ts";
import type { Language } from "../domain/types.ts";
import { UsageError } from "./usage.ts";

/** `report --body <code> --year <y>|<from>-<to> [--xlsx <file>] [--csv <file>] [--docx <file>]`. */
export async function report(
  app: App,
  options: Record<string, string | boolean | undefined>,
  language: Language,
): Promise<string> {
  const body = typeof options.body === "string" ? options.body : undefined;
  if (!body || !app.tree.get(body))
    throw new UsageError(
      body ? `no body with code "${body}" in the organisation tree` : "--body <code> is required",
    );
  const period = /^(\d{4})(?:-(\d{4}))?$/.exec(typeof options.year === "string" ? options.year : "");
  if (!period) throw new UsageError("--year must be a year (2026) or a period (2021-2025)");
  const from = Number(period[1]);
  const to = Number(period[2] ?? period[1]);
  if (to < from) throw new UsageError("--year: the period runs backwards");
  const built = buildReport({
    submissions: await reportSubmissions(app.store, app.tree, { bodyCode: body, from, to }, "all"),
    tree: app.tree,
    rulebook: app.rulebook,
    bodyCode: body,
    from,
    to,
    now: app.clock(),
  });
  const lines = [reportText(built, app.translator, language)];
  const exported = (format: string) =>
    recordExport(app.store, {
      actor: "cli",
      bodyCode: body,
      format,
      columns: LIST_COLUMNS.map((c) => c.id),
      rows: built.list.length,
      at: app.clock(),
    });
  if (typeof options.xlsx === "string") {
    writeFileSync(options.xlsx, await reportXlsx(built, app.translator, language));
    await exported("xlsx");
    lines.push(`XLSX: ${options.xlsx}`);
  }
  if (typeof options.docx === "string") {
    writeFileSync(
      options.docx,
      await summaryListDocx({ report: built, tree: app.tree, translator: app.translator, language }),
    );
    await exported("docx");
    lines.push(`DOCX: ${options.docx}`);
  }
  if (typeof options.csv === "string") {
    writeFileSync(options.csv, summaryCsv(built, app.translator, language));
    await exported("csv");
    lines.push(`CSV: ${options.csv}`);
  }
  return lines.join("\n");
}

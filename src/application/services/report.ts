import type { ResultOf } from "../../dialogs/effects.ts";
import { reportBodies } from "../../dialogs/flows/report.ts";
import type { OrgTree } from "../../domain/org.ts";
import type { Repositories } from "../../domain/ports.ts";
import { ERASED } from "../../domain/privacy.ts";
import type { Rulebook } from "../../domain/rulebook/schema.ts";
import type { Language, Membership, PersonId } from "../../domain/types.ts";
import { summaryListDocx } from "../documents/index.ts";
import type { Translator } from "../i18n.ts";
import { LIST_COLUMNS } from "../reports/columns.ts";
import { buildReport, reportChart, reportText, reportXlsx } from "../reports/index.ts";
import { recordExport } from "./privacy.ts";

/** /baocao: the summary, the XLSX workbook and the chart of a body the person serves. */
export async function buildChatReport(
  repos: Repositories,
  input: {
    bodyCode: string;
    from: number;
    to: number;
    personId: PersonId;
    memberships: Membership[];
    language: Language;
    now: Date;
  },
  deps: { rulebook: Rulebook; tree: OrgTree; translator: Translator },
): Promise<ResultOf<"build_report">> {
  if (!reportBodies(input.memberships).includes(input.bodyCode)) return { ok: false };
  const report = buildReport({
    submissions: await repos.submissions.forReport(),
    tree: deps.tree,
    rulebook: deps.rulebook,
    bodyCode: input.bodyCode,
    from: input.from,
    to: input.to,
    now: input.now,
  });
  // An individual's own name and address are theirs: shown only to the body that received them.
  const own = new Set(reportBodies(input.memberships));
  report.list = report.list.map((row) =>
    row.registrantKind === "individual" && !own.has(row.bodyCode)
      ? { ...row, unitName: ERASED, address: ERASED }
      : row,
  );
  await recordExport(repos, {
    actor: input.personId,
    bodyCode: input.bodyCode,
    format: "xlsx+png+docx",
    columns: LIST_COLUMNS.map((c) => c.id),
    rows: report.list.length,
    at: input.now,
  });
  const name = `bao-cao-${input.bodyCode}-${input.from === input.to ? input.from : `${input.from}-${input.to}`}`;
  return {
    ok: true,
    text: reportText(report, deps.translator, input.language),
    files: [
      {
        kind: "document",
        name: `${name}.xlsx`,
        data: await reportXlsx(report, deps.translator, input.language),
      },
      {
        kind: "photo",
        name: `${name}.png`,
        data: await reportChart(report, deps.translator, input.language),
      },
      {
        // The summary list (danh sách tổng hợp) as the committee's meeting prints it.
        kind: "document",
        name: `danh-sach-tong-hop-${input.bodyCode}-${input.from === input.to ? input.from : `${input.from}-${input.to}`}.docx`,
        data: await summaryListDocx({
          report,
          tree: deps.tree,
          translator: deps.translator,
          language: input.language,
        }),
      },
    ],
  };
}

import type { ResultOf } from "../../dialogs/effects.ts";
import { reportBodies } from "../../dialogs/flows/report.ts";
import type { OrgTree } from "../../domain/org.ts";
import type { ReportRead, Repositories } from "../../domain/ports.ts";
import { ERASED } from "../../domain/privacy.ts";
import type { Rulebook } from "../../domain/rulebook/schema.ts";
import type { ReportSubmission } from "../../domain/statistics.ts";
import type { Language, Membership, PersonId } from "../../domain/types.ts";
import { summaryListDocx } from "../documents/index.ts";
import type { Translator } from "../i18n.ts";
import { LIST_COLUMNS } from "../reports/columns.ts";
import { buildReport, type Report, reportChart, reportText, reportXlsx } from "../reports/index.ts";
import { recordExport } from "./privacy.ts";

/** Who asks for a report, of which body and period. */
export interface ReportRequest {
  bodyCode: string;
  from: number;
  to: number;
  personId: PersonId;
  memberships: Membership[];
  language: Language;
  now: Date;
}

export interface ReportDeps {
  rulebook: Rulebook;
  tree: OrgTree;
  translator: Translator;
}

/**
 * What a report of a body (with every body below it) and a period reads; individuals' own names
 * and addresses only of the registrations `identities` received ("all" for the command line).
 */
export function reportSubmissions(
  repos: Pick<Repositories, "submissions">,
  tree: OrgTree,
  scope: { bodyCode: string; from: number; to: number },
  identities: ReportRead["identities"],
): Promise<ReportSubmission[]> {
  const bodyCodes = tree.subtree(scope.bodyCode).map((unit) => unit.code);
  return repos.submissions.forReport({ bodyCodes, from: scope.from, to: scope.to, identities });
}

/**
 * A body's report as a member of a body sees it (null for a body they do not serve): an
 * individual's own name and address only for the body that received them.
 */
export async function bodyReport(
  repos: Repositories,
  input: ReportRequest,
  deps: Omit<ReportDeps, "translator">,
): Promise<Report | null> {
  const own = reportBodies(input.memberships);
  if (!own.includes(input.bodyCode)) return null;
  const report = buildReport({
    submissions: await reportSubmissions(repos, deps.tree, input, own),
    tree: deps.tree,
    rulebook: deps.rulebook,
    bodyCode: input.bodyCode,
    from: input.from,
    to: input.to,
    now: input.now,
  });
  const served = new Set(own);
  report.list = report.list.map((row) =>
    row.registrantKind === "individual" && !served.has(row.bodyCode)
      ? { ...row, unitName: ERASED, address: ERASED }
      : row,
  );
  return report;
}

/** A report's files are named after the body and the period. */
export function reportFileName(report: Report): string {
  const { from, to } = report;
  return `bao-cao-${report.body.code}-${from === to ? from : `${from}-${to}`}`;
}

/** /baocao: the summary, the XLSX workbook and the chart of a body the person serves. */
export async function buildChatReport(
  repos: Repositories,
  input: ReportRequest,
  deps: ReportDeps,
): Promise<ResultOf<"build_report">> {
  const report = await bodyReport(repos, input, deps);
  if (!report) return { ok: false };
  await recordExport(repos, {
    actor: input.personId,
    bodyCode: input.bodyCode,
    format: "xlsx+png+docx",
    columns: LIST_COLUMNS.map((c) => c.id),
    rows: report.list.length,
    at: input.now,
  });
  const name = reportFileName(report);
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

import { cycleYear } from "../../domain/calendar.ts";
import type { Membership } from "../../domain/types.ts";
import type { DialogContext, FlowModule, Outcome } from "../flow.ts";
import { raw, t } from "../view.ts";

/** /baocao: a body the person serves (with those below it), a year or the period, then the report. */
export interface ReportFlow {
  name: "report";
  bodyCode: string | null;
  loading: boolean;
}

/** Bodies whose reports a person may see: those they serve, each with everything below it. */
export function reportBodies(memberships: readonly Membership[]): string[] {
  return [...new Set(memberships.map((m) => m.bodyCode))];
}

function startReport(ctx: DialogContext): Outcome<ReportFlow> {
  const bodies = reportBodies(ctx.person.memberships);
  return { flow: { name: "report", bodyCode: bodies.length === 1 ? bodies[0]! : null, loading: false } };
}

function periods(ctx: DialogContext): { id: string; from: number; to: number }[] {
  const year = cycleYear(ctx.now, ctx.rulebook);
  const { from, to } = ctx.rulebook.period;
  return [
    { id: String(year), from: year, to: year },
    { id: String(year - 1), from: year - 1, to: year - 1 },
    { id: `${from}-${to}`, from, to },
  ];
}

export const report: FlowModule<ReportFlow> = {
  name: "report",
  command: { name: "report", words: ["baocao", "report"], menu: true, who: "members", mode: "open" },
  usesRoles: true,
  start: (_request, ctx) => startReport(ctx),
  waiting: (flow) => flow.loading,
  prompt(flow, ctx) {
    if (!flow.bodyCode)
      return [
        {
          text: [t("report_dialog.body")],
          choices: reportBodies(ctx.person.memberships).map((code) => ({
            id: code,
            label: raw(ctx.tree.get(code)?.name ?? code),
          })),
          expects: { kind: "choice" },
        },
      ];
    return [
      {
        text: [t("report_dialog.period", { body: ctx.tree.get(flow.bodyCode)?.name ?? flow.bodyCode })],
        choices: periods(ctx).map((p) => ({
          id: p.id,
          label: p.from === p.to ? t("report_dialog.year", { year: p.from }) : t("report_dialog.range", p),
        })),
        expects: { kind: "choice" },
      },
    ];
  },
  answer(flow, answer, ctx) {
    if (answer.kind === "result") {
      if (answer.effect !== "build_report") return { flow };
      const result = answer.value;
      if (!result.ok)
        return { flow: null, views: [{ text: [t("command.officers_only")], expects: { kind: "none" } }] };
      return {
        flow: null,
        views: [
          {
            text: [t("report_dialog.text", { text: result.text })],
            files: result.files,
            expects: { kind: "none" },
          },
        ],
      };
    }
    if (answer.kind !== "choice") return { flow, error: t("input.choose") };
    if (!flow.bodyCode) return { flow: { ...flow, bodyCode: answer.id } };
    const period = periods(ctx).find((p) => p.id === answer.id);
    if (!period) return { flow, error: t("input.choose") };
    return {
      flow: { ...flow, loading: true },
      effects: [{ type: "build_report", bodyCode: flow.bodyCode, from: period.from, to: period.to }],
      views: [{ text: [t("report_dialog.working")], expects: { kind: "none" } }],
    };
  },
};

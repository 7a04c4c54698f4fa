import { criteriaFor } from "../domain/criteria.ts";
import { lateFlags } from "../domain/lateness.ts";
import { band, totalScore } from "../domain/scoring.ts";
import { DESCRIPTION_ITEMS, type Submission } from "../domain/types.ts";
import type { DialogContext } from "./flow.ts";
import { formatDate } from "./format.ts";
import { type Text, t } from "./view.ts";

/** What a submission shows besides its registration: late flags, proposal results, the kind's checklist. */

/** One line per thing done after its deadline (registered, proposed, decided late). */
export function lateLines(s: Submission): Text[] {
  return lateFlags(s).map((kind) => t(`late.${kind}`));
}

/** The results a proposal reports, its figures and its fresh self-score. */
export function resultsLines(s: Submission, ctx: Pick<DialogContext, "rulebook">): Text[] {
  const r = s.results;
  if (!r) return [];
  const total = totalScore(r.scores, ctx.rulebook);
  return [
    t("review.results_title"),
    ...DESCRIPTION_ITEMS.filter((i) => r.outcomes[i]).map((i) =>
      t("summary.item", { n: DESCRIPTION_ITEMS.indexOf(i) + 1, item: i, value: r.outcomes[i] }),
    ),
    ...(r.figures ? [t("proposal.figures_line", { value: r.figures })] : []),
    ...(r.attachments.length ? [t("summary.files", { count: r.attachments.length })] : []),
    t("review.results_score", { total, band: band(total, ctx.rulebook).id }),
  ];
}

/** The lower-tier decision a nominated proposal comes from, as the upper committee reads it. */
export function lowerLines(
  lower: { code: string; bodyName: string; scoreTotal: number; recognizedAt?: Date; outputs?: string },
  ctx: Pick<DialogContext, "rulebook">,
): Text[] {
  return [
    t("review.lower", {
      code: lower.code,
      bodyName: lower.bodyName,
      scoreTotal: lower.scoreTotal,
      date: lower.recognizedAt ? formatDate(lower.recognizedAt, ctx.rulebook.timeZone) : "—",
    }),
    ...(lower.outputs ? [t("review.lower_outputs", { value: lower.outputs })] : []),
  ];
}

/** The criteria for the unit's kind (seed 003), as a checklist, or as guidance while registering. */
export function criteriaLines(
  categoryId: string | null,
  ctx: Pick<DialogContext, "rulebook">,
  as: "checklist" | "guidance",
): Text[] {
  if (!categoryId) return [];
  return criteriaFor(categoryId, ctx.rulebook).flatMap((set) => [
    t(as === "checklist" ? "review.checklist" : "reg.item.criteria", { kind: set.id }),
    ...set.criteria.map((_, n) =>
      t(as === "checklist" ? "review.checklist_item" : "reg.item.criterion", { kind: set.id, n }),
    ),
  ]);
}

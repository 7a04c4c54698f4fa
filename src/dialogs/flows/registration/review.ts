import { checkRegistration } from "../../../domain/eligibility.ts";
import { band, maxScore, totalScore } from "../../../domain/scoring.ts";
import type { Problem, Submission } from "../../../domain/types.ts";
import type { DialogContext } from "../../flow.ts";
import { problemText } from "../../problems.ts";
import { type Text, t, type View } from "../../view.ts";
import { questions } from "./questions.ts";

/** The lines that describe a registration: identity, the ten items and files, and the self-score. */
export function summaryLines(
  d: Submission,
  ctx: Pick<DialogContext, "rulebook" | "tree">,
): { identity: Text[]; items: Text[]; scores: Text[] } {
  const rb = ctx.rulebook;
  const lines = (...sections: string[]) =>
    questions(rb)
      .filter((q) => sections.includes(q.section))
      .flatMap((q) => q.show(d, ctx));
  const total = totalScore(d.scores, rb);
  return {
    identity: lines("identity"),
    items: lines("description", "files"),
    scores: [...lines("scores"), t("summary.total", { total, max: maxScore(rb), band: band(total, rb).id })],
  };
}

/**
 * The review screen: everything entered, where it goes, and what still stops it from being
 * submitted, as sentences the registrant can act on. The last view carries the choices.
 */
export function reviewViews(d: Submission, ctx: DialogContext, extra: Problem[] = []): View[] {
  const lines = summaryLines(d, ctx);
  const check = checkRegistration({ submission: d, rulebook: ctx.rulebook, tree: ctx.tree, now: ctx.now });
  const problems = [...check.problems, ...extra];
  const destination = check.route
    ? [
        t(check.route.via ? "reg.review.goes_to_via" : "reg.review.goes_to", {
          body: check.route.body.name,
          via: check.route.via?.name ?? "",
        }),
      ]
    : [];
  const status = problems.length
    ? [t("reg.review.problems", { count: problems.length }), ...problems.map((p) => problemText(p))]
    : [
        t("reg.review.ready"),
        ...(check.late ? [t("reg.review.late")] : []),
        // Below the recognition minimum: said, not blocking (the score may grow with the results).
        ...(check.warnings ?? []).map((w) => problemText(w)),
      ];
  return [
    { text: [t("reg.review.title"), ...lines.identity, ...destination], expects: { kind: "none" } },
    { text: [t("reg.review.items"), ...lines.items], expects: { kind: "none" } },
    {
      text: [...lines.scores, ...status],
      choices: [
        ...(problems.length ? [] : [{ id: "submit", label: t("reg.review.submit") }]),
        { id: "edit", label: t("reg.review.edit") },
        { id: "later", label: t("reg.review.later") },
      ],
      expects: { kind: "choice" },
    },
  ];
}

import { checkProposal } from "../../domain/eligibility.ts";
import { band, checkCriterionScore, quickPicks, totalScore } from "../../domain/scoring.ts";
import {
  DESCRIPTION_ITEMS,
  type DescriptionItemId,
  type RecognitionResults,
  type Submission,
} from "../../domain/types.ts";
import { fileRefusal, filesPrompt } from "../files.ts";
import type { Answer, DialogContext, FlowModule, Outcome } from "../flow.ts";
import { problemText, refusalLines } from "../problems.ts";
import { t, type View } from "../view.ts";

/**
 * Proposing an accepted model for recognition (đề nghị công nhận): the results achieved for the
 * ten items (the results item required, the others optional), figures, photos, and a fresh
 * self-score; then a review showing what the tier requires, and the proposal.
 */
export interface ProposalFlow {
  name: "proposal";
  submission: Submission;
  results: RecognitionResults;
  step: string;
  submitting: boolean;
  /** A first proposal (or one again, after a return), or new results for one waiting for its vote. */
  mode?: "propose" | "revise";
}

const FIGURES_MAX = 1000;

function steps(ctx: DialogContext): string[] {
  return [
    ...DESCRIPTION_ITEMS.map((i) => `outcome:${i}`),
    "figures",
    "files",
    ...ctx.rulebook.scoring.criteria.map((c) => `score:${c.id}`),
    "review",
  ];
}

export function startProposal(
  submission: Submission,
  mode: ProposalFlow["mode"] = "propose",
): Outcome<ProposalFlow> {
  const results = submission.results ?? { outcomes: {}, scores: {}, attachments: [], late: false };
  return {
    flow: { name: "proposal", submission, results, step: "outcome:outputs", submitting: false, mode },
    views: [
      {
        text: [
          t(mode === "revise" ? "proposal.revise_intro" : "proposal.intro", { code: submission.code ?? "" }),
        ],
        expects: { kind: "none" },
      },
    ],
  };
}

function next(flow: ProposalFlow, results: RecognitionResults, ctx: DialogContext): Outcome<ProposalFlow> {
  const order = steps(ctx);
  // The results item comes first (it is required), then the other items in order.
  const first =
    flow.step === "outcome:outputs" ? order.indexOf("outcome:model_name") : order.indexOf(flow.step) + 1;
  let step = order[first] ?? "review";
  if (step === "outcome:outputs") step = order[first + 1]!;
  return { flow: { ...flow, results, step } };
}

function check(flow: ProposalFlow, ctx: DialogContext) {
  const s = { ...flow.submission, results: flow.results };
  // Recognition one tier lower is checked again by the service against the stored lower decision.
  return checkProposal({
    submission: s,
    tier: s.tier ?? ctx.rulebook.tiers[0]!,
    rulebook: ctx.rulebook,
    now: ctx.now,
  });
}

export const proposal: FlowModule<ProposalFlow> = {
  name: "proposal",
  usesRoles: true,
  waiting: (flow) => flow.submitting,
  prompt(flow, ctx) {
    const { step, results } = flow;
    if (step.startsWith("outcome:")) {
      const item = step.slice(8) as DescriptionItemId;
      const required = item === "outputs";
      const spec = ctx.rulebook.description.find((d) => d.id === item)!;
      return [
        {
          text: [
            t("proposal.outcome", { item }),
            t("proposal.planned", { value: flow.submission.description[item] ?? "—" }),
            t(required ? "proposal.required" : "proposal.optional"),
            t("reg.item.limits", { min: required ? spec.minLength : 1, max: spec.maxLength }),
          ],
          ...(required ? {} : { choices: [{ id: "__skip", label: t("reg.files.skip") }] }),
          expects: { kind: "text", min: required ? spec.minLength : 1, max: spec.maxLength },
        },
      ];
    }
    if (step === "figures")
      return [
        {
          text: [t("proposal.figures"), t("proposal.optional")],
          choices: [{ id: "__skip", label: t("reg.files.skip") }],
          expects: { kind: "text", min: 1, max: FIGURES_MAX },
        },
      ];
    if (step === "files") return [filesPrompt(results.attachments.length)];
    if (step.startsWith("score:")) {
      const criterion = ctx.rulebook.scoring.criteria.find((c) => c.id === step.slice(6))!;
      const k = ctx.rulebook.scoring.criteria.indexOf(criterion) + 1;
      return [
        {
          text: [
            t("proposal.score"),
            t("reg.score.prompt", {
              k,
              of: ctx.rulebook.scoring.criteria.length,
              criterion: criterion.id,
              max: criterion.max,
            }),
          ],
          choices: quickPicks(criterion).map((v) => ({
            id: String(v),
            label: t("reg.score.points", { count: v }),
          })),
          expects: { kind: "number", min: 0, max: criterion.max },
        },
      ];
    }
    const result = check(flow, ctx);
    const total = totalScore(results.scores, ctx.rulebook);
    const views: View[] = [
      {
        text: [
          t(flow.mode === "revise" ? "proposal.revise_review" : "proposal.review", {
            code: flow.submission.code ?? "",
            tier: flow.submission.tier ?? ctx.rulebook.tiers[0]!,
          }),
          ...DESCRIPTION_ITEMS.filter((i) => results.outcomes[i]).map((i) =>
            t("summary.item", { n: DESCRIPTION_ITEMS.indexOf(i) + 1, item: i, value: results.outcomes[i] }),
          ),
          ...(results.figures ? [t("proposal.figures_line", { value: results.figures })] : []),
          t("summary.total", { total, max: 100, band: band(total, ctx.rulebook).id }),
          ...(result.ok
            ? [t("proposal.ready"), ...(result.late ? [t("proposal.late")] : [])]
            : result.problems.map(problemText)),
        ],
        choices: [
          ...(result.ok ? [{ id: "submit", label: t("proposal.submit") }] : []),
          { id: "restart", label: t("proposal.restart") },
          { id: "later", label: t("reg.review.later") },
        ],
        expects: { kind: "choice" },
      },
    ];
    return views;
  },
  answer(flow, answer: Answer, ctx) {
    const { step, results } = flow;
    if (answer.kind === "result") {
      if (answer.effect !== "propose" && answer.effect !== "revise") return { flow };
      const result = answer.value;
      if (!result.ok)
        return {
          flow: { ...flow, submitting: false },
          views: [{ text: refusalLines(result), expects: { kind: "none" } }],
        };
      const done = flow.mode === "revise" ? "proposal.revised" : "proposal.done";
      // The registrant learns now that publication will be asked apart, once there is something to publish.
      const own = flow.mode !== "revise" && result.submission.registrantId === ctx.person.id;
      return {
        flow: null,
        views: [
          {
            text: [
              t(done, { code: result.submission.code ?? "" }),
              ...(own ? [t("publication.at_proposal")] : []),
            ],
            expects: { kind: "none" },
          },
        ],
      };
    }
    if (step.startsWith("outcome:")) {
      const item = step.slice(8);
      if (answer.kind === "choice") return next(flow, results, ctx);
      if (answer.kind !== "text") return { flow, error: t("input.need_text") };
      return next(flow, { ...results, outcomes: { ...results.outcomes, [item]: answer.text } }, ctx);
    }
    if (step === "figures") {
      if (answer.kind === "choice") return next(flow, results, ctx);
      if (answer.kind !== "text") return { flow, error: t("input.need_text") };
      return next(flow, { ...results, figures: answer.text }, ctx);
    }
    if (step === "files") {
      if (answer.kind === "choice") return next(flow, results, ctx);
      if (answer.kind !== "file") return { flow, error: t("reg.files.need_file") };
      const refusal = fileRefusal(answer.file, results.attachments.length);
      if (refusal) return { flow, error: refusal };
      return {
        flow: { ...flow, results: { ...results, attachments: [...results.attachments, answer.file] } },
      };
    }
    if (step.startsWith("score:")) {
      const criterion = ctx.rulebook.scoring.criteria.find((c) => c.id === step.slice(6))!;
      const value =
        answer.kind === "choice" ? Number(answer.id) : answer.kind === "number" ? answer.value : Number.NaN;
      if (checkCriterionScore(criterion, value))
        return { flow, error: t("input.number_range", { min: 0, max: criterion.max }) };
      return {
        ...next(flow, { ...results, scores: { ...results.scores, [criterion.id]: value } }, ctx),
        answered: t("reg.score.points", { count: value }),
      };
    }
    if (answer.kind !== "choice") return { flow, error: t("input.choose") };
    if (answer.id === "later")
      return { flow: null, views: [{ text: [t("proposal.later")], expects: { kind: "none" } }] };
    if (answer.id === "restart") return startProposal({ ...flow.submission, results });
    if (!check(flow, ctx).ok) return { flow, error: t("reg.review.fix_first") };
    return {
      flow: { ...flow, submitting: true },
      effects: [{ type: flow.mode === "revise" ? "revise" : "propose", id: flow.submission.id, results }],
    };
  },
};

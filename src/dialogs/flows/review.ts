import { canStart, DECISIONS, type Decision, NEEDS_REASON } from "../../domain/status.ts";
import { criteriaLines, lateLines, lowerLines, resultsLines } from "../details.ts";
import type { DecisionResult, ReviewData } from "../effects.ts";
import type { FlowModule, FlowState, Outcome } from "../flow.ts";
import { changedLines, historyLine } from "../format.ts";
import { refusalLines } from "../problems.ts";
import { t, type View } from "../view.ts";
import { startProposal } from "./proposal.ts";
import { summaryLines } from "./registration/review.ts";

/**
 * A submission opened by a body's member (from the queue or a notification's buttons): details,
 * history, and the decisions they may take; a reason is asked where one is needed.
 */
export interface ReviewFlow {
  name: "review";
  submissionId: string;
  data: ReviewData | null;
  /** A decision waiting for its reason (or for the submission to load first). */
  pending: Decision | null;
  loading: boolean;
  /** The conversation it was opened from (a queue), to go back to. */
  back: FlowState | null;
}

const REASON = { min: 5, max: 500 };

export function openReview(
  submissionId: string,
  pending: Decision | null,
  back: FlowState | null,
): Outcome<ReviewFlow> {
  return {
    flow: { name: "review", submissionId, data: null, pending, loading: true, back },
    effects: [{ type: "load_review", id: submissionId }],
  };
}

function leave(flow: ReviewFlow, views: View[], extra: Partial<Outcome> = {}): Outcome<ReviewFlow> {
  if (!flow.back) return { flow: null, views, ...extra };
  return { flow: flow.back, views, resume: true, ...extra };
}

const note = (view: View["text"]): View => ({ text: view, expects: { kind: "none" } });

function decided(flow: ReviewFlow, result: DecisionResult): Outcome<ReviewFlow> {
  if (!result.ok) {
    return {
      flow: { ...flow, pending: null, loading: true },
      views: [note(refusalLines(result))],
      effects: [{ type: "load_review", id: flow.submissionId }],
      notice: t(`refusal.${result.refusal}`, result.params),
    };
  }
  const code = result.submission.code ?? "";
  if (result.outcome === "vote_recorded") {
    const text = t("review.vote_recorded", {
      code,
      action: result.action,
      count: Object.values(result.counts).reduce((a, b) => a + b, 0),
      needed: result.needed,
    });
    return leave(flow, [note([text])], { notice: text });
  }
  const text = t("review.decided", { code, action: result.action, status: result.submission.status });
  return leave(flow, [note([text])], { notice: text });
}

export const review: FlowModule<ReviewFlow> = {
  name: "review",
  usesRoles: true,
  /** A decision button on a notification: open the submission, deciding if still allowed. */
  action(action, target) {
    const decision = DECISIONS.find((d) => d === action) ?? null;
    return openReview(target, decision, null);
  },
  waiting: (flow) => flow.loading,
  prompt(flow, ctx) {
    const data = flow.data;
    if (!data) return [];
    const s = data.submission;
    if (flow.pending && NEEDS_REASON.has(flow.pending)) {
      return [
        {
          text: [
            t("review.reason_prompt", { action: flow.pending, code: s.code ?? "" }),
            t("reg.item.limits", REASON),
          ],
          choices: [{ id: "__cancel", label: t("review.cancel"), nav: true }],
          expects: { kind: "text", ...REASON },
        },
      ];
    }
    const lines = summaryLines(s, ctx);
    const body = s.queueBodyCode ? ctx.tree.get(s.queueBodyCode) : undefined;
    const tz = ctx.rulebook.timeZone;
    return [
      {
        text: [
          t("mine.detail", { code: s.code ?? "—", status: s.status }),
          ...(body ? [t("review.queue_of", { body: body.name })] : []),
          ...lateLines(s),
          ...(data.lower ? lowerLines(data.lower, ctx) : []),
          ...lines.identity,
        ],
        expects: { kind: "none" },
      },
      { text: [t("reg.review.items"), ...lines.items, ...lines.scores], expects: { kind: "none" } },
      ...(s.results ? [note(resultsLines(s, ctx))] : []),
      ...(data.decisions.length
        ? [note(criteriaLines(s.unitCategory, ctx, "checklist"))].filter((v) => v.text.length)
        : []),
      {
        text: [
          t("mine.history"),
          ...(data.history.length
            ? data.history.flatMap((e) => [historyLine(e, tz), ...changedLines(e)])
            : [t("mine.no_history")]),
          ...(data.votes && Object.keys(data.votes).length
            ? [
                t("review.votes", {
                  recognize: data.votes.recognize ?? 0,
                  not_recognize: data.votes.not_recognize ?? 0,
                  return_proposal: data.votes.return_proposal ?? 0,
                }),
              ]
            : []),
          ...(data.decisions.length ? [] : [t("review.nothing_to_decide")]),
          ...(data.published ? [t("publication.review_published", { url: data.published })] : []),
        ],
        choices: [
          ...data.decisions.map((d) => ({ id: d, label: t(`decision.${d}`) })),
          ...(data.canPropose ? [{ id: "__propose", label: t("proposal.start") }] : []),
          ...(data.canRevise ? [{ id: "__revise", label: t("proposal.revise") }] : []),
          ...(data.published && data.canUnpublish
            ? [{ id: "__unpublish", label: t("publication.unpublish") }]
            : []),
          ...(flow.back ? [{ id: "__back", label: t("review.back"), nav: true }] : []),
          { id: "__close", label: t("mine.close"), nav: true },
        ],
        expects: { kind: "choice" },
      },
    ];
  },
  answer(flow, answer) {
    if (answer.kind === "result") {
      if (answer.effect === "decide") return decided(flow, answer.value);
      if (answer.effect === "unpublish_model") {
        const text = answer.value.ok
          ? t("publication.unpublished", { code: answer.value.code })
          : t("publication.unpublish_refused");
        return {
          flow: { ...flow, loading: true },
          views: [note([text])],
          effects: [{ type: "load_review", id: flow.submissionId }],
          notice: text,
        };
      }
      if (answer.effect !== "load_review") return { flow };
      const data = answer.value;
      if (!data) return leave(flow, [note([t("review.not_allowed")])], { notice: t("review.not_allowed") });
      const next: ReviewFlow = { ...flow, data, loading: false };
      if (!flow.pending) return { flow: next };
      // A decision pressed on a notification: allowed now, for this person?
      if (!data.decisions.includes(flow.pending)) {
        const why = canStart(flow.pending, data.submission.status)
          ? "review.not_allowed"
          : "review.already_decided";
        return {
          flow: { ...next, pending: null },
          views: [note([t(why, { status: data.submission.status })])],
          notice: t(why, { status: data.submission.status }),
        };
      }
      if (NEEDS_REASON.has(flow.pending)) return { flow: next };
      return {
        flow: { ...next, loading: true },
        effects: [{ type: "decide", id: flow.submissionId, action: flow.pending, reason: null }],
      };
    }
    if (flow.pending && NEEDS_REASON.has(flow.pending)) {
      if (answer.kind === "choice") return { flow: { ...flow, pending: null } };
      if (answer.kind !== "text") return { flow, error: t("input.need_text") };
      return {
        flow: { ...flow, loading: true },
        effects: [{ type: "decide", id: flow.submissionId, action: flow.pending, reason: answer.text }],
      };
    }
    if (answer.kind !== "choice") return { flow, error: t("input.choose") };
    if (answer.id === "__close") return { flow: null, views: [note([t("mine.closed")])] };
    if (answer.id === "__back") return leave(flow, []);
    if (answer.id === "__unpublish" && flow.data?.canUnpublish)
      return {
        flow: { ...flow, loading: true },
        effects: [{ type: "unpublish_model", id: flow.submissionId }],
        answered: t("publication.unpublish"),
      };
    if (answer.id === "__propose" && flow.data?.canPropose) return startProposal(flow.data.submission);
    if (answer.id === "__revise" && flow.data?.canRevise)
      return startProposal(flow.data.submission, "revise");
    const decision = answer.id as Decision;
    if (!flow.data?.decisions.includes(decision)) return { flow, error: t("input.choose") };
    if (NEEDS_REASON.has(decision)) return { flow: { ...flow, pending: decision } };
    return {
      flow: { ...flow, loading: true },
      effects: [{ type: "decide", id: flow.submissionId, action: decision, reason: null }],
    };
  },
};

import { checkRegistration } from "../../../domain/eligibility.ts";
import { holdsPersonalData } from "../../../domain/privacy.ts";
import type { Submission } from "../../../domain/types.ts";
import type { Answer, DialogContext, FlowModule, Next, Outcome } from "../../flow.ts";
import { say, t, type View } from "../../view.ts";
import { answerConsent, CONSENT_STEP, consentPrompt, gate } from "./consent.ts";
import { asked, question, questions, type RegistrationFlow, type StepId, typedReplica } from "./questions.ts";
import { reviewViews } from "./review.ts";

export type { RegistrationFlow } from "./questions.ts";

export function newDraft(ctx: DialogContext): Submission {
  return {
    id: ctx.newId(),
    code: null,
    registrantId: ctx.person.id,
    status: "draft",
    cycleYear: 0,
    field: null,
    registrantKind: null,
    unitCategory: null,
    unitName: null,
    address: null,
    contactName: null,
    contactPhone: null,
    localityCode: null,
    bodyCode: null,
    viaBodyCode: null,
    queueBodyCode: null,
    tier: null,
    modelKind: null,
    description: {},
    scores: {},
    attachments: [],
    results: null,
    late: false,
    parentId: null,
    submittedAt: null,
    decidedAt: null,
    createdAt: ctx.now,
    updatedAt: ctx.now,
    version: 0,
    replicates: null,
  };
}

/** The first words of a new registration, saying how many questions there are. */
export function registrationIntro(ctx: DialogContext): View {
  return say("reg.intro", { count: asked(ctx.rulebook, newDraft(ctx)).length });
}

/** Opens a draft at its first unanswered question (or the review when complete). */
export function startRegistration(draft: Submission, ctx: DialogContext): RegistrationFlow {
  const step = asked(ctx.rulebook, draft).find((q) => !q.answered(draft, ctx))?.id ?? "review";
  const flow: RegistrationFlow = {
    name: "registration",
    draft,
    step,
    editing: false,
    placeAt: null,
    placeResults: null,
  };
  // A draft already holding personal data, under a notice not agreed to (a new version), asks first too.
  const gated = gate(flow, holdsPersonalData(draft) ? "review" : step, ctx);
  return gated.step === CONSENT_STEP ? { ...gated, consentThen: { step, editing: false } } : flow;
}

function prompt(flow: RegistrationFlow, ctx: DialogContext): View[] {
  const table = asked(ctx.rulebook, flow.draft);
  if (flow.step === CONSENT_STEP) return consentPrompt(ctx);
  if (flow.step === "review") return reviewViews(flow.draft, ctx, flow.blockers ?? []);
  if (flow.step === "edit")
    return [
      {
        text: [t("reg.edit.prompt")],
        choices: [
          ...asked(ctx.rulebook, flow.draft).map((q) => ({ id: q.id, label: q.label })),
          { id: "__back", label: t("reg.edit.back"), nav: true },
        ],
        expects: { kind: "choice" },
      },
    ];
  // A question no longer asked (the model became a new one) shows without its number.
  const current = Math.max(
    0,
    table.findIndex((q) => q.id === flow.step),
  );
  const shown = (table.find((q) => q.id === flow.step) ?? question(ctx.rulebook, flow.step)!).ask(flow, ctx);
  return [{ ...shown, text: [t("reg.progress", { n: current + 1, total: table.length }), ...shown.text] }];
}

/** Moves on after an answer: to the review when editing (unless a dependent answer is now missing). */
function advance(
  flow: RegistrationFlow,
  draft: Submission,
  ctx: DialogContext,
  extra: Partial<Outcome> = {},
): Outcome<RegistrationFlow> {
  const all = questions(ctx.rulebook);
  const table = asked(ctx.rulebook, draft);
  let step: StepId;
  if (flow.editing) {
    // Changing the kind can invalidate the category, the category the location, a replication asks what it copies.
    step = table.find((q) => !q.answered(draft, ctx))?.id ?? "review";
  } else {
    // The next question of the whole table this registration is asked.
    const after = all.slice(all.findIndex((q) => q.id === flow.step) + 1);
    step = after.find((q) => table.includes(q))?.id ?? "review";
  }
  const next: RegistrationFlow = {
    ...gate({ ...flow, draft }, step, ctx),
    draft: { ...draft, updatedAt: ctx.now },
    placeAt: null,
    placeResults: null,
    blockers: [],
    replicaQuery: "",
    replicaResults: null,
    searching: false,
  };
  if (step === "review") next.editing = false;
  return { flow: next, effects: [{ type: "save_draft", submission: next.draft }], ...extra };
}

function answer(flow: RegistrationFlow, a: Answer, ctx: DialogContext): Next<RegistrationFlow> {
  if (a.kind === "result") {
    if (a.effect === "submit") return submitted(flow, a.value);
    if (a.effect !== "find_models") return { flow };
    // No recognised model of that name: the name (and code) as typed.
    if (a.value.length === 0)
      return advance(flow, { ...flow.draft, replicates: typedReplica(flow.replicaQuery ?? "") }, ctx);
    return { flow: { ...flow, searching: false, replicaResults: a.value } };
  }
  if (flow.step === CONSENT_STEP) return answerConsent(flow, a, ctx);
  if (flow.step === "review") return answerReview(flow, a, ctx);
  if (flow.step === "edit") {
    if (a.kind !== "choice") return { flow, error: t("input.choose") };
    if (a.id === "__back") return { flow: { ...flow, step: "review" } };
    if (!question(ctx.rulebook, a.id)) return { flow, error: t("input.choose") };
    return { flow: gate({ ...flow, editing: true, placeAt: null, placeResults: null }, a.id, ctx) };
  }
  const current = question(ctx.rulebook, flow.step);
  if (!current) return { flow: startRegistration(flow.draft, ctx) };
  const read = current.read(a, flow, ctx);
  if ("error" in read) return { flow, error: read.error };
  if ("stay" in read)
    return { flow: { ...flow, ...read.stay }, ...(read.effects ? { effects: read.effects } : {}) };
  return advance(flow, read.draft, ctx, {
    ...(read.answered ? { answered: read.answered } : {}),
    ...(read.views ? { views: read.views } : {}),
  });
}

function answerReview(flow: RegistrationFlow, a: Answer, ctx: DialogContext): Next<RegistrationFlow> {
  if (a.kind !== "choice") return { flow, error: t("input.choose") };
  if (a.id === "edit") return { flow: { ...flow, step: "edit" }, answered: t("reg.review.edit") };
  if (a.id === "later")
    return {
      flow: null,
      views: [say("reg.saved", { name: flow.draft.description.model_name ?? "" })],
      answered: t("reg.review.later"),
    };
  const check = checkRegistration({
    submission: flow.draft,
    rulebook: ctx.rulebook,
    tree: ctx.tree,
    now: ctx.now,
  });
  if (!check.ok) return { flow, error: t("reg.review.fix_first") };
  return {
    flow: { ...flow, submitting: true },
    effects: [{ type: "submit", submission: flow.draft }],
    answered: t("reg.review.submit"),
  };
}

function submitted(
  flow: RegistrationFlow,
  result: Extract<Answer, { effect: "submit" }>["value"],
): Next<RegistrationFlow> {
  if (!result.ok) return { flow: { ...flow, submitting: false, step: "review", blockers: result.problems } };
  const s = result.submission;
  return {
    flow: null,
    views: [
      {
        text: [
          t("reg.done.title", { code: s.code ?? "" }),
          t(result.viaName ? "reg.done.body_via" : "reg.done.body", {
            body: result.bodyName,
            via: result.viaName ?? "",
          }),
          ...(s.late ? [t("reg.done.late")] : []),
          t("reg.done.next"),
        ],
        expects: { kind: "none" },
      },
    ],
  };
}

export const registration: FlowModule<RegistrationFlow> = {
  name: "registration",
  pausable: true,
  prompt,
  answer,
  waiting: (flow) => flow.submitting === true || flow.searching === true,
};

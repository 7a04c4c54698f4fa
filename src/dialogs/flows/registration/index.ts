import { checkRegistration } from "../../../domain/eligibility.ts";
import { route, unitCategory } from "../../../domain/routing.ts";
import { band, checkCriterionScore, quickPicks, totalScore } from "../../../domain/scoring.ts";
import { isConcreteAddress } from "../../../domain/text.ts";
import {
  DESCRIPTION_ITEMS,
  FIELD_IDS,
  MODEL_KINDS,
  type Problem,
  REGISTRANT_KINDS,
  type Submission,
} from "../../../domain/types.ts";
import type { DialogContext } from "../../context.ts";
import type { EffectResults } from "../../effects.ts";
import type { Answer, FlowHandlers, Outcome } from "../../flow.ts";
import { type Choice, raw, t, type View } from "../../view.ts";
import { browse, isFinal, placeLabel, requiredTier, searchPlaces } from "./location.ts";
import { reviewViews } from "./review.ts";
import { criterionOf, itemOf, nextStep, progress, type StepId, stepOrder } from "./steps.ts";

/** Registering a model (đăng ký mô hình), one question at a time, then a review and submission. */
export interface RegistrationFlow {
  name: "registration";
  draft: Submission;
  step: StepId;
  /** Answering a question picked from the review screen: go back to the review after it. */
  editing: boolean;
  /** Location browsing: the unit whose children are shown, and the last search's matches. */
  placeAt: string | null;
  placeResults: string[] | null;
  /** Waiting for the submission's result. */
  submitting?: boolean;
  /** Problems only the submission found (a duplicate), shown on the review until the next edit. */
  blockers?: Problem[];
}

const MAX_FILES = 10;
const NAME = { min: 2, max: 200 };
const ADDRESS_MAX = 300;
const CONTACT = { min: 2, max: 100 };

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
  };
}

/** Opens a draft at its first unanswered question (or the review when complete). */
export function startRegistration(draft: Submission, ctx: DialogContext): RegistrationFlow {
  const step = stepOrder(ctx.rulebook).find((s) => !answered(draft, s, ctx)) ?? "review";
  return { name: "registration", draft, step, editing: false, placeAt: null, placeResults: null };
}

function answered(d: Submission, step: StepId, ctx: DialogContext): boolean {
  const item = itemOf(step);
  if (item) return Boolean(d.description[item]);
  const criterion = criterionOf(step);
  if (criterion) return d.scores[criterion] !== undefined;
  switch (step) {
    case "field":
      return d.field !== null;
    case "kind":
      return d.registrantKind !== null;
    case "category":
      return (
        d.unitCategory !== null &&
        (unitCategory(ctx.rulebook, d.unitCategory)?.registrantKinds ?? []).includes(d.registrantKind!)
      );
    case "location":
      return (
        d.localityCode !== null &&
        d.unitCategory !== null &&
        route(d.unitCategory, d.localityCode, ctx.tree, ctx.rulebook).ok
      );
    case "unit_name":
      return d.unitName !== null;
    case "address":
      return d.address !== null;
    case "contact":
      return d.contactName !== null;
    case "phone":
      return d.contactPhone !== null;
    case "model_kind":
      return d.modelKind !== null;
    case "files":
      return d.attachments.length > 0 || d.scores[ctx.rulebook.scoring.criteria[0]!.id] !== undefined;
    default:
      return false;
  }
}

function header(step: StepId, ctx: DialogContext) {
  return t("reg.progress", progress(step, ctx.rulebook));
}

function prompt(flow: RegistrationFlow, ctx: DialogContext): View[] {
  if (flow.step === "review") return reviewViews(flow.draft, ctx, flow.blockers ?? []);
  return [question(flow, ctx)];
}

function question(flow: RegistrationFlow, ctx: DialogContext): View {
  const { draft: d, step } = flow;
  const rb = ctx.rulebook;
  const item = itemOf(step);
  if (item) {
    const spec = rb.description.find((x) => x.id === item)!;
    const n = DESCRIPTION_ITEMS.indexOf(item) + 1;
    return {
      text: [
        header(step, ctx),
        t("reg.item.prompt", { n, item }),
        t(`rb:items.${item}.hint`),
        t("reg.item.example", { item }),
        t("reg.item.limits", { min: spec.minLength, max: spec.maxLength }),
        ...(d.description[item] ? [t("reg.current", { value: d.description[item] })] : []),
      ],
      expects: { kind: "text", min: spec.minLength, max: spec.maxLength },
    };
  }
  const criterionId = criterionOf(step);
  if (criterionId) {
    const criterion = rb.scoring.criteria.find((c) => c.id === criterionId)!;
    const k = rb.scoring.criteria.indexOf(criterion) + 1;
    const sofar = totalScore(d.scores, rb) - (d.scores[criterionId] ?? 0);
    return {
      text: [
        header(step, ctx),
        t("reg.score.prompt", {
          k,
          of: rb.scoring.criteria.length,
          criterion: criterionId,
          max: criterion.max,
        }),
        t("reg.score.running", { total: sofar }),
      ],
      choices: quickPicks(criterion).map((v) => ({
        id: String(v),
        label: t("reg.score.points", { count: v }),
      })),
      expects: { kind: "number", min: 0, max: criterion.max },
    };
  }
  switch (step) {
    case "field":
      return {
        text: [header(step, ctx), t("reg.field.prompt")],
        choices: rb.fields.map((f) => ({ id: f.id, label: t(`rb:fields.${f.id}.name`) })),
        expects: { kind: "choice" },
      };
    case "kind":
      return {
        text: [header(step, ctx), t("reg.kind.prompt")],
        choices: REGISTRANT_KINDS.map((k) => ({ id: k, label: t(`reg.kind.${k}`) })),
        expects: { kind: "choice" },
      };
    case "category":
      return {
        text: [header(step, ctx), t("reg.category.prompt")],
        choices: rb.unitCategories
          .filter((c) => d.registrantKind === null || c.registrantKinds.includes(d.registrantKind))
          .map((c) => ({ id: c.id, label: t(`rb:categories.${c.id}`), group: t(`rb:groups.${c.group}`) })),
        expects: { kind: "choice" },
      };
    case "location": {
      const wanted = requiredTier(d.unitCategory, ctx);
      if (flow.placeResults) {
        return {
          text: [header(step, ctx), t("reg.location.results", { count: flow.placeResults.length })],
          choices: [
            ...flow.placeResults.map((code) => ({
              id: code,
              label: raw(placeLabel(ctx.tree.get(code)!, ctx)),
            })),
            { id: "__browse", label: t("reg.location.browse"), nav: true },
          ],
          expects: { kind: "place" },
        };
      }
      const level = browse(flow.placeAt, wanted, ctx);
      const at = level.at ? ctx.tree.get(level.at) : undefined;
      const choices: Choice[] = level.options.map((u) => ({ id: u.code, label: raw(u.locality) }));
      if (level.at !== browse(null, wanted, ctx).at)
        choices.push({ id: "__up", label: t("reg.location.up"), nav: true });
      return {
        text: [
          header(step, ctx),
          t("reg.location.prompt", { tier: wanted }),
          ...(at ? [t("reg.location.inside", { place: at.locality })] : []),
          t("reg.location.search_hint"),
        ],
        choices,
        expects: { kind: "place" },
      };
    }
    case "unit_name":
      return {
        text: [
          header(step, ctx),
          t(d.registrantKind === "individual" ? "reg.unit_name.individual" : "reg.unit_name.collective"),
        ],
        expects: { kind: "text", ...NAME },
      };
    case "address":
      return {
        text: [header(step, ctx), t("reg.address.prompt")],
        expects: { kind: "text", min: rb.addressMinLength, max: ADDRESS_MAX },
      };
    case "contact":
      return {
        text: [header(step, ctx), t("reg.contact.prompt")],
        ...(d.registrantKind === "individual" && d.unitName
          ? { choices: [{ id: "__same", label: t("reg.contact.same", { name: d.unitName }) }] }
          : {}),
        expects: { kind: "text", ...CONTACT },
      };
    case "phone":
      return { text: [header(step, ctx), t("reg.phone.prompt")], expects: { kind: "phone" } };
    case "model_kind":
      return {
        text: [header(step, ctx), t("reg.model_kind.prompt")],
        choices: MODEL_KINDS.map((k) => ({ id: k, label: t(`reg.model_kind.${k}`) })),
        expects: { kind: "choice" },
      };
    case "files":
      return {
        text: [
          header(step, ctx),
          t("reg.files.prompt", { max: MAX_FILES }),
          t("reg.files.count", { count: d.attachments.length }),
        ],
        choices: [{ id: "__done", label: t(d.attachments.length ? "reg.files.done" : "reg.files.skip") }],
        expects: { kind: "files", max: MAX_FILES },
      };
    case "edit":
      return {
        text: [t("reg.edit.prompt")],
        choices: [
          ...stepOrder(rb)
            .filter((s) => s !== "review")
            .map((s) => ({ id: s, label: stepLabel(s) })),
          { id: "__back", label: t("reg.edit.back"), nav: true },
        ],
        expects: { kind: "choice" },
      };
  }
  throw new Error(`no prompt for step ${step}`);
}

/** A step's name in the edit menu. */
function stepLabel(step: StepId) {
  const item = itemOf(step);
  if (item) return t("reg.edit.item", { n: DESCRIPTION_ITEMS.indexOf(item) + 1, item });
  const criterion = criterionOf(step);
  if (criterion) return t("reg.edit.score", { criterion });
  return t(`reg.edit.${step}`);
}

/** Moves on after an answer: to the review when editing (unless a dependent answer is now missing). */
function advance(
  flow: RegistrationFlow,
  draft: Submission,
  ctx: DialogContext,
  extra: Partial<Outcome> = {},
): Outcome {
  let step: StepId;
  if (flow.editing) {
    // Changing the kind can invalidate the category, and the category the location.
    const missing = (["category", "location"] as const).find((s) => !answered(draft, s, ctx));
    step = missing ?? "review";
  } else step = nextStep(flow.step, ctx.rulebook);
  const next: RegistrationFlow = {
    ...flow,
    draft: { ...draft, updatedAt: ctx.now },
    step,
    placeAt: null,
    placeResults: null,
    blockers: [],
  };
  if (step === "review") next.editing = false;
  return { flow: next, effects: [{ type: "save_draft", submission: next.draft }], ...extra };
}

function stay(flow: RegistrationFlow, key: string, params?: Record<string, string | number>): Outcome {
  return { flow, error: t(key, params) };
}

function answer(flow: RegistrationFlow, a: Answer, ctx: DialogContext): Outcome {
  const d = flow.draft;
  const rb = ctx.rulebook;
  if (a.kind === "result") return submitted(flow, a.value as EffectResults["submit"]);

  const item = itemOf(flow.step);
  if (item) {
    if (a.kind !== "text") return stay(flow, "input.need_text");
    return advance(flow, { ...d, description: { ...d.description, [item]: a.text.trim() } }, ctx);
  }
  const criterionId = criterionOf(flow.step);
  if (criterionId) {
    const criterion = rb.scoring.criteria.find((c) => c.id === criterionId)!;
    const value = a.kind === "choice" ? Number(a.id) : a.kind === "number" ? a.value : Number.NaN;
    const problem = checkCriterionScore(criterion, value);
    if (problem) return stay(flow, "input.number_range", { min: 0, max: criterion.max });
    const scores = { ...d.scores, [criterionId]: value };
    const total = totalScore(scores, rb);
    return advance(flow, { ...d, scores }, ctx, {
      answered: t("reg.score.points", { count: value }),
      views: [
        {
          // The band means something only once every criterion is scored.
          text: [
            Object.keys(scores).length >= rb.scoring.criteria.length
              ? t("reg.score.after", { total, band: band(total, rb).id })
              : t("reg.score.partial", { total }),
          ],
          expects: { kind: "none" },
        },
      ],
    });
  }

  switch (flow.step) {
    case "field": {
      if (a.kind !== "choice" || !FIELD_IDS.includes(a.id as never)) return stay(flow, "input.choose");
      const field = a.id as Submission["field"];
      return advance(flow, { ...d, field }, ctx, {
        answered: t(`rb:fields.${a.id}.name`),
        views: [
          {
            text: [t("reg.field.chosen", { field: a.id }), t(`rb:fields.${a.id}.help`)],
            expects: { kind: "none" },
          },
        ],
      });
    }
    case "kind": {
      if (a.kind !== "choice") return stay(flow, "input.choose");
      const kind = a.id as Submission["registrantKind"];
      return advance(flow, { ...d, registrantKind: kind }, ctx, { answered: t(`reg.kind.${a.id}`) });
    }
    case "category": {
      if (a.kind !== "choice") return stay(flow, "input.choose");
      const keepsPlace = d.localityCode !== null && route(a.id, d.localityCode, ctx.tree, rb).ok;
      return advance(
        flow,
        { ...d, unitCategory: a.id, localityCode: keepsPlace ? d.localityCode : null },
        ctx,
        {
          answered: t(`rb:categories.${a.id}`),
        },
      );
    }
    case "location":
      return answerLocation(flow, a, ctx);
    case "unit_name":
      if (a.kind !== "text") return stay(flow, "input.need_text");
      return advance(flow, { ...d, unitName: a.text.trim() }, ctx);
    case "address":
      if (a.kind !== "text") return stay(flow, "input.need_text");
      if (!isConcreteAddress(a.text, rb.addressMinLength)) return stay(flow, "reg.address.not_concrete");
      return advance(flow, { ...d, address: a.text.trim() }, ctx);
    case "contact":
      if (a.kind === "choice" && a.id === "__same")
        return advance(flow, { ...d, contactName: d.unitName }, ctx, { answered: raw(d.unitName ?? "") });
      if (a.kind !== "text") return stay(flow, "input.need_text");
      return advance(flow, { ...d, contactName: a.text.trim() }, ctx);
    case "phone":
      if (a.kind !== "phone") return stay(flow, "input.phone");
      return advance(flow, { ...d, contactPhone: a.phone }, ctx);
    case "model_kind":
      if (a.kind !== "choice") return stay(flow, "input.choose");
      return advance(flow, { ...d, modelKind: a.id as Submission["modelKind"] }, ctx, {
        answered: t(`reg.model_kind.${a.id}`),
      });
    case "files":
      if (a.kind === "choice") return advance(flow, d, ctx, { answered: t("reg.files.done") });
      if (a.kind !== "file") return stay(flow, "reg.files.need_file");
      if (d.attachments.length >= MAX_FILES) return stay(flow, "reg.files.too_many", { max: MAX_FILES });
      return {
        flow: { ...flow, draft: { ...d, attachments: [...d.attachments, a.file], updatedAt: ctx.now } },
        effects: [
          {
            type: "save_draft",
            submission: { ...d, attachments: [...d.attachments, a.file], updatedAt: ctx.now },
          },
        ],
      };
    case "review":
      return answerReview(flow, a, ctx);
    case "edit":
      if (a.kind !== "choice") return stay(flow, "input.choose");
      if (a.id === "__back") return { flow: { ...flow, step: "review" } };
      return { flow: { ...flow, step: a.id as StepId, editing: true, placeAt: null, placeResults: null } };
  }
  return stay(flow, "input.choose");
}

function answerLocation(flow: RegistrationFlow, a: Answer, ctx: DialogContext): Outcome {
  const wanted = requiredTier(flow.draft.unitCategory, ctx);
  if (a.kind === "text") {
    const found = searchPlaces(a.text, wanted, ctx);
    if (found.length === 0) return stay(flow, "reg.location.none", { query: a.text.trim().slice(0, 50) });
    if (found.length > 1) return { flow: { ...flow, placeResults: found.map((u) => u.code) } };
    return choosePlace(flow, found[0]!.code, ctx);
  }
  if (a.kind !== "choice") return stay(flow, "input.choose");
  if (a.id === "__browse") return { flow: { ...flow, placeResults: null } };
  if (a.id === "__up") {
    const level = browse(flow.placeAt, wanted, ctx);
    const at = level.at ? ctx.tree.get(level.at) : undefined;
    const parent = at?.parentCode ?? null;
    // Back at the top (where a lone province opens by itself), browse from the start.
    const top = browse(null, wanted, ctx).at;
    return { flow: { ...flow, placeAt: parent === null || parent === top ? null : parent } };
  }
  return choosePlace(flow, a.id, ctx);
}

function choosePlace(flow: RegistrationFlow, code: string, ctx: DialogContext): Outcome {
  const unit = ctx.tree.get(code);
  if (!unit) return stay(flow, "input.choose");
  const wanted = requiredTier(flow.draft.unitCategory, ctx);
  if (!isFinal(unit, wanted)) return { flow: { ...flow, placeAt: code, placeResults: null } };
  return advance(flow, { ...flow.draft, localityCode: code }, ctx, { answered: raw(placeLabel(unit, ctx)) });
}

function answerReview(flow: RegistrationFlow, a: Answer, ctx: DialogContext): Outcome {
  if (a.kind !== "choice") return stay(flow, "input.choose");
  if (a.id === "edit") return { flow: { ...flow, step: "edit" }, answered: t("reg.review.edit") };
  if (a.id === "later")
    return {
      flow: null,
      views: [
        {
          text: [t("reg.saved", { name: flow.draft.description.model_name ?? "" })],
          expects: { kind: "none" },
        },
      ],
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

function submitted(flow: RegistrationFlow, result: EffectResults["submit"]): Outcome {
  if (!result.ok) {
    return { flow: { ...flow, submitting: false, step: "review", blockers: result.problems } };
  }
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

export const registration: FlowHandlers<RegistrationFlow> = {
  prompt,
  answer,
  waiting: (flow) => flow.submitting === true,
};

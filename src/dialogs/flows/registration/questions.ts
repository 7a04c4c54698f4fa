import { route, unitCategory } from "../../../domain/routing.ts";
import type { Rulebook } from "../../../domain/rulebook/schema.ts";
import { band, checkCriterionScore, quickPicks, totalScore } from "../../../domain/scoring.ts";
import { parseSubmissionCode } from "../../../domain/submission-code.ts";
import { isConcreteAddress } from "../../../domain/text.ts";
import {
  DESCRIPTION_ITEMS,
  type DescriptionItemId,
  FIELD_IDS,
  MODEL_KINDS,
  type Problem,
  REGISTRANT_KINDS,
  type Submission,
} from "../../../domain/types.ts";
import { criteriaLines } from "../../details.ts";
import type { Effect } from "../../effects.ts";
import { fileRefusal, filesPrompt } from "../../files.ts";
import type { Answer, DialogContext } from "../../flow.ts";
import { type Choice, type Expect, type Label, raw, type Text, t, type View } from "../../view.ts";
import { browse, isFinal, placeLabel, requiredTier, searchPlaces } from "./location.ts";

/**
 * The registration as a table of questions, in the order DESIGN §2.3–2.5 asks them: who
 * registers, the ten description items and the self-score criteria (both generated from the
 * rulebook), files. The prompts, the progress line, the edit menu, the review and the summaries
 * are all read from this table; adding a question is one entry here and its locale keys.
 */

/** Registering a model (đăng ký mô hình): the draft, the question on screen, and its helpers' state. */
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
  /** The replicated model being looked up: what was typed, and the recognised models it matched. */
  replicaQuery?: string;
  replicaResults?: { code: string; name: string }[] | null;
  /** Waiting for the recognised models matching `replicaQuery`. */
  searching?: boolean;
  /** On the consent screen: where the registration goes on once the person agrees. */
  consentThen?: { step: StepId; editing: boolean };
}

/** A question's id ("field", "item:goals", "score:impact"), or the review and its edit menu. */
export type StepId = string;

/** A question on screen: its paragraphs, choices and the input it expects. */
export interface Prompt {
  text: Text[];
  choices?: Choice[];
  expects: Expect;
}

/** What an answer does to the registration. */
export type Reading =
  /** The draft as the answer changes it: on to the next question. */
  | { draft: Submission; answered?: Label; views?: View[] }
  /** Refused: the reason, and the same question again. */
  | { error: Text }
  /** The same question, in another state of its own (browsing places, one more file attached). */
  | { stay: Partial<RegistrationFlow>; effects?: Effect[]; views?: View[] };

export interface Question {
  id: StepId;
  /** Its name in the edit menu. */
  label: Text;
  /** Where it shows in a summary of the registration. */
  section: "identity" | "description" | "files" | "scores";
  /** Asked only of some registrations (what a replication copies); every one by default. */
  applies?(d: Submission): boolean;
  /** Collects personal data from this registration: the notice and a consent come first. */
  personal?(d: Submission): boolean;
  ask(flow: RegistrationFlow, ctx: DialogContext): Prompt;
  read(answer: Answer, flow: RegistrationFlow, ctx: DialogContext): Reading;
  answered(d: Submission, ctx: DialogContext): boolean;
  /** Its lines in a summary (the review, the detail officers read, notifications). */
  show(d: Submission, ctx: Pick<DialogContext, "rulebook" | "tree">): Text[];
}

const NAME = { min: 2, max: 200 };
const ADDRESS_MAX = 300;
const CONTACT = { min: 2, max: 100 };

const refuse = (key: string, params?: Record<string, string | number>): Reading => ({
  error: t(key, params),
});
const when = (value: unknown, line: () => Text): Text[] => (value ? [line()] : []);

/** A question whose answer is one of a fixed list of choices. */
function chooseOne(spec: {
  id: string;
  prompt: (d: Submission, ctx: DialogContext) => Text;
  choices: (d: Submission, ctx: DialogContext) => Choice[];
  apply: (d: Submission, id: string, ctx: DialogContext) => Submission | null;
  answered: (d: Submission, ctx: DialogContext) => boolean;
  show: Question["show"];
  after?: (id: string) => View[];
}): Question {
  return {
    id: spec.id,
    label: t(`reg.edit.${spec.id}`),
    section: "identity",
    ask: (flow, ctx) => ({
      text: [spec.prompt(flow.draft, ctx)],
      choices: spec.choices(flow.draft, ctx),
      expects: { kind: "choice" },
    }),
    read(answer, flow, ctx) {
      if (answer.kind !== "choice") return refuse("input.choose");
      const draft = spec.apply(flow.draft, answer.id, ctx);
      if (!draft) return refuse("input.choose");
      const choice = spec.choices(flow.draft, ctx).find((c) => c.id === answer.id);
      return {
        draft,
        ...(choice ? { answered: choice.label } : {}),
        ...(spec.after ? { views: spec.after(answer.id) } : {}),
      };
    },
    answered: spec.answered,
    show: spec.show,
  };
}

/** A question answered by typing a text within limits. */
function typeText(spec: {
  id: string;
  prompt: (d: Submission) => Text[];
  limits: (ctx: DialogContext) => { min: number; max: number };
  choices?: (d: Submission) => Choice[];
  apply: (d: Submission, text: string, ctx: DialogContext) => Submission | Text;
  fromChoice?: (d: Submission, id: string) => { draft: Submission; answered: Label } | null;
  answered: (d: Submission) => boolean;
  show: Question["show"];
}): Question {
  return {
    id: spec.id,
    label: t(`reg.edit.${spec.id}`),
    section: "identity",
    ask: (flow, ctx) => {
      const choices = spec.choices?.(flow.draft) ?? [];
      return {
        text: spec.prompt(flow.draft),
        ...(choices.length ? { choices } : {}),
        expects: { kind: "text", ...spec.limits(ctx) },
      };
    },
    read(answer, flow, ctx) {
      if (answer.kind === "choice" && spec.fromChoice) {
        const chosen = spec.fromChoice(flow.draft, answer.id);
        if (chosen) return chosen;
      }
      if (answer.kind !== "text") return refuse("input.need_text");
      const applied = spec.apply(flow.draft, answer.text.trim(), ctx);
      return "key" in applied ? { error: applied } : { draft: applied };
    },
    answered: spec.answered,
    show: spec.show,
  };
}

/** Every field with what a model in it must show (seed 001), to read before choosing. */
export function fieldsHelp(ctx: Pick<DialogContext, "rulebook">): View[] {
  return ctx.rulebook.fields.map((f, i) => ({
    text: [t("help.field", { n: i + 1, field: f.id }), t(`rb:fields.${f.id}.help`)],
    expects: { kind: "none" },
  }));
}

const FIELD_HELP = "__fields_help";

const chosenField = chooseOne({
  id: "field",
  prompt: () => t("reg.field.prompt"),
  choices: (_d, ctx) => [
    ...ctx.rulebook.fields.map((f) => ({ id: f.id, label: t(`rb:fields.${f.id}.name`) })),
    { id: FIELD_HELP, label: t("reg.field.help"), nav: true },
  ],
  apply: (d, id) => (FIELD_IDS.includes(id as never) ? { ...d, field: id as Submission["field"] } : null),
  answered: (d) => d.field !== null,
  show: (d) => when(d.field, () => t("summary.field", { field: d.field! })),
  after: (id) => [
    { text: [t("reg.field.chosen", { field: id }), t(`rb:fields.${id}.help`)], expects: { kind: "none" } },
  ],
});

/** The field, with every field's guidance readable before choosing. */
const field: Question = {
  ...chosenField,
  read: (answer, flow, ctx) =>
    answer.kind === "choice" && answer.id === FIELD_HELP
      ? { stay: {}, views: fieldsHelp(ctx) }
      : chosenField.read(answer, flow, ctx),
};

const registrantKind = chooseOne({
  id: "kind",
  prompt: () => t("reg.kind.prompt"),
  choices: () => REGISTRANT_KINDS.map((k) => ({ id: k, label: t(`reg.kind.${k}`) })),
  apply: (d, id) =>
    REGISTRANT_KINDS.includes(id as never)
      ? { ...d, registrantKind: id as Submission["registrantKind"] }
      : null,
  answered: (d) => d.registrantKind !== null,
  show: (d) => when(d.registrantKind, () => t("summary.kind", { kind: d.registrantKind! })),
});

const category = chooseOne({
  id: "category",
  prompt: () => t("reg.category.prompt"),
  choices: (d, ctx) =>
    ctx.rulebook.unitCategories
      .filter((c) => d.registrantKind === null || c.registrantKinds.includes(d.registrantKind))
      .map((c) => ({ id: c.id, label: t(`rb:categories.${c.id}`), group: t(`rb:groups.${c.group}`) })),
  apply(d, id, ctx) {
    if (!unitCategory(ctx.rulebook, id)) return null;
    // The place stays when the new category still routes from it.
    const keepsPlace = d.localityCode !== null && route(id, d.localityCode, ctx.tree, ctx.rulebook).ok;
    return { ...d, unitCategory: id, localityCode: keepsPlace ? d.localityCode : null };
  },
  answered: (d, ctx) =>
    d.unitCategory !== null &&
    (unitCategory(ctx.rulebook, d.unitCategory)?.registrantKinds ?? []).includes(d.registrantKind!),
  show: (d) => when(d.unitCategory, () => t("summary.category", { category: d.unitCategory! })),
});

function choosePlace(flow: RegistrationFlow, code: string, ctx: DialogContext): Reading {
  const unit = ctx.tree.get(code);
  if (!unit) return refuse("input.choose");
  if (!isFinal(unit, requiredTier(flow.draft.unitCategory, ctx)))
    return { stay: { placeAt: code, placeResults: null } };
  return { draft: { ...flow.draft, localityCode: code }, answered: raw(placeLabel(unit, ctx)) };
}

/** Province → district → commune, browsed with buttons or searched by typing part of a name. */
const location: Question = {
  id: "location",
  label: t("reg.edit.location"),
  section: "identity",
  ask(flow, ctx) {
    const wanted = requiredTier(flow.draft.unitCategory, ctx);
    if (flow.placeResults)
      return {
        text: [t("reg.location.results", { count: flow.placeResults.length })],
        choices: [
          ...flow.placeResults.map((code) => ({
            id: code,
            label: raw(placeLabel(ctx.tree.get(code)!, ctx)),
          })),
          { id: "__browse", label: t("reg.location.browse"), nav: true },
        ],
        expects: { kind: "place" },
      };
    const level = browse(flow.placeAt, wanted, ctx);
    const at = level.at ? ctx.tree.get(level.at) : undefined;
    const choices: Choice[] = level.options.map((u) => ({ id: u.code, label: raw(u.locality) }));
    if (level.at !== browse(null, wanted, ctx).at)
      choices.push({ id: "__up", label: t("reg.location.up"), nav: true });
    return {
      text: [
        t("reg.location.prompt", { tier: wanted }),
        ...(at ? [t("reg.location.inside", { place: at.locality })] : []),
        t("reg.location.search_hint"),
      ],
      choices,
      expects: { kind: "place" },
    };
  },
  read(answer, flow, ctx) {
    const wanted = requiredTier(flow.draft.unitCategory, ctx);
    if (answer.kind === "text") {
      const found = searchPlaces(answer.text, wanted, ctx);
      if (found.length === 0) return refuse("reg.location.none", { query: answer.text.trim().slice(0, 50) });
      if (found.length > 1) return { stay: { placeResults: found.map((u) => u.code) } };
      return choosePlace(flow, found[0]!.code, ctx);
    }
    if (answer.kind !== "choice") return refuse("input.choose");
    if (answer.id === "__browse") return { stay: { placeResults: null } };
    if (answer.id === "__up") {
      const level = browse(flow.placeAt, wanted, ctx);
      const parent = (level.at ? ctx.tree.get(level.at) : undefined)?.parentCode ?? null;
      // Back at the top (where a lone province opens by itself), browse from the start.
      const top = browse(null, wanted, ctx).at;
      return { stay: { placeAt: parent === null || parent === top ? null : parent } };
    }
    return choosePlace(flow, answer.id, ctx);
  },
  answered: (d, ctx) =>
    d.localityCode !== null &&
    d.unitCategory !== null &&
    route(d.unitCategory, d.localityCode, ctx.tree, ctx.rulebook).ok,
  show(d, ctx) {
    const place = d.localityCode ? ctx.tree.get(d.localityCode) : undefined;
    return place ? [t("summary.location", { value: placeLabel(place, ctx) })] : [];
  },
};

/** An individual registers under their own name and address. */
const individual = (d: Submission) => d.registrantKind === "individual";

const unitName: Question = {
  personal: individual,
  ...typeText({
    id: "unit_name",
    prompt: (d) => [
      t(d.registrantKind === "individual" ? "reg.unit_name.individual" : "reg.unit_name.collective"),
    ],
    limits: () => NAME,
    apply: (d, text) => ({ ...d, unitName: text }),
    answered: (d) => d.unitName !== null,
    show: (d) => when(d.unitName, () => t("summary.unit_name", { value: d.unitName! })),
  }),
};

const address: Question = {
  personal: individual,
  ...typeText({
    id: "address",
    prompt: () => [t("reg.address.prompt")],
    limits: (ctx) => ({ min: ctx.rulebook.addressMinLength, max: ADDRESS_MAX }),
    apply: (d, text, ctx) =>
      isConcreteAddress(text, ctx.rulebook.addressMinLength)
        ? { ...d, address: text }
        : t("reg.address.not_concrete"),
    answered: (d) => d.address !== null,
    show: (d) => when(d.address, () => t("summary.address", { value: d.address! })),
  }),
};

const contact: Question = {
  personal: () => true,
  ...typeText({
    id: "contact",
    prompt: () => [t("reg.contact.prompt")],
    limits: () => CONTACT,
    // An individual is often their own contact: one press instead of typing the name again.
    choices: (d) =>
      d.registrantKind === "individual" && d.unitName
        ? [{ id: "__same", label: t("reg.contact.same", { name: d.unitName }) }]
        : [],
    fromChoice: (d, id) =>
      id === "__same" && d.unitName
        ? { draft: { ...d, contactName: d.unitName }, answered: raw(d.unitName) }
        : null,
    apply: (d, text) => ({ ...d, contactName: text }),
    answered: (d) => d.contactName !== null,
    show: (d) =>
      when(d.contactName, () => t("summary.contact", { value: d.contactName!, phone: d.contactPhone ?? "" })),
  }),
};

const phone: Question = {
  id: "phone",
  personal: () => true,
  label: t("reg.edit.phone"),
  section: "identity",
  ask: () => ({ text: [t("reg.phone.prompt")], expects: { kind: "phone" } }),
  read: (answer, flow) =>
    answer.kind === "phone"
      ? { draft: { ...flow.draft, contactPhone: answer.phone } }
      : refuse("input.phone"),
  answered: (d) => d.contactPhone !== null,
  // Shown with the contact's name.
  show: () => [],
};

const modelKind = chooseOne({
  id: "model_kind",
  prompt: () => t("reg.model_kind.prompt"),
  choices: () => MODEL_KINDS.map((k) => ({ id: k, label: t(`reg.model_kind.${k}`) })),
  apply: (d, id) =>
    MODEL_KINDS.includes(id as never)
      ? {
          ...d,
          modelKind: id as Submission["modelKind"],
          replicates: id === "replication" ? (d.replicates ?? null) : null,
        }
      : null,
  answered: (d) => d.modelKind !== null,
  show: (d) => when(d.modelKind, () => t("summary.model_kind", { kind: d.modelKind! })),
});

const REPLICA = { min: 2, max: 200 };

/** What a replication copies: a recognised model found by its name, or the name (and code) typed. */
const replicates: Question = {
  id: "replicates",
  label: t("reg.edit.replicates"),
  section: "identity",
  applies: (d) => d.modelKind === "replication",
  ask({ draft: d, replicaResults, replicaQuery }) {
    if (replicaResults?.length)
      return {
        text: [t("reg.replicates.results", { count: replicaResults.length })],
        choices: [
          ...replicaResults.map((m, i) => ({ id: `m${i}`, label: raw(`${m.name} (${m.code})`) })),
          { id: "__typed", label: t("reg.replicates.typed", { name: replicaQuery ?? "" }) },
          { id: "__again", label: t("reg.replicates.again"), nav: true },
        ],
        expects: { kind: "choice" },
      };
    return {
      text: [
        t("reg.replicates.prompt"),
        ...when(d.replicates?.name, () => t("reg.current", { value: replicaLabel(d.replicates!) })),
      ],
      expects: { kind: "text", ...REPLICA },
    };
  },
  read(answer, flow) {
    const d = flow.draft;
    if (flow.replicaResults?.length) {
      if (answer.kind !== "choice") return refuse("input.choose");
      if (answer.id === "__again") return { stay: { replicaResults: null, replicaQuery: "" } };
      if (answer.id === "__typed")
        return { draft: { ...d, replicates: typedReplica(flow.replicaQuery ?? "") } };
      const found = flow.replicaResults[Number(answer.id.slice(1))];
      if (!found) return refuse("input.choose");
      return { draft: { ...d, replicates: found }, answered: raw(found.name) };
    }
    if (answer.kind !== "text") return refuse("input.need_text");
    return {
      stay: { replicaQuery: answer.text.trim(), searching: true },
      effects: [{ type: "find_models", query: answer.text.trim() }],
    };
  },
  answered: (d) => d.modelKind !== "replication" || Boolean(d.replicates?.name),
  show: (d) =>
    d.modelKind === "replication" && d.replicates?.name
      ? [t("summary.replicates", { value: replicaLabel(d.replicates) })]
      : [],
};

/** A replicated model as typed: a code in it ("DVK-2025-000123 …") is kept apart from the name. */
export function typedReplica(text: string): { code?: string; name: string } {
  const match = /DVK[\s_-]*\d{4}[\s_-]*\d{1,6}/i.exec(text);
  const code = match ? parseSubmissionCode(match[0]) : null;
  const name = (match ? text.replace(match[0], "") : text).replace(/^[\s,.:;()–-]+|[\s,.:;()–-]+$/g, "");
  return code ? { code, name: name || code } : { name: text.trim() };
}

function replicaLabel(m: { code?: string | null; name: string }): string {
  return m.code ? `${m.name} (${m.code})` : m.name;
}

/** One of the ten description items, with the rulebook's hint, example and length limits. */
function descriptionItem(item: DescriptionItemId): Question {
  const n = DESCRIPTION_ITEMS.indexOf(item) + 1;
  const spec = (ctx: Pick<DialogContext, "rulebook">) => ctx.rulebook.description.find((x) => x.id === item)!;
  return {
    id: `item:${item}`,
    label: t("reg.edit.item", { n, item }),
    section: "description",
    ask: ({ draft: d }, ctx) => ({
      text: [
        t("reg.item.prompt", { n, item }),
        t(`rb:items.${item}.hint`),
        t("reg.item.example", { item }),
        t("reg.item.limits", { min: spec(ctx).minLength, max: spec(ctx).maxLength }),
        // Goals and criteria: what the unit's kind is expected to show (seed 003).
        ...(item === "goals" ? criteriaLines(d.unitCategory, ctx, "guidance") : []),
        ...when(d.description[item], () => t("reg.current", { value: d.description[item]! })),
      ],
      expects: { kind: "text", min: spec(ctx).minLength, max: spec(ctx).maxLength },
    }),
    read: (answer, { draft: d }) =>
      answer.kind === "text"
        ? { draft: { ...d, description: { ...d.description, [item]: answer.text.trim() } } }
        : refuse("input.need_text"),
    answered: (d) => Boolean(d.description[item]),
    show: (d) => [t("summary.item", { n, item, value: d.description[item] ?? "—" })],
  };
}

const files: Question = {
  id: "files",
  label: t("reg.edit.files"),
  section: "files",
  ask: ({ draft: d }) => filesPrompt(d.attachments.length),
  read(answer, flow, ctx) {
    const d = flow.draft;
    if (answer.kind === "choice") return { draft: d, answered: t("reg.files.done") };
    if (answer.kind !== "file") return refuse("reg.files.need_file");
    const refusal = fileRefusal(answer.file, d.attachments.length);
    if (refusal) return { error: refusal };
    const draft = { ...d, attachments: [...d.attachments, answer.file], updatedAt: ctx.now };
    return { stay: { draft }, effects: [{ type: "save_draft", submission: draft }] };
  },
  // Files are optional: the question counts as answered once the scoring has begun.
  answered: (d, ctx) =>
    d.attachments.length > 0 || d.scores[ctx.rulebook.scoring.criteria[0]!.id] !== undefined,
  show: (d) => when(d.attachments.length, () => t("summary.files", { count: d.attachments.length })),
};

/** One criterion of the self-score, with quick-pick buttons and the running total. */
function scoreCriterion(criterion: Rulebook["scoring"]["criteria"][number], k: number, of: number): Question {
  const id = criterion.id;
  return {
    id: `score:${id}`,
    label: t("reg.edit.score", { criterion: id }),
    section: "scores",
    ask: ({ draft: d }, ctx) => ({
      text: [
        t("reg.score.prompt", { k, of, criterion: id, max: criterion.max }),
        t("reg.score.running", { total: totalScore(d.scores, ctx.rulebook) - (d.scores[id] ?? 0) }),
      ],
      choices: quickPicks(criterion).map((v) => ({
        id: String(v),
        label: t("reg.score.points", { count: v }),
      })),
      expects: { kind: "number", min: 0, max: criterion.max },
    }),
    read(answer, { draft: d }, ctx) {
      const value =
        answer.kind === "choice" ? Number(answer.id) : answer.kind === "number" ? answer.value : Number.NaN;
      if (checkCriterionScore(criterion, value))
        return refuse("input.number_range", { min: 0, max: criterion.max });
      const scores = { ...d.scores, [id]: value };
      const total = totalScore(scores, ctx.rulebook);
      // The band means something only once every criterion is scored.
      const complete = ctx.rulebook.scoring.criteria.every((c) => scores[c.id] !== undefined);
      return {
        draft: { ...d, scores },
        answered: t("reg.score.points", { count: value }),
        views: [
          {
            text: [
              complete
                ? t("reg.score.after", { total, band: band(total, ctx.rulebook).id })
                : t("reg.score.partial", { total }),
            ],
            expects: { kind: "none" },
          },
        ],
      };
    },
    answered: (d) => d.scores[id] !== undefined,
    show: (d) => [t("summary.score", { criterion: id, value: d.scores[id] ?? "—", max: criterion.max })],
  };
}

const tables = new WeakMap<Rulebook, readonly Question[]>();

/** The registration's questions under a rulebook, in order. */
export function questions(rulebook: Rulebook): readonly Question[] {
  let table = tables.get(rulebook);
  if (!table) {
    const criteria = rulebook.scoring.criteria;
    table = [
      field,
      registrantKind,
      category,
      location,
      unitName,
      address,
      contact,
      phone,
      modelKind,
      replicates,
      ...rulebook.description.map((item) => descriptionItem(item.id)),
      files,
      ...criteria.map((c, i) => scoreCriterion(c, i + 1, criteria.length)),
    ];
    tables.set(rulebook, table);
  }
  return table;
}

export function question(rulebook: Rulebook, id: StepId): Question | undefined {
  return questions(rulebook).find((q) => q.id === id);
}

/** The questions this registration is asked (a new model is not asked what it replicates). */
export function asked(rulebook: Rulebook, d: Submission): Question[] {
  return questions(rulebook).filter((q) => q.applies?.(d) ?? true);
}

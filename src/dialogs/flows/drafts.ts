import { openDraftsProblem } from "../../domain/limits.ts";
import { forListing } from "../../domain/privacy.ts";
import type { Submission } from "../../domain/types.ts";
import type { DialogContext, FlowModule, Outcome } from "../flow.ts";
import { t, type View } from "../view.ts";
import { newDraft, registrationIntro, startRegistration } from "./registration/index.ts";

/** /dangky: resume one of the person's drafts, or start a new registration. */
export interface DraftsFlow {
  name: "drafts";
  /** The drafts listed (without their personal answers: see forListing). */
  drafts: Submission[] | null;
  /** The draft picked, being read afresh. */
  opening?: string;
}

const MAX_LISTED = 8;

export function draftLabel(d: Submission) {
  return d.description.model_name
    ? t("drafts.named", { name: d.description.model_name, status: d.status })
    : t("drafts.unnamed", { date: d.updatedAt.toISOString().slice(0, 10), status: d.status });
}

/** Opens the registration dialog on a draft, showing its first open question. */
export function openRegistration(draft: Submission, ctx: DialogContext, views: View[] = []): Outcome {
  return { flow: startRegistration(draft, ctx), views };
}

function fresh(ctx: DialogContext): Outcome {
  return openRegistration(newDraft(ctx), ctx, [registrationIntro(ctx)]);
}

export const drafts: FlowModule<DraftsFlow> = {
  name: "drafts",
  command: { name: "register", words: ["dangky", "register"], menu: true, who: "anyone", mode: "replace" },
  start(request) {
    if (request.current === "registration") return { refuse: t("reg.already") };
    const flow: DraftsFlow = { name: "drafts", drafts: null };
    return { flow, effects: [{ type: "load_drafts" }] };
  },
  waiting: (flow) => flow.drafts === null || flow.opening !== undefined,
  prompt(flow) {
    const list = flow.drafts ?? [];
    return [
      {
        text: [t("drafts.prompt", { count: list.length })],
        choices: [
          ...list.slice(0, MAX_LISTED).map((d) => ({ id: d.id, label: draftLabel(d) })),
          { id: "__new", label: t("drafts.new") },
        ],
        expects: { kind: "choice" },
      },
    ];
  },
  answer(flow, answer, ctx) {
    if (answer.kind === "result") {
      if (answer.effect === "load_submission") {
        const picked = answer.value?.submission;
        if (!picked) return { flow: { ...flow, opening: undefined }, error: t("mine.gone") };
        return openRegistration(picked, ctx, [{ text: [t("drafts.resumed")], expects: { kind: "none" } }]);
      }
      if (answer.effect !== "load_drafts") return { flow };
      const list = answer.value.filter((d) => d.status === "draft" || d.status === "returned");
      if (list.length === 0) return fresh(ctx);
      return { flow: { ...flow, drafts: list.map(forListing) } };
    }
    if (answer.kind !== "choice") return { flow, error: t("input.choose") };
    if (answer.id === "__new") {
      const tooMany = openDraftsProblem(flow.drafts ?? [], ctx.rulebook);
      if (tooMany) return { flow, error: t(`problem.${tooMany.code}`, tooMany.params) };
      return { ...fresh(ctx), answered: t("drafts.new") };
    }
    const draft = flow.drafts?.find((d) => d.id === answer.id);
    if (!draft) return { flow, error: t("input.choose") };
    return {
      flow: { ...flow, opening: draft.id },
      effects: [{ type: "load_submission", id: draft.id }],
      answered: draftLabel(draft),
    };
  },
};

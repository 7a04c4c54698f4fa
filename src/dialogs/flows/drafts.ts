import type { Submission } from "../../domain/types.ts";
import type { DialogContext } from "../context.ts";
import type { EffectResults } from "../effects.ts";
import type { FlowHandlers, Outcome } from "../flow.ts";
import { t, type View } from "../view.ts";
import { newDraft, startRegistration } from "./registration/index.ts";

/** /dangky: resume one of the person's drafts, or start a new registration. */
export interface DraftsFlow {
  name: "drafts";
  drafts: Submission[] | null;
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

export const drafts: FlowHandlers<DraftsFlow> = {
  waiting: (flow) => flow.drafts === null,
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
      const list = (answer.value as EffectResults["load_drafts"]).filter(
        (d) => d.status === "draft" || d.status === "returned",
      );
      if (list.length === 0)
        return openRegistration(newDraft(ctx), ctx, [{ text: [t("reg.intro")], expects: { kind: "none" } }]);
      return { flow: { ...flow, drafts: list } };
    }
    if (answer.kind !== "choice") return { flow, error: t("input.choose") };
    if (answer.id === "__new")
      return {
        ...openRegistration(newDraft(ctx), ctx, [{ text: [t("reg.intro")], expects: { kind: "none" } }]),
        answered: t("drafts.new"),
      };
    const draft = flow.drafts?.find((d) => d.id === answer.id);
    if (!draft) return { flow, error: t("input.choose") };
    return {
      ...openRegistration(draft, ctx, [{ text: [t("drafts.resumed")], expects: { kind: "none" } }]),
      answered: draftLabel(draft),
    };
  },
};

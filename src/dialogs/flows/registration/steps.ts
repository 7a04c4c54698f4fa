import type { Rulebook } from "../../../domain/rulebook/schema.ts";
import { DESCRIPTION_ITEMS, type DescriptionItemId } from "../../../domain/types.ts";

/** The registration's questions, in the order DESIGN §2.3–2.5 asks them. */
export type StepId =
  | "field"
  | "kind"
  | "category"
  | "location"
  | "unit_name"
  | "address"
  | "contact"
  | "phone"
  | "model_kind"
  | `item:${DescriptionItemId}`
  | "files"
  | `score:${string}`
  | "review"
  | "edit";

export function stepOrder(rulebook: Rulebook): StepId[] {
  return [
    "field",
    "kind",
    "category",
    "location",
    "unit_name",
    "address",
    "contact",
    "phone",
    "model_kind",
    ...DESCRIPTION_ITEMS.map((id) => `item:${id}` as const),
    "files",
    ...rulebook.scoring.criteria.map((c) => `score:${c.id}` as const),
    "review",
  ];
}

export function nextStep(step: StepId, rulebook: Rulebook): StepId {
  const order = stepOrder(rulebook);
  return order[order.indexOf(step) + 1] ?? "review";
}

/** "Question 12 of 28", for the prompt's progress line. */
export function progress(step: StepId, rulebook: Rulebook): { n: number; total: number } {
  const order = stepOrder(rulebook);
  return { n: order.indexOf(step) + 1, total: order.length - 1 };
}

export function itemOf(step: StepId): DescriptionItemId | null {
  return step.startsWith("item:") ? (step.slice(5) as DescriptionItemId) : null;
}

export function criterionOf(step: StepId): string | null {
  return step.startsWith("score:") ? step.slice(6) : null;
}

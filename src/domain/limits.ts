import type { Rulebook } from "./rulebook/schema.ts";
import type { Problem, Submission } from "./types.ts";

/**
 * The rulebook's limits per person (`limits`), which keep one user from flooding the bodies'
 * queues: open drafts at once, registrations submitted in one cycle.
 */

export function openDraftsProblem(
  mine: readonly Submission[],
  rulebook: Pick<Rulebook, "limits">,
): Problem | null {
  const open = mine.filter((s) => s.status === "draft").length;
  const max = rulebook.limits.openDrafts;
  return open >= max ? { code: "too_many_drafts", params: { max } } : null;
}

export function registrationsProblem(
  mine: readonly Submission[],
  cycleYear: number,
  rulebook: Pick<Rulebook, "limits">,
): Problem | null {
  const submitted = mine.filter((s) => s.code !== null && s.cycleYear === cycleYear).length;
  const max = rulebook.limits.registrationsPerCycle;
  return submitted >= max ? { code: "too_many_registrations", params: { max, year: cycleYear } } : null;
}

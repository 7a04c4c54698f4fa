import type { RecognitionResults, Submission } from "./types.ts";

/**
 * What a submission did after its deadline (late is never silent): registered late, proposed or
 * nominated late, decided late. Each is kept and flagged, or refused, by the rulebook's policy;
 * the flags are shown wherever the submission is.
 */
export type LateKind = "registration" | "proposal" | "decision";

export function lateFlags(
  s: Pick<Submission, "late"> & { results: Pick<RecognitionResults, "late" | "decisionLate"> | null },
): LateKind[] {
  const flags: LateKind[] = [];
  if (s.late) flags.push("registration");
  if (s.results?.late) flags.push("proposal");
  if (s.results?.decisionLate) flags.push("decision");
  return flags;
}

import type { AuditEvent } from "../domain/status.ts";
import type { Language, Problem, Submission } from "../domain/types.ts";

/**
 * What a dialog asks the runner to do. Effects with a result come back to the dialog as an input
 * `{ kind: "result", effect, value }`; the runner carries them out against storage and the
 * domain, in the same transaction as the dialog's new state.
 */
export type Effect =
  | { type: "save_draft"; submission: Submission }
  | { type: "load_drafts" }
  | { type: "load_mine" }
  | { type: "load_submission"; id: string }
  | { type: "submit"; submission: Submission }
  | { type: "set_language"; language: Language }
  | { type: "redeem_invitation"; code: string };

export type EffectType = Effect["type"];

/** The results effects return, by effect type. */
export interface EffectResults {
  save_draft: undefined;
  load_drafts: Submission[];
  load_mine: Submission[];
  load_submission: { submission: Submission; history: AuditEvent[] } | null;
  submit:
    | { ok: true; submission: Submission; bodyName: string; viaName?: string }
    | { ok: false; problems: Problem[] };
  set_language: undefined;
  redeem_invitation:
    | { ok: true; bodyName: string; role: string }
    | { ok: false; reason: "unknown" | "used" | "expired" };
}

/** Effects whose results the dialog waits for. */
export const EFFECTS_WITH_RESULTS: ReadonlySet<EffectType> = new Set([
  "load_drafts",
  "load_mine",
  "load_submission",
  "submit",
  "redeem_invitation",
]);

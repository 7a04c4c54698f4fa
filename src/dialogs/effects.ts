import type { AuditEvent, Decision } from "../domain/status.ts";
import type { FieldId, Language, Problem, RecognitionResults, Status, Submission } from "../domain/types.ts";
import type { OutgoingFile } from "./view.ts";

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
  | { type: "redeem_invitation"; code: string }
  | { type: "load_queue"; filter: QueueFilter }
  | { type: "load_review"; id: string }
  | { type: "decide"; id: string; action: Decision; reason: string | null }
  | { type: "propose"; id: string; results: RecognitionResults }
  | { type: "build_report"; bodyCode: string; from: number; to: number }
  | { type: "link_create" }
  | { type: "link_redeem"; code: string };

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
  load_queue: { items: Submission[]; total: number; bodies: number } | null;
  load_review: ReviewData | null;
  decide: DecisionResult;
  propose: DecisionResult;
  build_report: { ok: true; text: string; files: OutgoingFile[] } | { ok: false };
  link_create: { code: string; minutes: number };
  link_redeem:
    | { ok: true; already: boolean }
    | { ok: false; reason: "invalid" | "unknown" | "used" | "expired" };
}

/** Which part of a queue to show: the submissions waiting for a decision by default. */
export interface QueueFilter {
  status: "pending" | Status;
  field?: FieldId;
}

/** A submission as a body's member sees it: details, history, votes, and what they may decide. */
export interface ReviewData {
  submission: Submission;
  history: AuditEvent[];
  decisions: Decision[];
  /** An officer may propose the accepted model for recognition on the registrant's behalf. */
  canPropose: boolean;
  /** The lower-tier decision a nomination comes from. */
  lower?: { code: string; bodyName: string; scoreTotal: number };
  votes?: Record<string, number>;
}

export type DecisionResult =
  | { ok: true; outcome: "decided"; submission: Submission; action: Decision | "propose" }
  | {
      ok: true;
      outcome: "vote_recorded";
      submission: Submission;
      action: Decision;
      counts: Record<string, number>;
      needed: number;
    }
  | { ok: false; refusal: string; problems?: Problem[] };

/** Effects whose results the dialog waits for. */
export const EFFECTS_WITH_RESULTS: ReadonlySet<EffectType> = new Set([
  "load_drafts",
  "load_mine",
  "load_submission",
  "submit",
  "redeem_invitation",
  "load_queue",
  "load_review",
  "decide",
  "propose",
  "build_report",
  "link_create",
  "link_redeem",
]);

import type { PersonId, Role, Status } from "./types.ts";

/** Who acted: the registrant, someone holding a role in the body, or the system (scheduler). */
export type ActorRole = "registrant" | Role | "system";

export const ACTIONS = [
  "submit",
  "resubmit",
  "forward",
  "accept",
  "return",
  "reject",
  "propose",
  "return_proposal",
  "recognize",
  "not_recognize",
  "nominate",
  "receive_nomination",
] as const;
export type Action = (typeof ACTIONS)[number];

/** One line of a submission's history; written with the transition, never edited. */
export interface AuditEvent {
  id: string;
  submissionId: string;
  actorId: PersonId | null;
  actorRole: ActorRole;
  action: Action;
  from: Status;
  to: Status;
  reason: string | null;
  data: Record<string, unknown>;
  at: Date;
}

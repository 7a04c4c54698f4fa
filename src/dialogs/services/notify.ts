import type { Repositories } from "../../domain/ports.ts";
import type { Submission } from "../../domain/types.ts";

/** Kinds of messages the outbox carries; the delivering channel renders each for its recipient. */
export type NotificationPayload =
  | { kind: "new_submission"; submissionId: string }
  | { kind: "decision"; submissionId: string; action: string; reason: string | null }
  | { kind: "nudge"; deadline: string; offsetDays: number; audience: string; bodyCode?: string };

/**
 * Tells the body whose queue a submission entered: every officer and committee member gets the
 * new arrival (committee members with the decision buttons). One notification per person and
 * arrival, however often this runs.
 */
export async function notifyArrival(repos: Repositories, s: Submission, now: Date): Promise<void> {
  if (!s.queueBodyCode) return;
  const members = await repos.memberships.ofBody(s.queueBodyCode);
  const people = [...new Set(members.filter((m) => m.role !== "admin").map((m) => m.personId))];
  for (const personId of people) {
    const payload: NotificationPayload = { kind: "new_submission", submissionId: s.id };
    await repos.notifications.enqueue({
      dedupeKey: `arrival:${s.id}:${s.queueBodyCode}:${s.version}:${personId}`,
      personId,
      kind: payload.kind,
      payload,
      notBefore: now,
    });
  }
}

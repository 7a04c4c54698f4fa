import type { NotificationPayload } from "../../dialogs/notifications.ts";
import type { Repositories } from "../../domain/ports.ts";
import type { AuditEvent } from "../../domain/status.ts";
import type { Submission } from "../../domain/types.ts";

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

/**
 * After a decision: the registrant is told (in their language, by the channel that delivers),
 * and every copy of the submission's decision message is edited to show the outcome and who
 * decided, so its buttons cannot act twice.
 */
export async function notifyDecision(
  repos: Repositories,
  s: Submission,
  event: AuditEvent,
  now: Date,
): Promise<void> {
  const tell: NotificationPayload = {
    kind: "decision",
    submissionId: s.id,
    action: event.action,
    reason: event.reason,
  };
  if (event.action !== "forward")
    await repos.notifications.enqueue({
      dedupeKey: `decision:${s.id}:${s.version}`,
      personId: s.registrantId,
      kind: tell.kind,
      payload: tell,
      notBefore: now,
    });
  for (const ref of await repos.messages.ofSubmission(s.id, "decision")) {
    const edit: NotificationPayload = {
      kind: "decision_edit",
      submissionId: s.id,
      action: event.action,
      actorId: event.actorId,
      channel: ref.channel,
      chatId: ref.chatId,
      messageId: ref.messageId,
    };
    await repos.notifications.enqueue({
      dedupeKey: `edit:${s.id}:${s.version}:${ref.channel}:${ref.chatId}:${ref.messageId}`,
      personId: ref.personId,
      kind: edit.kind,
      payload: edit,
      notBefore: now,
    });
  }
}

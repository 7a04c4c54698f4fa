import type { NotificationPayload } from "../../dialogs/notifications.ts";
import type { Store } from "../../domain/ports.ts";
import type { Rulebook } from "../../domain/rulebook/schema.ts";
import { SESSION_IDLE_MS } from "./web-signin.ts";

/**
 * One pass of the retention rules (the rulebook's `retention`): drafts untouched too long are
 * deleted after a reminder, and what was kept only to run the conversation goes after its days.
 * Idempotent: every instance may run it; a second pass at the same time finds nothing to do.
 */

export interface RetentionPass {
  reminded: number;
  draftsDeleted: number;
  sessions: number;
  processedUpdates: number;
  notificationPayloads: number;
  rateBuckets: number;
  webSessions: number;
}

const DAY_MS = 86_400_000;
const BATCH = 500;

function monthsBefore(at: Date, months: number): Date {
  const d = new Date(at);
  d.setUTCMonth(d.getUTCMonth() - months);
  return d;
}

function monthsAfter(at: Date, months: number): Date {
  const d = new Date(at);
  d.setUTCMonth(d.getUTCMonth() + months);
  return d;
}

export async function runRetention(store: Store, rulebook: Rulebook, now: Date): Promise<RetentionPass> {
  const r = rulebook.retention;
  const pass: RetentionPass = {
    reminded: 0,
    draftsDeleted: 0,
    sessions: 0,
    processedUpdates: 0,
    notificationPayloads: 0,
    rateBuckets: 0,
    webSessions: 0,
  };
  // A draft is deleted `draftMonths` after its last change, and reminded `draftReminderDays` before.
  const remindBefore = monthsBefore(new Date(now.getTime() + r.draftReminderDays * DAY_MS), r.draftMonths);
  for (const draft of await store.submissions.draftsUntouchedSince(remindBefore, BATCH)) {
    const deletesOn = monthsAfter(draft.updatedAt, r.draftMonths);
    if (deletesOn <= now) {
      if (await store.submissions.deleteDraft(draft.id, draft.registrantId)) pass.draftsDeleted++;
      continue;
    }
    const payload: NotificationPayload = {
      kind: "draft_expiry",
      submissionId: draft.id,
      deletesOn: deletesOn.toISOString(),
      untouchedSince: draft.updatedAt.toISOString(),
    };
    const fresh = await store.notifications.enqueue({
      // One reminder per untouched spell: a draft changed and left again is reminded again.
      dedupeKey: `draft-expiry:${draft.id}:${draft.updatedAt.getTime()}`,
      personId: draft.registrantId,
      kind: "draft_expiry",
      payload,
      notBefore: now,
    });
    if (fresh) pass.reminded++;
  }
  pass.sessions = await store.dialogs.prune(new Date(now.getTime() - r.sessionDays * DAY_MS));
  pass.processedUpdates = await store.inbox.prune(new Date(now.getTime() - r.processedUpdateDays * DAY_MS));
  pass.notificationPayloads = await store.notifications.prunePayloads(
    new Date(now.getTime() - r.notificationDays * DAY_MS),
  );
  // A day untouched, a rate bucket is full again and tells nothing; those of accounts not yet
  // bound to a person are keyed by the platform's account id, which is not kept for nothing.
  pass.rateBuckets = await store.rateLimits.prune(new Date(now.getTime() - DAY_MS));
  // The workspace's ended sessions and spent sign-in links.
  pass.webSessions = await store.web.prune(now, new Date(now.getTime() - SESSION_IDLE_MS));
  if (Object.values(pass).some((n) => n > 0))
    await store.privacyLog.record({
      at: now,
      actor: "system",
      personId: null,
      action: "retention.prune",
      bodyCode: null,
      detail: { ...pass },
    });
  return pass;
}

import type { NotificationPayload } from "../../dialogs/notifications.ts";
import type { Notification, Repositories } from "../../domain/ports.ts";
import type { BodyCode } from "../../domain/types.ts";
import { policyKind } from "../delivery/policy.ts";

/**
 * Notifications that reached nobody, and the bodies whose officers should know: an officer's or
 * committee member's digest concerns their bodies; an arrival, a decision or a reminder the
 * body handling the registration. Shown in /hangdoi and by `dvk deliveries list --unreached`.
 */

export interface UnreachedEntry {
  notificationId: string;
  personId: string;
  /** The delivery policy's kind (arrival, decision, nudge_digest, registrant_reminder). */
  kind: string;
  /** A member's name; a citizen's is not kept, so their registration's code stands for them. */
  name: string;
  code: string | null;
  bodies: BodyCode[];
  at: Date;
  reason: string | null;
}

/** How far back /hangdoi looks. */
export const UNREACHED_DAYS = 30;

async function bodiesOf(
  repos: Repositories,
  n: Notification,
): Promise<{ bodies: BodyCode[]; code: string | null }> {
  const payload = n.payload as NotificationPayload;
  if (payload.kind === "nudge") {
    if (payload.audience !== "registrant") {
      const memberships = await repos.memberships.ofPerson(n.personId);
      return {
        bodies: [...new Set(memberships.filter((m) => m.role === payload.audience).map((m) => m.bodyCode))],
        code: null,
      };
    }
    const mine = await repos.submissions.ofPerson(n.personId);
    const bodies = mine.flatMap((s) => [s.queueBodyCode ?? s.bodyCode].filter((b): b is string => !!b));
    return { bodies: [...new Set(bodies)], code: mine.find((s) => s.code)?.code ?? null };
  }
  if (!("submissionId" in payload)) return { bodies: [], code: null };
  const s = await repos.submissions.get(payload.submissionId);
  const body = s?.queueBodyCode ?? s?.bodyCode;
  return { bodies: body ? [body] : [], code: s?.code ?? null };
}

export async function unreachedEntries(
  repos: Repositories,
  since: Date,
  filter: { bodies?: readonly BodyCode[] } = {},
): Promise<UnreachedEntry[]> {
  const out: UnreachedEntry[] = [];
  for (const n of await repos.notifications.unreached(since)) {
    const found = await bodiesOf(repos, n);
    const bodies = [...found.bodies].sort();
    const code = found.code;
    if (filter.bodies && !bodies.some((b) => filter.bodies!.includes(b))) continue;
    const person = await repos.people.get(n.personId);
    out.push({
      notificationId: n.id,
      personId: n.personId,
      kind: policyKind(n.payload as NotificationPayload) ?? n.kind,
      name: person?.displayName || code || "—",
      code,
      bodies,
      at: n.unreachedAt ?? n.createdAt,
      reason: n.lastError,
    });
  }
  return out;
}

import type { NotificationPayload } from "../../dialogs/notifications.ts";
import { t } from "../../dialogs/view.ts";
import { type Deadline, daysLeft, deadline } from "../../domain/calendar.ts";
import type { OrgTree } from "../../domain/org.ts";
import type { Notification, Person, Store } from "../../domain/ports.ts";
import type { Rulebook } from "../../domain/rulebook/schema.ts";
import { say, type Translator } from "../i18n.ts";
import { openVotes } from "../services/nudges.ts";
import type { TemplateValues } from "./courier.ts";

/**
 * What a notification gives a Zalo template's parameters: codes, names, dates and counts, and the
 * words in Vietnamese (approved templates are Vietnamese). Null when there is nothing to say.
 */
export interface ValuesDeps {
  store: Store;
  rulebook: Rulebook;
  tree: OrgTree;
  translator: Translator;
}

/** Which values each kind gives: a template may only use these (checked at start). */
export const VALUES_BY_KIND: Record<string, readonly (keyof TemplateValues)[]> = {
  arrival: ["code", "model_name", "body", "date"],
  decision: ["code", "model_name", "outcome"],
  nudge_digest: ["deadline", "date", "days_left", "body", "count"],
  registrant_reminder: ["deadline", "date", "days_left", "count"],
};

export async function templateValues(
  deps: ValuesDeps,
  n: Notification,
  person: Person,
  now: Date,
): Promise<TemplateValues | null> {
  const vi = (key: string) => say({ translator: deps.translator, language: "vi" }, t(key));
  const payload = n.payload as NotificationPayload;
  const zone = deps.rulebook.timeZone;
  if (payload.kind === "nudge") {
    const d = deadline(payload.deadline as Deadline["id"], payload.year, deps.rulebook);
    const head = { deadline: vi(`deadline.${d.id}`), date: d.at, days_left: daysLeft(now, d, zone) };
    if (payload.audience === "registrant") {
      const mine = await deps.store.submissions.ofPerson(person.id);
      return { ...head, count: mine.filter((s) => s.status === "draft" || s.status === "returned").length };
    }
    const memberships = await deps.store.memberships.ofPerson(person.id);
    const bodies = [
      ...new Set(memberships.filter((m) => m.role === payload.audience).map((m) => m.bodyCode)),
    ];
    let count = 0;
    if (payload.audience === "committee")
      count = (await openVotes(deps.store, payload.year)).get(person.id) ?? 0;
    else
      for (const body of bodies)
        count += (await deps.store.submissions.queue(body, { status: ["submitted", "proposed"], limit: 1 }))
          .total;
    const body = bodies.map((b) => deps.tree.get(b)?.name ?? b).join(", ");
    return { ...head, body, count };
  }
  if (payload.kind === "decision_edit" || payload.kind === "email_code") return null;
  const s = await deps.store.submissions.get(payload.submissionId);
  if (!s) return null;
  const named = { code: s.code ?? "", model_name: s.description.model_name ?? "" };
  switch (payload.kind) {
    case "new_submission":
      return {
        ...named,
        body: (s.queueBodyCode && deps.tree.get(s.queueBodyCode)?.name) || "",
        date: s.submittedAt ?? now,
      };
    case "decision":
      return { ...named, outcome: vi(`outcome.${payload.action}`) };
    case "draft_expiry": {
      const deletes = new Date(payload.deletesOn);
      const days = Math.max(0, Math.ceil((deletes.getTime() - now.getTime()) / 86_400_000));
      return { deadline: vi("deadline.draft_expiry"), date: deletes, days_left: days, count: 1 };
    }
  }
  return null;
}

import { formatDate } from "../../dialogs/format.ts";
import type { NotificationPayload } from "../../dialogs/notifications.ts";
import { t, type View } from "../../dialogs/view.ts";
import {
  cycleYear,
  type Deadline,
  daysLeft,
  deadline,
  deadlines,
  isOpen,
  nextSendableTime,
  nudgeTimes,
} from "../../domain/calendar.ts";
import type { OrgTree } from "../../domain/org.ts";
import type { Notification, Person, Store } from "../../domain/ports.ts";
import type { Rulebook } from "../../domain/rulebook/schema.ts";
import type { BodyCode, PersonId } from "../../domain/types.ts";
import { voteRound } from "./decisions.ts";

/**
 * Deadline nudges (DESIGN §2.6): at 14, 7, 3 and 1 days before each deadline, from 08:00 local
 * time — officers a digest of their bodies, registrants with drafts or returned registrations
 * before 30/3, committee members with open votes before 1/10 and 15/10. A pass queues what is
 * due now into the outbox under a unique key per (audience, person, deadline, offset), so running
 * it twice, or on two instances at once, queues nothing twice; quiet hours move it to 07:00.
 */

export type Audience = "officer" | "registrant" | "committee";
type Nudge = Extract<NotificationPayload, { kind: "nudge" }>;

/** The nudge time due at `now` for a deadline: the latest one passed, while the deadline is open. */
function dueOffset(d: Deadline, now: Date, rulebook: Rulebook) {
  if (!isOpen(now, d)) return null;
  const passed = nudgeTimes(d, rulebook).filter((n) => n.at <= now);
  return passed.sort((a, b) => b.at.getTime() - a.at.getTime())[0] ?? null;
}

async function recipients(store: Store, audience: Audience, year: number): Promise<PersonId[]> {
  if (audience === "registrant") {
    const waiting = [
      ...(await store.submissions.list({ status: "draft" })),
      ...(await store.submissions.list({ status: "returned", cycleYear: year })),
    ];
    return [...new Set(waiting.map((s) => s.registrantId))];
  }
  if (audience === "officer") {
    const bodies = await store.org.all();
    const people = await Promise.all(bodies.map((b) => store.memberships.ofBody(b.code, "officer")));
    return [...new Set(people.flat().map((m) => m.personId))];
  }
  const open = await openVotes(store, year);
  return [...open.keys()];
}

/** Committee members and the proposals still waiting for their vote. */
export async function openVotes(store: Store, year: number): Promise<Map<PersonId, number>> {
  const open = new Map<PersonId, number>();
  for (const s of await store.submissions.list({ status: "proposed", cycleYear: year })) {
    if (!s.bodyCode) continue;
    const voted = new Set((await store.votes.of(s.id, voteRound(s))).map((v) => v.personId));
    for (const m of await store.memberships.ofBody(s.bodyCode, "committee"))
      if (!voted.has(m.personId)) open.set(m.personId, (open.get(m.personId) ?? 0) + 1);
  }
  return open;
}

const AUDIENCES: Record<Deadline["id"], Audience[]> = {
  registration: ["officer", "registrant"],
  province_proposal: ["officer", "committee"],
  recognition: ["officer", "committee"],
};

/** One pass of the scheduler at `now`: queues the nudges due. Returns how many were new. */
export async function queueNudges(store: Store, rulebook: Rulebook, now: Date): Promise<number> {
  const year = cycleYear(now, rulebook);
  let queued = 0;
  for (const d of deadlines(year, rulebook)) {
    const due = dueOffset(d, now, rulebook);
    if (!due) continue;
    for (const audience of AUDIENCES[d.id]) {
      for (const personId of await recipients(store, audience, year)) {
        const payload: Nudge = { kind: "nudge", deadline: d.id, year, offsetDays: due.offsetDays, audience };
        const fresh = await store.notifications.enqueue({
          dedupeKey: `nudge:${audience}:${personId}:${d.id}:${year}:${due.offsetDays}`,
          personId,
          kind: "nudge",
          payload,
          notBefore: nextSendableTime(due.at > now ? due.at : now, rulebook),
        });
        if (fresh) queued++;
      }
    }
  }
  return queued;
}

/** Whether a queued nudge may still go out now: not at night, not after its deadline. */
export function nudgeTiming(n: Notification, rulebook: Rulebook, now: Date): "send" | "later" | "expired" {
  const payload = n.payload as Nudge;
  if (!isOpen(now, deadline(payload.deadline as Deadline["id"], payload.year, rulebook))) return "expired";
  return nextSendableTime(now, rulebook).getTime() > now.getTime() ? "later" : "send";
}

async function officerDigest(store: Store, person: Person, tree: OrgTree): Promise<View["text"]> {
  const bodies = [
    ...new Set(
      (await store.memberships.ofPerson(person.id))
        .filter((m) => m.role === "officer")
        .map((m) => m.bodyCode),
    ),
  ];
  const lines: View["text"] = [];
  for (const body of bodies) lines.push(await bodyDigest(store, body, tree));
  return lines;
}

async function bodyDigest(store: Store, body: BodyCode, tree: OrgTree): Promise<View["text"][number]> {
  const count = async (status: "submitted" | "proposed" | "returned") =>
    (await store.submissions.queue(body, { status: [status], limit: 1 })).total;
  const oldest = (
    await store.submissions.queue(body, { status: ["submitted", "proposed"], limit: 1, order: "oldest" })
  ).items[0];
  return t("nudge.digest", {
    body: tree.get(body)?.name ?? body,
    submitted: await count("submitted"),
    proposed: await count("proposed"),
    returned: await count("returned"),
    oldest: oldest?.code ?? "—",
    since: oldest?.submittedAt ? formatDate(oldest.submittedAt, "Asia/Ho_Chi_Minh") : "—",
  });
}

/** A queued nudge as its recipient reads it, with the figures as they are when it is sent. */
export async function nudgeViews(
  store: Store,
  n: Notification,
  person: Person,
  rulebook: Rulebook,
  tree: OrgTree,
  now: Date,
): Promise<View[] | null> {
  const payload = n.payload as Nudge;
  const d = deadline(payload.deadline as Deadline["id"], payload.year, rulebook);
  const head = t("nudge.head", {
    deadline: d.id,
    date: formatDate(d.at, rulebook.timeZone),
    count: daysLeft(now, d, rulebook.timeZone),
  });
  if (payload.audience === "officer")
    return [
      {
        text: [head, ...(await officerDigest(store, person, tree)), t("nudge.officer_hint")],
        web: "/queue",
        expects: { kind: "none" },
      },
    ];
  if (payload.audience === "registrant") {
    const mine = await store.submissions.ofPerson(person.id);
    const drafts = mine.filter((s) => s.status === "draft").length;
    const returned = mine.filter((s) => s.status === "returned").length;
    if (drafts + returned === 0) return null;
    return [{ text: [head, t("nudge.registrant", { drafts, returned })], expects: { kind: "none" } }];
  }
  const open = (await openVotes(store, payload.year)).get(person.id) ?? 0;
  if (open === 0) return null;
  return [{ text: [head, t("nudge.committee", { open })], web: "/queue", expects: { kind: "none" } }];
}

import type { ResultOf } from "../../dialogs/effects.ts";
import { changedFields, type Snapshot, snapshotOf } from "../../domain/changes.ts";
import { checkRegistration, dedupeKey } from "../../domain/eligibility.ts";
import { registrationsProblem } from "../../domain/limits.ts";
import type { OrgTree } from "../../domain/org.ts";
import type { Repositories } from "../../domain/ports.ts";
import type { Rulebook } from "../../domain/rulebook/schema.ts";
import { transition } from "../../domain/status.ts";
import type { Membership, Submission, SubmissionCode } from "../../domain/types.ts";
import { notifyArrival } from "./notify.ts";

export interface ServiceContext {
  rulebook: Rulebook;
  tree: OrgTree;
  now: Date;
  newId: () => string;
  actor: { personId: string; memberships: Membership[] };
  /** PUBLIC_URL: links to the gallery. */
  publicUrl?: string;
}

const EDITABLE = new Set(["draft", "returned"]);

/** Saves a registrant's edits to their own draft or returned registration; anything else is left alone. */
export async function saveDraft(repos: Repositories, draft: Submission, personId: string): Promise<void> {
  if (draft.registrantId !== personId) return;
  // One statement in the usual case: the row exists and is still editable.
  if (await repos.submissions.saveEdits(draft)) return;
  if (draft.status === "draft" && !(await repos.submissions.get(draft.id)))
    await repos.submissions.create({ ...draft, version: 0 });
}

/** What the registrant changed since the registration was last returned. */
async function changesSinceReturn(repos: Repositories, s: Submission): Promise<string[] | undefined> {
  const returned = (await repos.submissions.history(s.id)).filter((e) => e.action === "return").at(-1);
  const before = returned?.data.snapshot as Snapshot | undefined;
  return before ? changedFields(before, snapshotOf(s)) : undefined;
}

/** An earlier registration of the same unit and model name in the cycle, not this one and not rejected. */
async function duplicateOf(
  repos: Repositories,
  s: Submission,
  cycleYear: number,
): Promise<SubmissionCode | null> {
  if (!s.unitName || !s.description.model_name) return null;
  const same = await repos.submissions.findByDedupeKey(
    dedupeKey(s.unitName, s.description.model_name),
    cycleYear,
  );
  const other = same.find(
    (x) => x.id !== s.id && x.code !== null && x.status !== "rejected" && x.status !== "draft",
  );
  return other?.code ?? null;
}

/**
 * Submits (or resubmits, after a return) a registration: eligibility with the duplicate check, a
 * code, the transition and its audit event, and the receiving body told — all in the caller's
 * transaction.
 */
export async function submitRegistration(
  repos: Repositories,
  draft: Submission,
  ctx: ServiceContext,
): Promise<ResultOf<"submit">> {
  await saveDraft(repos, draft, ctx.actor.personId);
  const current = await repos.submissions.get(draft.id);
  if (!current || current.registrantId !== ctx.actor.personId || !EDITABLE.has(current.status))
    return { ok: false, problems: [{ code: "not_editable" }] };
  const first = checkRegistration({
    submission: current,
    rulebook: ctx.rulebook,
    tree: ctx.tree,
    now: ctx.now,
  });
  const cycle = current.status === "returned" ? current.cycleYear : first.cycleYear;
  const eligibility = checkRegistration({
    submission: current,
    rulebook: ctx.rulebook,
    tree: ctx.tree,
    now: ctx.now,
    duplicateOf: await duplicateOf(repos, current, cycle),
    // A "new" model may not take the name of one the unit registered in an earlier cycle.
    earlier:
      current.unitName && current.description.model_name
        ? await repos.submissions.earlierModels(current.unitName, current.description.model_name, cycle)
        : [],
  });
  if (!eligibility.ok) return { ok: false, problems: eligibility.problems };
  const action = current.status === "draft" ? "submit" : "resubmit";
  if (action === "submit") {
    const tooMany = registrationsProblem(
      await repos.submissions.ofPerson(ctx.actor.personId),
      eligibility.cycleYear,
      ctx.rulebook,
    );
    if (tooMany) return { ok: false, problems: [tooMany] };
  }
  const code = action === "submit" ? await repos.submissions.nextCode(eligibility.cycleYear) : undefined;
  const changed = action === "resubmit" ? await changesSinceReturn(repos, current) : undefined;
  const result = transition(
    current,
    { action, eligibility, ...(code ? { code } : {}), ...(changed ? { changed } : {}) },
    { ...ctx, actor: ctx.actor },
  );
  if (!result.ok) return { ok: false, problems: result.refusal.problems ?? [{ code: result.refusal.code }] };
  if (!(await repos.submissions.applyTransition(result.next, result.event, current.version)))
    return { ok: false, problems: [{ code: "changed_meanwhile" }] };
  const saved = { ...result.next, version: current.version + 1 };
  await notifyArrival(repos, saved, ctx.now);
  const body = eligibility.route!.body;
  const via = eligibility.route!.via;
  return { ok: true, submission: saved, bodyName: body.name, ...(via ? { viaName: via.name } : {}) };
}

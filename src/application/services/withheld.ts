import type { Repositories, WithheldStatus } from "../../domain/ports.ts";
import { audit, chainTo, mayUnpublish, refreshPublished, roleIn } from "./gallery.ts";
import type { ServiceContext } from "./submissions.ts";

/**
 * An officer's word on a fragment the scrubber withheld from a published model (issue 22): shown
 * from now on — the entry published again at once — or kept hidden. Only an officer or committee
 * member of a body that recognised the model (as for taking it off); written to the model's
 * history and to the personal-data trail, without the fragment's words.
 */

export const WITHHELD_DECISIONS = ["release", "keep"] as const;
export type WithheldDecision = (typeof WITHHELD_DECISIONS)[number];

export type WithheldResult =
  | { ok: true; code: string; decision: WithheldDecision }
  | { ok: false; refusal: "not_found" | "not_allowed" };

const STATUS: Record<WithheldDecision, Exclude<WithheldStatus, "pending">> = {
  release: "released",
  keep: "kept",
};

export async function decideWithheld(
  repos: Repositories,
  ctx: ServiceContext,
  input: { id: string; fragmentId: string; decision: WithheldDecision },
): Promise<WithheldResult> {
  const s = await repos.submissions.get(input.id);
  const chain = s ? await chainTo(repos, s) : [];
  const entry = chain[0] ? await repos.gallery.ofSubmission(chain[0].id) : null;
  const fragment = await repos.withheld.get(input.fragmentId);
  if (!s || !entry || !fragment || fragment.rootId !== entry.rootId)
    return { ok: false, refusal: "not_found" };
  if (!mayUnpublish(chain, ctx.actor.memberships)) return { ok: false, refusal: "not_allowed" };
  const status = STATUS[input.decision];
  await repos.withheld.decide(fragment.id, status, ctx.actor.personId, ctx.now);
  const shown = chain.find((c) => c.id === entry.submissionId) ?? s;
  const detail = { kind: fragment.kind, place: fragment.place };
  await audit(repos, shown, {
    action: input.decision === "release" ? "release" : "keep_hidden",
    actorId: ctx.actor.personId,
    role: roleIn(chain, ctx.actor.memberships),
    reason: null,
    at: ctx.now,
    id: ctx.newId(),
    data: detail,
  });
  await repos.privacyLog.record({
    at: ctx.now,
    actor: ctx.actor.personId,
    personId: s.registrantId,
    action: input.decision === "release" ? "publication.release" : "publication.keep_hidden",
    bodyCode: shown.bodyCode,
    detail: { code: entry.code, ...detail },
  });
  // Shown or hidden changes the page: published again with the fragments released so far.
  if ((fragment.status === "released") !== (status === "released")) await refreshPublished(repos, shown, ctx);
  return { ok: true, code: entry.code, decision: input.decision };
}

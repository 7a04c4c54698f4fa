import type { GallerySearch, PublicationData } from "../../dialogs/effects.ts";
import {
  type GalleryEntry,
  type GalleryInput,
  type GalleryQuery,
  isPublishable,
  photosOf,
  publicView,
} from "../../domain/gallery.ts";
import type { OrgTree } from "../../domain/org.ts";
import type { Repositories, Store } from "../../domain/ports.ts";
import { hasConsent } from "../../domain/privacy.ts";
import { textsInOrder, withheldCandidates } from "../../domain/public-texts.ts";
import { partsOf, SCRUBBER_VERSION } from "../../domain/scrub/scrub.ts";
import type { AuditEvent } from "../../domain/status.ts";
import { parseSubmissionCode } from "../../domain/submission-code.ts";
import type { Membership, PersonId, Submission } from "../../domain/types.ts";

/**
 * Publishing recognised models (issue 17): only with the registrant's consent to publication,
 * only what the domain's gallery entry holds; taken off when the consent ends, the data is
 * erased, or an officer of a recognising body decides so (audited in the model's history).
 */

/** Where the public reaches the gallery: PUBLIC_URL's path, or the path alone without it. */
export const GALLERY_PATH = "/mo-hinh";

export function galleryUrl(publicUrl: string | undefined, path = ""): string {
  return `${(publicUrl ?? "").replace(/\/+$/, "")}${GALLERY_PATH}${path}`;
}

export const modelUrl = (publicUrl: string | undefined, e: Pick<GalleryEntry, "slug">) =>
  galleryUrl(publicUrl, `/${e.slug}`);

/** The model's chain from its root (lowest recognition) to `s`. */
export async function chainTo(repos: Repositories, s: Submission): Promise<Submission[]> {
  const chain = [s];
  const seen = new Set([s.id]);
  let at = s;
  while (at.parentId && !seen.has(at.parentId)) {
    const parent = await repos.submissions.get(at.parentId);
    if (!parent) break;
    chain.unshift(parent);
    seen.add(parent.id);
    at = parent;
  }
  return chain;
}

/** When the submission was recognised, from its history (its decision time otherwise). */
async function recognizedAt(repos: Repositories, s: Submission): Promise<Date> {
  const event = (await repos.submissions.history(s.id)).filter((e) => e.action === "recognize").at(-1);
  return event?.at ?? s.decidedAt ?? s.updatedAt;
}

/** The highest recognised submission of a chain (a nominated model's upper recognition, when there is one). */
function topRecognized(chain: readonly Submission[]): Submission | undefined {
  return [...chain].reverse().find((s) => s.status === "recognized") ?? chain.find(isPublishable);
}

export interface PublicationContext {
  personId: PersonId;
  noticeVersion: string;
  now: Date;
  newId: () => string;
  tree: OrgTree;
  publicUrl?: string;
}

/** The chain a publication shows: from the root to its highest recognition. */
async function publishedChain(repos: Repositories, s: Submission): Promise<Submission[]> {
  const chain = await chainTo(repos, s);
  const top = topRecognized(chain) ?? s;
  return chain.slice(0, chain.indexOf(top) + 1);
}

/**
 * A model's entry as the gallery would show it now: every text scrubbed, knowing the registrant's
 * own name, with the fragments an officer released shown.
 */
async function viewOf(repos: Repositories, input: Omit<GalleryInput, "registrant" | "released">) {
  const top = input.chain.at(-1)!;
  const registrant = (await repos.people.get(top.registrantId))?.displayName ?? null;
  const released = (await repos.withheld.ofModel(input.chain[0]!.id))
    .filter((f) => f.status === "released")
    .map((f) => f.text);
  return publicView({ ...input, registrant, released });
}

/** Publishes (or refreshes) a model's entry, and keeps its withheld fragments in step with its texts. */
async function publishView(
  repos: Repositories,
  input: Omit<GalleryInput, "registrant" | "released">,
  now: Date,
): Promise<GalleryEntry> {
  const { entry, texts } = await viewOf(repos, input);
  await repos.gallery.publish(entry);
  await repos.withheld.sync(entry.rootId, withheldCandidates(texts), now);
  return entry;
}

/** What the registrant's publication dialog shows: their own recognised model only, and its public page's texts. */
export async function loadPublication(
  repos: Repositories,
  c: PublicationContext,
  id: string,
): Promise<PublicationData | null> {
  const s = await repos.submissions.get(id);
  if (!s || s.registrantId !== c.personId || !isPublishable(s)) return null;
  const chain = await chainTo(repos, s);
  const entry = await repos.gallery.ofSubmission(chain[0]!.id);
  const { texts } = await viewOf(repos, {
    chain: await publishedChain(repos, s),
    photos: [],
    tree: c.tree,
    recognizedAt: c.now,
    publishedAt: c.now,
  });
  return {
    id: s.id,
    code: s.code!,
    name: s.description.model_name ?? "",
    photos: photosOf(chain).map((p, i) => p.name ?? `#${i + 1}`),
    url: entry ? modelUrl(c.publicUrl, entry) : null,
    preview: textsInOrder(texts).map(({ place, text }) => ({ place, parts: partsOf(text) })),
  };
}

/** An audit line in the model's history; the submission's state itself stays. */
export async function audit(
  repos: Repositories,
  s: Submission,
  input: {
    action: "publish" | "unpublish" | "release" | "keep_hidden";
    actorId: string | null;
    role: AuditEvent["actorRole"];
    reason: string | null;
    at: Date;
    id: string;
    data?: Record<string, unknown>;
  },
): Promise<void> {
  const event: AuditEvent = {
    id: input.id,
    submissionId: s.id,
    actorId: input.actorId,
    actorRole: input.role,
    action: input.action,
    from: s.status,
    to: s.status,
    reason: input.reason,
    data: input.data ?? {},
    at: input.at,
  };
  await repos.submissions.applyTransition(s, event, s.version);
}

export type PublishResult = { ok: true; url: string } | { ok: false; refusal: "not_found" | "no_consent" };

/** Publishes the registrant's recognised model with the photos they chose (indices of `photos`). */
export async function publishModel(
  repos: Repositories,
  c: PublicationContext,
  input: { id: string; photos: readonly number[] },
): Promise<PublishResult> {
  const s = await repos.submissions.get(input.id);
  if (!s || s.registrantId !== c.personId || !isPublishable(s)) return { ok: false, refusal: "not_found" };
  // The consent is read from storage, not from what the dialog believed.
  const person = await repos.people.get(c.personId);
  if (!person || !hasConsent(person.consents, "publication", c.noticeVersion))
    return { ok: false, refusal: "no_consent" };
  const chain = await publishedChain(repos, s);
  const top = chain.at(-1)!;
  const available = photosOf(chain);
  const photos = [...new Set(input.photos)].flatMap((i) => (available[i] ? [available[i]] : []));
  const entry = await publishView(
    repos,
    { chain, photos, tree: c.tree, recognizedAt: await recognizedAt(repos, top), publishedAt: c.now },
    c.now,
  );
  await audit(repos, top, {
    action: "publish",
    actorId: c.personId,
    role: "registrant",
    reason: null,
    at: c.now,
    id: c.newId(),
  });
  await repos.privacyLog.record({
    at: c.now,
    actor: c.personId,
    personId: c.personId,
    action: "publication.publish",
    bodyCode: top.bodyCode,
    detail: { code: entry.code, photos: photos.length },
  });
  return { ok: true, url: modelUrl(c.publicUrl, entry) };
}

/**
 * After a recognition, or an officer's word on a withheld fragment: a model already published
 * shows its new tier and texts at once — its registrant agreed to publish the model, and it stays
 * under its code; the photos chosen stay.
 */
export async function refreshPublished(
  repos: Repositories,
  s: Submission,
  ctx: { tree: OrgTree; now: Date },
): Promise<boolean> {
  const chain = await publishedChain(repos, s);
  const current = await repos.gallery.ofSubmission(chain[0]!.id);
  if (!current) return false;
  const kept = photosOf(chain).filter((p) =>
    current.photos.some((c) => c.channel === p.channel && c.ref === p.ref),
  );
  await publishView(
    repos,
    {
      chain,
      photos: kept,
      tree: ctx.tree,
      recognizedAt: await recognizedAt(repos, chain.at(-1)!),
      publishedAt: current.publishedAt,
    },
    ctx.now,
  );
  return true;
}

/**
 * The models published under an older scrubber (before issue 22 a model's name went out as
 * written) published again through the current one, each in its own transaction; an entry whose
 * model is gone is taken off. How many. Run at start: nothing to do is one indexed read.
 */
export async function rescrubGallery(store: Store, ctx: { tree: OrgTree; now: Date }): Promise<number> {
  let done = 0;
  for (;;) {
    const stale = await store.gallery.scrubbedBefore(SCRUBBER_VERSION, 100);
    if (stale.length === 0) return done;
    for (const { rootId, submissionId } of stale)
      await store.transaction(async (repos) => {
        const shown = await repos.submissions.get(submissionId);
        if (!shown || !(await refreshPublished(repos, shown, ctx))) await repos.gallery.unpublish(rootId);
      });
    done += stale.length;
  }
}

/** Whether a member may take a model off: an officer or committee member of a body that recognised it. */
export function mayUnpublish(chain: readonly Submission[], memberships: readonly Membership[]): boolean {
  const bodies = new Set(chain.flatMap((s) => [s.bodyCode, s.queueBodyCode]).filter((b): b is string => !!b));
  return memberships.some((m) => m.role !== "admin" && bodies.has(m.bodyCode));
}

/** The role a member acts in on a model: theirs in a body that recognised it. */
export function roleIn(
  chain: readonly Submission[],
  memberships: readonly Membership[],
): AuditEvent["actorRole"] {
  return memberships.find((m) => chain.some((c) => c.bodyCode === m.bodyCode))?.role ?? "officer";
}

export type UnpublishResult =
  | { ok: true; code: string }
  | { ok: false; refusal: "not_found" | "not_allowed" };

/**
 * Takes a model off the gallery: its registrant, a member of a body that recognised it, or the
 * command line (actor null). Written to the model's history and to the trail.
 */
export async function unpublishModel(
  repos: Repositories,
  input: {
    /** A submission of the model's chain, or its code. */
    id: string;
    actor: { personId: string; memberships: readonly Membership[] } | null;
    reason: string | null;
    now: Date;
    newId: () => string;
  },
): Promise<UnpublishResult> {
  const s = await submissionByIdOrCode(repos, input.id);
  if (!s) return { ok: false, refusal: "not_found" };
  const chain = await chainTo(repos, s);
  const entry = await repos.gallery.ofSubmission(chain[0]!.id);
  if (!entry) return { ok: false, refusal: "not_found" };
  const own = input.actor?.personId === s.registrantId;
  if (input.actor && !own && !mayUnpublish(chain, input.actor.memberships))
    return { ok: false, refusal: "not_allowed" };
  await repos.gallery.unpublish(entry.rootId);
  const role: AuditEvent["actorRole"] = !input.actor
    ? "admin"
    : own
      ? "registrant"
      : roleIn(chain, input.actor.memberships);
  const shown = chain.find((c) => c.id === entry.submissionId) ?? s;
  await audit(repos, shown, {
    action: "unpublish",
    actorId: input.actor?.personId ?? null,
    role,
    reason: input.reason,
    at: input.now,
    id: input.newId(),
  });
  await repos.privacyLog.record({
    at: input.now,
    actor: input.actor?.personId ?? "cli",
    personId: s.registrantId,
    action: "publication.unpublish",
    bodyCode: shown.bodyCode,
    detail: { code: entry.code, ...(input.reason ? { reason: input.reason } : {}) },
  });
  return { ok: true, code: entry.code };
}

async function submissionByIdOrCode(repos: Repositories, id: string): Promise<Submission | null> {
  const code = parseSubmissionCode(id);
  return code ? repos.submissions.getByCode(code) : repos.submissions.get(id);
}

/** /thuvien: the best matches, with their pages, and the search's own page. */
export async function searchGallery(
  repos: Repositories,
  publicUrl: string | undefined,
  query: GalleryQuery,
): Promise<GallerySearch> {
  const page = await repos.gallery.search(query);
  const params = new URLSearchParams(query.words ? { q: query.words } : {});
  return {
    items: page.items.map((e) => ({
      code: e.code,
      name: e.name,
      place: [e.communeName, e.provinceName].filter(Boolean).join(", "),
      tier: e.tier,
      year: e.year,
      url: modelUrl(publicUrl, e),
    })),
    total: page.total,
    url: galleryUrl(publicUrl, params.size ? `?${params}` : ""),
  };
}

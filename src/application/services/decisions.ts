import type { DecisionResult, QueueData, QueueFilter, ReviewData } from "../../dialogs/effects.ts";
import { checkProposal } from "../../domain/eligibility.ts";
import type { QueueQuery, Repositories } from "../../domain/ports.ts";
import { nextTier } from "../../domain/routing.ts";
import { totalScore } from "../../domain/scoring.ts";
import {
  allowedDecisions,
  type Command,
  canPropose,
  canRevise,
  canStart,
  type Decision,
  type TransitionResult,
  tally,
  transition,
  VOTES,
} from "../../domain/status.ts";
import { type RecognitionResults, STATUSES, type Status, type Submission } from "../../domain/types.ts";
import { chainTo, mayUnpublish, modelUrl, refreshPublished } from "./gallery.ts";
import { notifyArrival, notifyDecision } from "./notify.ts";
import type { ServiceContext } from "./submissions.ts";
import { UNREACHED_DAYS, unreachedEntries } from "./unreached.ts";

/** The round of votes a proposal is in: a returned and re-proposed model is voted on afresh. */
export const voteRound = (s: Submission) => `recognition@v${s.version}`;

const PENDING: Status[] = ["submitted", "proposed"];
const QUEUE_LIMIT = 200;

/** The bodies whose queues a person serves (as officer or committee member). */
function servedBodies(ctx: ServiceContext): string[] {
  return [...new Set(ctx.actor.memberships.filter((m) => m.role !== "admin").map((m) => m.bodyCode))];
}

export async function loadQueue(
  repos: Repositories,
  ctx: ServiceContext,
  filter: QueueFilter,
): Promise<QueueData | null> {
  const bodies = servedBodies(ctx);
  if (bodies.length === 0) return null;
  const status = filter.status === "pending" ? PENDING : STATUSES.filter((s) => s === filter.status);
  const pages = await Promise.all(
    bodies.map((body) =>
      repos.submissions.queue(body, {
        status,
        ...(filter.field ? { field: filter.field } : {}),
        limit: QUEUE_LIMIT,
      }),
    ),
  );
  const items = pages
    .flatMap((p) => p.items)
    .sort((a, b) => (a.submittedAt ?? a.createdAt).getTime() - (b.submittedAt ?? b.createdAt).getTime());
  return {
    items,
    total: pages.reduce((n, p) => n + p.total, 0),
    bodies: bodies.length,
    unreached: await unreachedOf(repos, ctx, bodies),
  };
}

/** Whom the notifications of these bodies reached nobody (the viewer aside: they are reading now). */
async function unreachedOf(
  repos: Repositories,
  ctx: ServiceContext,
  bodies: string[],
): Promise<QueueData["unreached"]> {
  const since = new Date(ctx.now.getTime() - UNREACHED_DAYS * 86_400_000);
  const unreached = (await unreachedEntries(repos, since, { bodies })).filter(
    (u) => u.personId !== ctx.actor.personId,
  );
  return { count: unreached.length, names: [...new Set(unreached.map((u) => u.name))] };
}

/** The workspace's queue page: the chat's queue with more filters, a search, a sort and pages. */
export interface QueuePageQuery extends Omit<QueueQuery, "status" | "offset" | "limit"> {
  status: QueueFilter["status"] | "all";
  page: number;
  pageSize: number;
}

/** One page of the queues of the bodies a person serves (null when they serve none). */
export async function loadQueuePage(
  repos: Repositories,
  ctx: ServiceContext,
  query: QueuePageQuery,
): Promise<QueueData | null> {
  const bodies = servedBodies(ctx);
  if (bodies.length === 0) return null;
  const { status, page, pageSize, ...rest } = query;
  const result = await repos.submissions.queue(bodies, {
    ...rest,
    ...(status === "all" ? {} : { status: status === "pending" ? PENDING : [status] }),
    offset: (page - 1) * pageSize,
    limit: pageSize,
  });
  return { ...result, bodies: bodies.length, unreached: await unreachedOf(repos, ctx, bodies) };
}

function isMemberFor(s: Submission, ctx: ServiceContext): boolean {
  const bodies = new Set([s.queueBodyCode, s.bodyCode, s.viaBodyCode].filter((b): b is string => b !== null));
  return ctx.actor.memberships.some((m) => bodies.has(m.bodyCode));
}

/** The lower-tier decision a nominated proposal came from: where the upper tier reads it. */
async function lowerOf(repos: Repositories, s: Submission): Promise<Submission | null> {
  return s.parentId ? repos.submissions.get(s.parentId) : null;
}

/** A submission as a member of its body (or of the body that nominated it) sees it; null for anyone else. */
export async function loadReview(
  repos: Repositories,
  ctx: ServiceContext,
  id: string,
): Promise<ReviewData | null> {
  const s = await repos.submissions.get(id);
  if (!s) return null;
  const lower = await lowerOf(repos, s);
  const nominatedBy = lower?.bodyCode && ctx.actor.memberships.some((m) => m.bodyCode === lower.bodyCode);
  if (!isMemberFor(s, ctx) && !nominatedBy) return null;
  const data: ReviewData = {
    submission: s,
    history: await repos.submissions.history(id),
    decisions: allowedDecisions(s, ctx.actor.memberships, ctx.rulebook),
    canPropose: canPropose(s, ctx.actor, ctx.rulebook, lower),
    canRevise: canRevise(s, ctx.actor, ctx.rulebook, lower),
  };
  if (lower) {
    const decided = (await repos.submissions.history(lower.id))
      .filter((e) => e.action === "recognize")
      .at(-1);
    data.lower = {
      code: lower.code ?? "",
      bodyName: (lower.bodyCode && ctx.tree.get(lower.bodyCode)?.name) || "",
      scoreTotal: totalScore(lower.results?.scores ?? lower.scores, ctx.rulebook),
      ...(decided ? { recognizedAt: decided.at } : {}),
      ...(lower.results?.outcomes.outputs ? { outputs: lower.results.outcomes.outputs } : {}),
      ...(lower.results?.figures ? { figures: lower.results.figures } : {}),
    };
  }
  if (s.status === "recognized" || s.status === "nominated") {
    const chain = await chainTo(repos, s);
    const entry = await repos.gallery.ofSubmission(chain[0]!.id);
    if (entry) {
      data.published = modelUrl(ctx.publicUrl, entry);
      data.canUnpublish = mayUnpublish(chain, ctx.actor.memberships);
      if (data.canUnpublish) data.withheld = await repos.withheld.ofModel(entry.rootId);
    }
  }
  if (s.status === "proposed") {
    data.votes = {};
    for (const v of await repos.votes.of(id, voteRound(s)))
      data.votes[v.decision] = (data.votes[v.decision] ?? 0) + 1;
  }
  return data;
}

/** Writes a transition (and a nomination's new proposal) and tells those concerned. */
async function apply(
  repos: Repositories,
  s: Submission,
  result: TransitionResult,
  ctx: ServiceContext,
): Promise<DecisionResult> {
  if (!result.ok)
    return {
      ok: false,
      refusal: result.refusal.code,
      ...(result.refusal.params ? { params: result.refusal.params } : {}),
      // A refusal that is one problem (a deadline) is said once, by the refusal.
      ...(result.refusal.problems?.some((p) => p.code !== result.refusal.code)
        ? { problems: result.refusal.problems }
        : {}),
    };
  if (!(await repos.submissions.applyTransition(result.next, result.event, s.version)))
    return { ok: false, refusal: "changed_meanwhile" };
  const next = { ...result.next, version: s.version + 1 };
  if (result.created) {
    await repos.submissions.create(result.created.submission, result.created.event);
    await notifyArrival(repos, result.created.submission, ctx.now);
  }
  // The body that decides next is told: a forwarded, proposed or revised submission is new to it.
  if (["forward", "propose", "revise_proposal"].includes(result.event.action))
    await notifyArrival(repos, next, ctx.now);
  await notifyDecision(repos, next, result.event, ctx.now);
  // A model published at a lower tier shows its new recognition at once.
  if (result.event.action === "recognize") await refreshPublished(repos, next, ctx);
  return {
    ok: true,
    outcome: "decided",
    submission: next,
    action: result.event.action as Decision | "propose",
  };
}

/**
 * A member's decision on a submission, checked again here whatever the button said: their role
 * in the body, the status, and for recognition the committee's quorum (a vote is recorded and
 * the decision taken once the quorum is reached).
 */
export async function decide(
  repos: Repositories,
  ctx: ServiceContext,
  input: { id: string; action: Decision; reason: string | null },
): Promise<DecisionResult> {
  const s = await repos.submissions.get(input.id);
  if (!s) return { ok: false, refusal: "not_found" };
  if (!allowedDecisions(s, ctx.actor.memberships, ctx.rulebook).includes(input.action))
    return { ok: false, refusal: canStart(input.action, s.status) ? "not_allowed" : "wrong_status" };
  const tctx = { rulebook: ctx.rulebook, now: ctx.now, actor: ctx.actor, newId: ctx.newId };
  if (VOTES.has(input.action)) {
    const round = voteRound(s);
    await repos.votes.cast({
      submissionId: s.id,
      personId: ctx.actor.personId,
      stage: round,
      decision: input.action,
      reason: input.reason,
      at: ctx.now,
    });
    const votes = await repos.votes.of(s.id, round);
    const committeeSize = (await repos.memberships.ofBody(s.bodyCode!, "committee")).length;
    const decisions = votes.map((v) => v.decision as "recognize" | "not_recognize" | "return_proposal");
    const quorum = ctx.rulebook.decisions.recognitionQuorum;
    const result = tally({ decisions, committeeSize }, quorum);
    if (result.outcome === null)
      return {
        ok: true,
        outcome: "vote_recorded",
        submission: s,
        action: input.action,
        counts: result.counts,
        needed: Math.floor(committeeSize / 2) + 1,
      };
    const reasons = votes.filter((v) => v.decision === result.outcome && v.reason).map((v) => v.reason);
    const command: Command = {
      action: result.outcome,
      votes: { decisions, committeeSize },
      lower: await lowerOf(repos, s),
      ...(reasons.length ? { reason: reasons.join("; ") } : {}),
    };
    return apply(repos, s, transition(s, command, tctx), ctx);
  }
  if (input.action === "nominate") {
    const tier = s.tier ? nextTier(s.tier, ctx.rulebook) : null;
    const upper = tier && s.bodyCode ? ctx.tree.atTier(s.bodyCode, tier) : undefined;
    if (!upper) return { ok: false, refusal: "top_tier" };
    const code = await repos.submissions.nextCode(s.cycleYear);
    return apply(
      repos,
      s,
      transition(
        s,
        { action: "nominate", upperBody: upper, code, ...(input.reason ? { reason: input.reason } : {}) },
        tctx,
      ),
      ctx,
    );
  }
  const command = (
    input.action === "return" || input.action === "reject"
      ? { action: input.action, reason: input.reason ?? "" }
      : { action: input.action }
  ) as Command;
  return apply(repos, s, transition(s, command, tctx), ctx);
}

/**
 * Proposes an accepted model for recognition with its results and a fresh self-score (again, after
 * a return at any tier): by the registrant, an officer of the body on their behalf (the
 * rulebook's proposalBy), or — for a nominated proposal — the body that nominated it.
 */
export async function proposeRecognition(
  repos: Repositories,
  ctx: ServiceContext,
  input: { id: string; results: RecognitionResults },
): Promise<DecisionResult> {
  const s = await repos.submissions.get(input.id);
  if (!s) return { ok: false, refusal: "not_found" };
  const lower = await lowerOf(repos, s);
  const eligibility = checkProposal({
    submission: { ...s, results: input.results },
    tier: s.tier ?? ctx.rulebook.tiers[0]!,
    rulebook: ctx.rulebook,
    now: ctx.now,
    lower,
  });
  const tctx = { rulebook: ctx.rulebook, now: ctx.now, actor: ctx.actor, newId: ctx.newId };
  return apply(
    repos,
    s,
    transition(s, { action: "propose", results: input.results, eligibility, lower }, tctx),
    ctx,
  );
}

/**
 * New results or a fresh self-score for a proposal waiting for its committee's vote — for the
 * upper tier of a nomination too: by the registrant, the body's proposers, or the nominating
 * body. The vote starts again on the revised proposal.
 */
export async function reviseProposal(
  repos: Repositories,
  ctx: ServiceContext,
  input: { id: string; results: RecognitionResults },
): Promise<DecisionResult> {
  const s = await repos.submissions.get(input.id);
  if (!s) return { ok: false, refusal: "not_found" };
  const lower = await lowerOf(repos, s);
  const tctx = { rulebook: ctx.rulebook, now: ctx.now, actor: ctx.actor, newId: ctx.newId };
  return apply(
    repos,
    s,
    transition(s, { action: "revise_proposal", results: input.results, lower }, tctx),
    ctx,
  );
}

import { lateness, recognitionDeadlineFor, zonedInstant } from "./calendar.ts";
import { snapshotOf } from "./changes.ts";
import {
  checkNomination,
  checkProposal,
  checkRecognition,
  type ProposalEligibility,
  type RegistrationEligibility,
} from "./eligibility.ts";
import type { OrgUnit } from "./org.ts";
import { nextTier } from "./routing.ts";
import type { Quorum, Rulebook } from "./rulebook/schema.ts";
import { totalScore } from "./scoring.ts";
import type {
  BodyCode,
  Membership,
  PersonId,
  Problem,
  RecognitionResults,
  Role,
  Status,
  Submission,
  SubmissionCode,
} from "./types.ts";

/** Who acted: the registrant, someone holding a role in the body, or the system (scheduler). */
export type ActorRole = "registrant" | Role | "system";

export const ACTIONS = [
  "submit",
  "resubmit",
  "forward",
  "accept",
  "return",
  "reject",
  "propose",
  "return_proposal",
  "recognize",
  "not_recognize",
  "nominate",
  "receive_nomination",
  "revise_proposal",
] as const;
export type Action = (typeof ACTIONS)[number];

/**
 * What a history line records: a transition, or a recognised model put in the public gallery or
 * taken off it, or a fragment of its public texts released or kept hidden by an officer.
 */
export const AUDIT_ACTIONS = [...ACTIONS, "publish", "unpublish", "release", "keep_hidden"] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** One line of a submission's history; written with the transition, never edited. */
export interface AuditEvent {
  id: string;
  submissionId: string;
  actorId: PersonId | null;
  actorRole: ActorRole;
  action: AuditAction;
  from: Status;
  to: Status;
  reason: string | null;
  data: Record<string, unknown>;
  at: Date;
}

/** A transition refused, with the reason as a code (the dialogs word it). */
export interface Refusal {
  code:
    | "wrong_status"
    | "not_owner"
    | "not_allowed"
    | "reason_required"
    | "not_eligible"
    | "not_forwarded"
    | "cycle_closed"
    | "top_tier"
    | "quorum_not_reached"
    | "deadline_passed";
  params?: Record<string, string | number>;
  problems?: Problem[];
}

export type TransitionResult =
  | { ok: true; next: Submission; event: AuditEvent; created?: { submission: Submission; event: AuditEvent } }
  | { ok: false; refusal: Refusal };

export interface TransitionContext {
  rulebook: Rulebook;
  now: Date;
  actor: { personId: PersonId | null; memberships: Membership[]; system?: boolean };
  /** Ids for audit events and created submissions, injected to keep transitions pure. */
  newId: () => string;
}

/**
 * What the actor asks for; each command carries the facts its guards need. `lower` is the
 * lower-tier submission a nominated proposal came from (its `parentId`): the decision the upper
 * tier reads the prior recognition from, and the body that nominated it (which may revise and
 * re-propose it). Without it, the proposal's parent link stands for the prior recognition.
 */
export type Command =
  | {
      action: "submit" | "resubmit";
      eligibility: RegistrationEligibility;
      code?: SubmissionCode;
      /** On resubmission: what changed since the registration was returned. */
      changed?: string[];
    }
  | { action: "forward" }
  | { action: "accept" }
  | { action: "return" | "reject"; reason: string }
  | {
      action: "propose";
      results: RecognitionResults;
      eligibility: ProposalEligibility;
      lower?: Submission | null;
    }
  | {
      action: "recognize" | "not_recognize" | "return_proposal";
      reason?: string;
      votes: VoteTally;
      lower?: Submission | null;
    }
  | {
      action: "nominate";
      reason?: string;
      upperBody: OrgUnit;
      code: SubmissionCode;
      /** Results and a fresh self-score for the upper tier; the lower decision's by default. */
      results?: RecognitionResults;
    }
  | {
      /** New results or self-score for a proposal waiting for its committee's vote. */
      action: "revise_proposal";
      results: RecognitionResults;
      reason?: string;
      lower?: Submission | null;
    };

/** From which status each action starts, and where it leads. */
const MOVES: Record<Action, { from: Status; to: Status }> = {
  submit: { from: "draft", to: "submitted" },
  resubmit: { from: "returned", to: "submitted" },
  forward: { from: "submitted", to: "submitted" },
  accept: { from: "submitted", to: "accepted" },
  return: { from: "submitted", to: "returned" },
  reject: { from: "submitted", to: "rejected" },
  propose: { from: "accepted", to: "proposed" },
  return_proposal: { from: "proposed", to: "accepted" },
  recognize: { from: "proposed", to: "recognized" },
  not_recognize: { from: "proposed", to: "not_recognized" },
  nominate: { from: "recognized", to: "nominated" },
  receive_nomination: { from: "recognized", to: "proposed" },
  revise_proposal: { from: "proposed", to: "proposed" },
};

/** The statuses an action may start from, for showing only the buttons that can work. */
export function canStart(action: Action, status: Status): boolean {
  return MOVES[action].from === status;
}

/** Decisions a body's members take, in the order they are offered. */
export const DECISIONS = [
  "accept",
  "return",
  "reject",
  "forward",
  "recognize",
  "not_recognize",
  "return_proposal",
  "nominate",
] as const satisfies readonly Action[];
export type Decision = (typeof DECISIONS)[number];

/** Decisions that need a reason. */
export const NEEDS_REASON: ReadonlySet<Action> = new Set([
  "return",
  "reject",
  "not_recognize",
  "return_proposal",
]);

/** Recognition decisions are a committee's vote, counted under the rulebook's quorum. */
export const VOTES: ReadonlySet<Action> = new Set(["recognize", "not_recognize", "return_proposal"]);

/**
 * The decisions someone may take on a submission now, by its status, the body whose queue it is
 * in and their roles there — what to offer as buttons. `transition` checks the same again.
 */
export function allowedDecisions(s: Submission, memberships: Membership[], rulebook: Rulebook): Decision[] {
  const roles = (body: BodyCode | null) =>
    new Set(memberships.filter((m) => body !== null && m.bodyCode === body).map((m) => m.role));
  const at = roles(s.queueBodyCode);
  const accepting = rulebook.decisions.acceptanceBy.some((r) => at.has(r));
  const forwarded = s.viaBodyCode === null || s.queueBodyCode === s.bodyCode;
  return DECISIONS.filter((d) => {
    if (!canStart(d, s.status)) return false;
    if (d === "forward") return !forwarded && accepting;
    // The body a registration passes through may send it back for completion, as well as forward it.
    if (d === "return") return accepting;
    if (d === "accept" || d === "reject") return forwarded && accepting;
    if (d === "nominate")
      return at.has("committee") && s.tier !== null && nextTier(s.tier, rulebook) !== null;
    return at.has("committee");
  });
}

function hasRole(ctx: TransitionContext, body: BodyCode | null, roles: readonly Role[]): boolean {
  return holds(ctx.actor.memberships, body, roles);
}

function holds(
  memberships: Membership[],
  body: BodyCode | null | undefined,
  roles: readonly Role[],
): boolean {
  return body != null && memberships.some((m) => m.bodyCode === body && roles.includes(m.role));
}

/** The body that nominated a proposal, when `lower` is really the decision it came from. */
function nominatingBody(s: Submission, lower: Submission | null | undefined): BodyCode | null {
  return lower != null && s.parentId !== null && lower.id === s.parentId ? lower.bodyCode : null;
}

/**
 * Who may (re)propose or revise a proposal's results and self-score: the registrant, the body's
 * members the rulebook lets propose, and — for a nominated proposal — the nominating body's
 * officers and committee members (given the lower decision).
 */
function mayPropose(
  s: Submission,
  actor: { personId: PersonId | null; memberships: Membership[] },
  rulebook: Rulebook,
  lower: Submission | null | undefined,
): boolean {
  if (actor.personId !== null && actor.personId === s.registrantId) return true;
  const roles = rulebook.decisions.proposalBy;
  if (holds(actor.memberships, s.bodyCode, roles)) return true;
  return holds(actor.memberships, nominatingBody(s, lower), [...new Set([...roles, "committee" as const])]);
}

/** True when the person may revise a proposal waiting for its vote (see `revise_proposal`). */
export function canRevise(
  s: Submission,
  actor: { personId: PersonId | null; memberships: Membership[] },
  rulebook: Rulebook,
  lower?: Submission | null,
): boolean {
  return s.status === "proposed" && mayPropose(s, actor, rulebook, lower);
}

/** True when the person may propose an accepted model (again, after a return) for recognition. */
export function canPropose(
  s: Submission,
  actor: { personId: PersonId | null; memberships: Membership[] },
  rulebook: Rulebook,
  lower?: Submission | null,
): boolean {
  return s.status === "accepted" && mayPropose(s, actor, rulebook, lower);
}

/** A failed eligibility as a refusal: a deadline alone is named as such, anything else with it. */
function eligibilityRefusal(check: ProposalEligibility): Refusal | null {
  if (check.ok) return null;
  const late = check.problems.find((p) => p.code === "deadline_passed");
  // The problem rides along, so a caller that words `problems` says the deadline's date.
  if (late && check.problems.length === 1)
    return { code: "deadline_passed", ...(late.params ? { params: late.params } : {}), problems: [late] };
  return { code: "not_eligible", problems: check.problems };
}

/** A revision checked against the proposal's tier, with the revised results. */
function revisionCheck(
  s: Submission,
  command: Extract<Command, { action: "revise_proposal" }>,
  ctx: TransitionContext,
): ProposalEligibility {
  return checkProposal({
    submission: { ...s, results: command.results },
    tier: s.tier ?? ctx.rulebook.tiers[0]!,
    rulebook: ctx.rulebook,
    now: ctx.now,
    ...(command.lower !== undefined ? { lower: command.lower } : {}),
  });
}

function nominationCheck(
  s: Submission,
  command: Extract<Command, { action: "nominate" }>,
  ctx: TransitionContext,
): ProposalEligibility {
  return checkNomination({
    submission: s,
    upperTier: command.upperBody.tier,
    rulebook: ctx.rulebook,
    now: ctx.now,
    ...(command.results ? { results: command.results } : {}),
  });
}

function refuse(code: Refusal["code"], extra: Omit<Refusal, "code"> = {}): TransitionResult {
  return { ok: false, refusal: { code, ...extra } };
}

/** Recognition for a cycle can be decided, late and flagged, until the cycle's year ends. */
function cycleClosed(s: Submission, ctx: TransitionContext): boolean {
  return ctx.now >= zonedInstant({ year: s.cycleYear + 1, month: 1, day: 1 }, ctx.rulebook.timeZone);
}

function guard(s: Submission, command: Command, ctx: TransitionContext): Refusal | null {
  const { decisions } = ctx.rulebook;
  const committee = ["committee"] as const;
  switch (command.action) {
    case "submit":
    case "resubmit":
      if (ctx.actor.personId !== s.registrantId) return { code: "not_owner" };
      if (!command.eligibility.ok || !command.eligibility.route)
        return { code: "not_eligible", problems: command.eligibility.problems };
      if (command.action === "submit" && !command.code) return { code: "not_eligible" };
      return null;
    case "forward":
      if (s.viaBodyCode === null || s.queueBodyCode !== s.viaBodyCode) return { code: "not_forwarded" };
      return hasRole(ctx, s.viaBodyCode, decisions.acceptanceBy) ? null : { code: "not_allowed" };
    case "return":
      // Waiting at the body it passes through: that body may return it for completion.
      if (s.viaBodyCode !== null && s.queueBodyCode === s.viaBodyCode) {
        if (!hasRole(ctx, s.viaBodyCode, decisions.acceptanceBy)) return { code: "not_allowed" };
        return command.reason.trim() ? null : { code: "reason_required" };
      }
      if (s.queueBodyCode !== s.bodyCode) return { code: "not_forwarded" };
      if (!hasRole(ctx, s.bodyCode, decisions.acceptanceBy)) return { code: "not_allowed" };
      return command.reason.trim() ? null : { code: "reason_required" };
    case "accept":
    case "reject":
      if (s.queueBodyCode !== s.bodyCode) return { code: "not_forwarded" };
      if (!hasRole(ctx, s.bodyCode, decisions.acceptanceBy)) return { code: "not_allowed" };
      if (command.action !== "accept" && !command.reason.trim()) return { code: "reason_required" };
      return null;
    case "propose":
      if (!mayPropose(s, ctx.actor, ctx.rulebook, command.lower)) return { code: "not_allowed" };
      if (cycleClosed(s, ctx)) return { code: "cycle_closed", params: { year: s.cycleYear } };
      return eligibilityRefusal(command.eligibility);
    case "revise_proposal":
      if (!mayPropose(s, ctx.actor, ctx.rulebook, command.lower)) return { code: "not_allowed" };
      if (cycleClosed(s, ctx)) return { code: "cycle_closed", params: { year: s.cycleYear } };
      return eligibilityRefusal(revisionCheck(s, command, ctx));
    case "recognize":
    case "not_recognize":
    case "return_proposal": {
      if (!hasRole(ctx, s.bodyCode, committee)) return { code: "not_allowed" };
      if (cycleClosed(s, ctx)) return { code: "cycle_closed", params: { year: s.cycleYear } };
      const counted = tally(command.votes, ctx.rulebook.decisions.recognitionQuorum);
      // A tie settled by the rulebook decides without anyone's reason.
      if (command.action !== "recognize" && !command.reason?.trim() && !counted.tie)
        return { code: "reason_required" };
      if (counted.outcome !== command.action) return { code: "quorum_not_reached" };
      // Each tier applies its own rules: minimum score, prior recognition, its deadline.
      if (command.action !== "recognize") return null;
      return eligibilityRefusal(
        checkRecognition({
          submission: s,
          rulebook: ctx.rulebook,
          now: ctx.now,
          ...(command.lower !== undefined ? { lower: command.lower } : {}),
        }),
      );
    }
    case "nominate":
      if (!hasRole(ctx, s.bodyCode, committee)) return { code: "not_allowed" };
      if (s.tier === null || nextTier(s.tier, ctx.rulebook) !== command.upperBody.tier)
        return { code: "top_tier" };
      if (cycleClosed(s, ctx)) return { code: "cycle_closed", params: { year: s.cycleYear } };
      // The upper tier's rules: its minimum score, its deadline (1/10 for the province).
      return eligibilityRefusal(nominationCheck(s, command, ctx));
  }
}

function actorRole(s: Submission, ctx: TransitionContext, also: BodyCode | null = null): ActorRole {
  if (ctx.actor.system) return "system";
  if (ctx.actor.personId === s.registrantId) return "registrant";
  const roles = ctx.actor.memberships
    .filter((m) => m.bodyCode === s.queueBodyCode || m.bodyCode === s.bodyCode || m.bodyCode === also)
    .map((m) => m.role);
  return roles.includes("committee")
    ? "committee"
    : roles.includes("officer")
      ? "officer"
      : (roles[0] ?? "admin");
}

/** The new state of the submission after a command that passed its guards. */
function apply(s: Submission, command: Command, ctx: TransitionContext): Submission {
  const to = MOVES[command.action].to;
  const next: Submission = { ...s, status: to, updatedAt: ctx.now };
  switch (command.action) {
    case "submit":
    case "resubmit": {
      const { route: r, cycleYear: year, late } = command.eligibility;
      Object.assign(next, {
        code: command.code ?? s.code,
        bodyCode: r!.body.code,
        viaBodyCode: r!.via?.code ?? null,
        queueBodyCode: r!.via?.code ?? r!.body.code,
        tier: r!.body.tier,
        cycleYear: command.action === "submit" ? year : s.cycleYear,
        late: command.action === "submit" ? late : s.late,
        submittedAt: ctx.now,
      });
      break;
    }
    case "forward":
      next.queueBodyCode = s.bodyCode;
      break;
    case "propose":
      next.results = { ...command.results, late: command.eligibility.late };
      break;
    case "revise_proposal":
      next.results = { ...command.results, late: revisionCheck(s, command, ctx).late };
      break;
    case "accept":
    case "reject":
    case "recognize":
    case "not_recognize":
      next.decidedAt = ctx.now;
      break;
    default:
      break;
  }
  return next;
}

function auditEvent(
  s: Submission,
  action: Action,
  ctx: TransitionContext,
  reason: string | null,
  data: Record<string, unknown> = {},
  also: BodyCode | null = null,
): AuditEvent {
  return {
    id: ctx.newId(),
    submissionId: s.id,
    actorId: ctx.actor.personId,
    actorRole: actorRole(s, ctx, also),
    action,
    from: s.status,
    to: MOVES[action].to,
    reason,
    data,
    at: ctx.now,
  };
}

/** The proposal a nomination opens in the upper body's queue, linked to the lower decision. */
function nominatedProposal(
  s: Submission,
  command: Extract<Command, { action: "nominate" }>,
  ctx: TransitionContext,
  late: boolean,
): Submission {
  const results = command.results ?? s.results;
  return {
    ...s,
    results: results ? { ...results, late } : null,
    id: ctx.newId(),
    code: command.code,
    status: "proposed",
    bodyCode: command.upperBody.code,
    viaBodyCode: null,
    queueBodyCode: command.upperBody.code,
    tier: command.upperBody.tier,
    parentId: s.id,
    submittedAt: ctx.now,
    decidedAt: null,
    createdAt: ctx.now,
    updatedAt: ctx.now,
    version: 0,
  };
}

/**
 * A transition of the status machine (DESIGN §2.7): the submission's next state plus its audit
 * event, or a typed refusal. Nothing is written here; storage writes both in one transaction.
 */
export function transition(s: Submission, command: Command, ctx: TransitionContext): TransitionResult {
  if (!canStart(command.action, s.status))
    return refuse("wrong_status", { params: { status: s.status, action: command.action } });
  const refusal = guard(s, command, ctx);
  if (refusal) return { ok: false, refusal };
  const next = apply(s, command, ctx);
  const reason = "reason" in command ? (command.reason?.trim() ?? null) || null : null;
  const data: Record<string, unknown> = {};
  // Late is never silent: every act after its deadline that the rulebook lets through is flagged.
  if ("eligibility" in command && command.eligibility.late) data.late = true;
  if ("votes" in command) {
    const counted = tally(command.votes, ctx.rulebook.decisions.recognitionQuorum);
    data.votes = counted.counts;
    if (counted.tie) data.tie = true;
    const due = lateness(ctx.now, "recognition", s.cycleYear, ctx.rulebook);
    if (due.late) {
      Object.assign(data, { late: true, deadline: due.deadline.id });
      // The flag travels with the submission, so queues, details and reports show it too.
      if (command.action !== "return_proposal" && next.results)
        next.results = { ...next.results, decisionLate: true };
    }
  }
  if (command.action === "propose" || command.action === "revise_proposal")
    data.scoreTotal = totalScore(command.results.scores, ctx.rulebook);
  if (command.action === "revise_proposal") {
    if (s.results) data.previousScoreTotal = totalScore(s.results.scores, ctx.rulebook);
    if (next.results?.late) data.late = true;
  }
  // A returned registration keeps what it said, so the resubmission can show what changed.
  if (command.action === "return") {
    data.snapshot = snapshotOf(s);
    if (s.viaBodyCode !== null && s.queueBodyCode === s.viaBodyCode) data.via = s.viaBodyCode;
  }
  if (command.action === "resubmit" && command.changed) data.changed = command.changed;
  const also =
    command.action === "propose" || command.action === "revise_proposal"
      ? nominatingBody(s, command.lower)
      : null;
  const event = auditEvent(s, command.action, ctx, reason, data, also);
  if (command.action !== "nominate") return { ok: true, next, event };
  const check = nominationCheck(s, command, ctx);
  const created = nominatedProposal(s, command, ctx, check.late);
  const lateData = check.late
    ? { late: true, deadline: recognitionDeadlineFor(command.upperBody.tier, "proposal") }
    : {};
  const received: AuditEvent = {
    ...auditEvent(created, "receive_nomination", ctx, reason, {
      from: s.id,
      fromCode: s.code,
      fromTier: s.tier,
      ...(command.results ? { scoreTotal: totalScore(command.results.scores, ctx.rulebook) } : {}),
      ...lateData,
    }),
    // The nominating committee acted, though it has no role in the upper body.
    actorRole: event.actorRole,
    from: "recognized",
    to: "proposed",
  };
  event.data = { to: created.id, toCode: created.code, toBody: command.upperBody.code, ...lateData };
  return { ok: true, next, event, created: { submission: created, event: received } };
}

/** Votes of a committee on a proposal, and how many members it has. */
export interface VoteTally {
  decisions: ("recognize" | "not_recognize" | "return_proposal")[];
  committeeSize: number;
}

export interface TallyResult {
  outcome: "recognize" | "not_recognize" | "return_proposal" | null;
  tie: boolean;
  counts: Record<string, number>;
}

/**
 * The committee's decision under the rulebook's quorum: the first vote ("single"), or a strict
 * majority of the whole committee; when everyone has voted without a majority, the rulebook says
 * whether the tie means "not recognised" or stays open.
 */
export function tally(votes: VoteTally, quorum: Quorum): TallyResult {
  const counts: Record<string, number> = {};
  for (const d of votes.decisions) counts[d] = (counts[d] ?? 0) + 1;
  if (quorum.kind === "single") return { outcome: votes.decisions[0] ?? null, tie: false, counts };
  const size = Math.max(votes.committeeSize, 1);
  const winner = Object.entries(counts).find(([, n]) => n * 2 > size);
  if (winner) return { outcome: winner[0] as TallyResult["outcome"], tie: false, counts };
  const everyone = votes.decisions.length >= size;
  if (!everyone) return { outcome: null, tie: false, counts };
  return { outcome: quorum.onTie === "not_recognized" ? "not_recognize" : null, tie: true, counts };
}

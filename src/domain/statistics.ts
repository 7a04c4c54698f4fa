import type { OrgTree, OrgUnit } from "./org.ts";
import type { Rulebook } from "./rulebook/schema.ts";
import {
  type BodyCode,
  type Description,
  type FieldId,
  MODEL_KINDS,
  type ModelKind,
  REGISTRANT_KINDS,
  type RecognitionResults,
  type RegistrantKind,
  type Scores,
  STATUSES,
  type Status,
  type Submission,
  TIERS,
  type Tier,
} from "./types.ts";

/**
 * Report figures (DESIGN §2.8): what a Ban Dân vận publishes about the models of its area, e.g.
 * "4,110 models: 575 economy, 2,951 culture–society, …" (seed 003).
 *
 * A *model* (mô hình) is a registration that left the draft stage: a root submission (no
 * `parentId`) of the period whose receiving body is the reported body or one below it. A
 * nomination to the next tier opens a new row linked to the lower one by `parentId`; those rows
 * are not extra models, they are the model's later steps (its *chain*). Everything here is one
 * pass over the submissions plus map look-ups, so 100,000 rows take milliseconds.
 */

/** The statuses a model can be in: every status but a draft. */
export type ModelStatus = Exclude<Status, "draft">;
export const MODEL_STATUSES: readonly ModelStatus[] = STATUSES.filter((s): s is ModelStatus => s !== "draft");

/**
 * What a report reads of a submission: the figures', the summary list's and the lateness flags'
 * fields, nothing else (a whole Submission is one). Of the description only the model's name, of
 * a proposal's results only its fresh self-score and lateness.
 */
export type ReportSubmission = Pick<
  Submission,
  | "id"
  | "code"
  | "status"
  | "cycleYear"
  | "field"
  | "registrantKind"
  | "unitName"
  | "address"
  | "bodyCode"
  | "tier"
  | "modelKind"
  | "scores"
  | "late"
  | "parentId"
  | "submittedAt"
  | "decidedAt"
  | "updatedAt"
> & {
  description: Pick<Description, "model_name">;
  results: Pick<RecognitionResults, "scores" | "late" | "decisionLate"> | null;
};

/** What a report covers: a body with everything below it, and a cycle year or a period. */
export interface ReportScope {
  /**
   * The period's submissions. Include the proposals nominated to bodies above the scope (a
   * commune's model recognised by the province): they tell how far its models went.
   */
  submissions: Iterable<ReportSubmission>;
  tree: OrgTree;
  rulebook: Rulebook;
  bodyCode: BodyCode;
  /** First cycle year of the period. */
  from: number;
  /** Last cycle year (inclusive); a single year when left out. */
  to?: number;
}

/** One model with the rows of its chain resolved. */
export interface Model {
  root: ReportSubmission;
  /** The root and its linked proposals, lowest tier first (drafts never appear). */
  chain: ReportSubmission[];
  /** The highest-tier row: where the model stands now. */
  latest: ReportSubmission;
  field: FieldId;
  /** The tier of the body that received the registration. */
  tier: Tier;
  body: OrgUnit;
  /** The status of the latest row. */
  status: ModelStatus;
  /** Tiers at which the model was recognised (recognized, or nominated which follows it), lowest first. */
  recognizedTiers: readonly Tier[];
  /** The latest decision on any row of the chain. */
  decidedAt: Date | null;
  /** The latest self-score total (a proposal's fresh self-score wins over the registration's), or null. */
  score: number | null;
}

const tierRank = (tier: Tier | null): number => (tier === null ? -1 : TIERS.indexOf(tier));

/** Tiers a row counts as recognised at: recognized, or nominated (recognised first, then sent up). */
const RECOGNIZED: ReadonlySet<Status> = new Set<Status>(["recognized", "nominated"]);

/** A self-score's total over the rubric's criteria, or null when it scores none of them. */
function scoreTotal(scores: Scores | undefined, rulebook: Rulebook): number | null {
  if (scores === undefined) return null;
  let scored = false;
  let total = 0;
  for (const c of rulebook.scoring.criteria) {
    const points = scores[c.id];
    if (points === undefined) continue;
    scored = true;
    total += points;
  }
  return scored ? total : null;
}

/**
 * The self-score that describes the model best: the latest recognition proposal's fresh
 * self-score (DESIGN §2.7) when there is one, else the registration's.
 */
function latestScore(chain: ReportSubmission[], rulebook: Rulebook): number | null {
  for (let i = chain.length - 1; i >= 0; i--) {
    const total = scoreTotal(chain[i]!.results?.scores, rulebook);
    if (total !== null) return total;
  }
  for (let i = chain.length - 1; i >= 0; i--) {
    const total = scoreTotal(chain[i]!.scores, rulebook);
    if (total !== null) return total;
  }
  return null;
}

/** The tiers of each set of recognitions (a bit per tier), made once: models share them. */
const RECOGNIZED_TIERS: readonly (readonly Tier[])[] = Array.from({ length: 1 << TIERS.length }, (_, bits) =>
  TIERS.filter((_, rank) => bits & (1 << rank)),
);

export function periodOf(scope: Pick<ReportScope, "from" | "to">): { from: number; to: number } {
  const to = scope.to ?? scope.from;
  if (!Number.isInteger(scope.from) || !Number.isInteger(to) || to < scope.from)
    throw new RangeError(`a period runs from one cycle year to a later one, not ${scope.from}–${to}`);
  return { from: scope.from, to };
}

/** The models of a scope, each with its chain resolved. Linear in the number of submissions. */
export function collectModels(scope: ReportScope): Model[] {
  const { tree } = scope;
  const { from, to } = periodOf(scope);
  const bodies = new Map<BodyCode, OrgUnit>(tree.subtree(scope.bodyCode).map((u) => [u.code, u]));
  const roots: ReportSubmission[] = [];
  const children = new Map<string, ReportSubmission[]>();
  for (const s of scope.submissions) {
    if (s.status === "draft") continue;
    if (s.parentId !== null) {
      const list = children.get(s.parentId);
      if (list) list.push(s);
      else children.set(s.parentId, [s]);
    } else if (
      s.cycleYear >= from &&
      s.cycleYear <= to &&
      s.field !== null && // a submitted registration always has one (eligibility)
      s.bodyCode !== null &&
      bodies.has(s.bodyCode)
    )
      roots.push(s);
  }
  const rowTier = (s: ReportSubmission): Tier | null =>
    s.tier ?? (s.bodyCode === null ? null : (tree.get(s.bodyCode)?.tier ?? null));

  return roots.map((root) => {
    const chain = [root];
    if (children.has(root.id)) {
      const seen = new Set<string>([root.id]);
      for (let i = 0; i < chain.length; i++) {
        for (const child of children.get(chain[i]!.id) ?? []) {
          if (seen.has(child.id)) continue;
          seen.add(child.id);
          chain.push(child);
        }
      }
      chain.sort(
        (a, b) =>
          tierRank(rowTier(a)) - tierRank(rowTier(b)) || a.updatedAt.getTime() - b.updatedAt.getTime(),
      );
    }
    const latest = chain[chain.length - 1]!;
    const body = bodies.get(root.bodyCode!)!;
    let recognized = 0; // a bit per tier
    let decidedAt: Date | null = null;
    for (const row of chain) {
      if (RECOGNIZED.has(row.status)) {
        const rank = tierRank(rowTier(row));
        if (rank >= 0) recognized |= 1 << rank;
      }
      if (row.decidedAt && (decidedAt === null || row.decidedAt.getTime() > decidedAt.getTime()))
        decidedAt = row.decidedAt;
    }
    return {
      root,
      chain,
      latest,
      field: root.field!,
      tier: root.tier ?? body.tier,
      body,
      status: latest.status as ModelStatus,
      recognizedTiers: RECOGNIZED_TIERS[recognized]!,
      decidedAt,
      score: latestScore(chain, scope.rulebook),
    };
  });
}

export interface ScoreSummary {
  /** Models with a self-score. */
  scored: number;
  /** Their average total, one decimal; null when none has a score. */
  average: number | null;
}

/** The figures of a report: plain numbers, no sentences. Every record has every key (zeros included). */
export interface Statistics {
  bodyCode: BodyCode;
  from: number;
  to: number;
  /** The axes, in the order a report shows them: the rulebook's fields and tiers (lowest first). */
  fields: FieldId[];
  tiers: Tier[];
  statuses: ModelStatus[];
  total: number;
  byField: Record<FieldId, number>;
  /** By the model's latest status. */
  byStatus: Record<ModelStatus, number>;
  /** By the tier of the receiving body. */
  byTier: Record<Tier, number>;
  byFieldStatus: Record<FieldId, Record<ModelStatus, number>>;
  byFieldTier: Record<FieldId, Record<Tier, number>>;
  /** New (xây dựng mới) vs replication (nhân rộng). */
  byModelKind: Record<ModelKind, number>;
  /** Collective (tập thể) vs individual (cá nhân). */
  byRegistrantKind: Record<RegistrantKind, number>;
  /** Models recognised at each tier; a model nominated upwards counts at every tier it reached. */
  recognizedByTier: Record<Tier, number>;
  /** Models recognised at one tier at least. */
  recognized: number;
  /** Late registrations (kept and flagged). */
  late: number;
  scoreByField: Record<FieldId, ScoreSummary>;
  score: ScoreSummary;
}

function zeros<K extends string>(keys: readonly K[]): Record<K, number> {
  return Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;
}

function byKey<K extends string, V>(keys: readonly K[], make: () => V): Record<K, V> {
  return Object.fromEntries(keys.map((k) => [k, make()])) as Record<K, V>;
}

const average = (sum: number, n: number): number | null => (n === 0 ? null : Math.round((sum / n) * 10) / 10);

/** The figures of already collected models. */
export function statisticsOf(
  models: readonly Model[],
  scope: Pick<ReportScope, "rulebook" | "bodyCode" | "from" | "to">,
): Statistics {
  const { from, to } = periodOf(scope);
  const fields = scope.rulebook.fields.map((f) => f.id);
  const tiers = [...scope.rulebook.tiers].sort((a, b) => tierRank(a) - tierRank(b));
  const stats: Statistics = {
    bodyCode: scope.bodyCode,
    from,
    to,
    fields,
    tiers,
    statuses: [...MODEL_STATUSES],
    total: models.length,
    byField: zeros(fields),
    byStatus: zeros(MODEL_STATUSES),
    byTier: zeros(TIERS),
    byFieldStatus: byKey(fields, () => zeros(MODEL_STATUSES)),
    byFieldTier: byKey(fields, () => zeros(TIERS)),
    byModelKind: zeros(MODEL_KINDS),
    byRegistrantKind: zeros(REGISTRANT_KINDS),
    recognizedByTier: zeros(TIERS),
    recognized: 0,
    late: 0,
    scoreByField: byKey(fields, () => ({ scored: 0, average: null })),
    score: { scored: 0, average: null },
  };
  const sums = zeros(fields);
  let sum = 0;
  for (const m of models) {
    stats.byField[m.field]++;
    stats.byStatus[m.status]++;
    stats.byTier[m.tier]++;
    stats.byFieldStatus[m.field][m.status]++;
    stats.byFieldTier[m.field][m.tier]++;
    if (m.root.modelKind) stats.byModelKind[m.root.modelKind]++;
    if (m.root.registrantKind) stats.byRegistrantKind[m.root.registrantKind]++;
    for (const t of m.recognizedTiers) stats.recognizedByTier[t]++;
    if (m.recognizedTiers.length > 0) stats.recognized++;
    if (m.root.late) stats.late++;
    if (m.score !== null) {
      stats.scoreByField[m.field].scored++;
      sums[m.field] += m.score;
      stats.score.scored++;
      sum += m.score;
    }
  }
  for (const f of fields) {
    const s = stats.scoreByField[f];
    s.average = average(sums[f], s.scored);
  }
  stats.score.average = average(sum, stats.score.scored);
  return stats;
}

/** The figures of a body (with everything below it) for a cycle year or a period. */
export function computeStatistics(scope: ReportScope): Statistics {
  return statisticsOf(collectModels(scope), scope);
}

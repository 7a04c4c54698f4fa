import { type LateKind, lateFlags } from "./lateness.ts";
import type { OrgTree } from "./org.ts";
import type { Rulebook } from "./rulebook/schema.ts";
import { band } from "./scoring.ts";
import { collectModels, type Model, type ModelStatus, type ReportScope } from "./statistics.ts";
import {
  type BodyCode,
  type FieldId,
  type ModelKind,
  type RegistrantKind,
  type SubmissionCode,
  TIERS,
  type Tier,
} from "./types.ts";

/** The summary list (mẫu tổng hợp, rà soát mô hình): one row per model, as an official list reads. */

export interface SummaryRow {
  /** The registration's code (the model's; proposals up the chain get codes of their own). */
  code: SubmissionCode | null;
  /** Tên mô hình. */
  modelName: string;
  unitName: string;
  address: string;
  field: FieldId;
  /** The receiving body's tier. */
  tier: Tier;
  bodyCode: BodyCode;
  bodyName: string;
  registrantKind: RegistrantKind | null;
  modelKind: ModelKind | null;
  /** The latest status along the chain. */
  status: ModelStatus;
  /** Self-score total (the latest one), and its band id; null without a score. */
  score: number | null;
  band: string | null;
  /** When the registration was submitted. */
  registeredAt: Date | null;
  /** The latest decision on the model (acceptance or recognition, at any tier). */
  decidedAt: Date | null;
  highestRecognizedTier: Tier | null;
  /** Registered after the deadline. */
  late: boolean;
  /** Everything the model did after a deadline along its chain (registered, proposed, decided). */
  lateness: LateKind[];
}

/** Body codes in the tree's reading order: each body, then the bodies below it (by locality name). */
function bodyOrder(tree: OrgTree): Map<BodyCode, number> {
  const order = new Map<BodyCode, number>();
  const stack = [...tree.roots()].reverse();
  while (stack.length) {
    const unit = stack.pop()!;
    if (order.has(unit.code)) continue;
    order.set(unit.code, order.size);
    stack.push(...[...tree.children(unit.code)].reverse());
  }
  return order;
}

export function summaryRow(m: Model, rulebook: Rulebook): SummaryRow {
  const r = m.root;
  return {
    code: r.code,
    modelName: r.description.model_name ?? "",
    unitName: r.unitName ?? "",
    address: r.address ?? "",
    field: m.field,
    tier: m.tier,
    bodyCode: m.body.code,
    bodyName: m.body.name,
    registrantKind: r.registrantKind,
    modelKind: r.modelKind,
    status: m.status,
    score: m.score,
    band: m.score === null ? null : band(m.score, rulebook).id,
    registeredAt: r.submittedAt,
    decidedAt: m.decidedAt,
    highestRecognizedTier: m.recognizedTiers[m.recognizedTiers.length - 1] ?? null,
    late: r.late,
    lateness: m.chain.length === 1 ? lateFlags(r) : [...new Set(m.chain.flatMap(lateFlags))],
  };
}

/**
 * Rows of already collected models, ordered: by field in the rulebook's order (the list is grouped
 * by field), then by receiving tier from the province down, then by body in the tree's order, then
 * by code. Province first because official lists (decisions recognising models, provincial
 * summaries) read top-down: the units of the higher level come first, and the tree's order keeps
 * each district's communes together under it.
 */
export function summaryRows(models: readonly Model[], tree: OrgTree, rulebook: Rulebook): SummaryRow[] {
  const fieldIndex = new Map(rulebook.fields.map((f, i) => [f.id, i]));
  const bodies = bodyOrder(tree);
  // The keys worked out once per row, not in each of the sort's million comparisons.
  const keyed = models.map((m) => {
    const row = summaryRow(m, rulebook);
    return {
      row,
      field: fieldIndex.get(row.field)!,
      tier: TIERS.indexOf(row.tier),
      body: bodies.get(row.bodyCode) ?? 0,
      id: m.root.id,
    };
  });
  keyed.sort(
    (a, b) =>
      a.field - b.field ||
      b.tier - a.tier ||
      a.body - b.body ||
      compareCodes(a.row.code, b.row.code) ||
      (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
  return keyed.map((k) => k.row);
}

/** Codes are zero-padded (`DVK-2026-000123`), so text order is numeric order; rows without one last. */
function compareCodes(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a < b ? -1 : 1;
}

/** The summary list of a body (with everything below it) for a cycle year or a period. */
export function summaryList(scope: ReportScope): SummaryRow[] {
  return summaryRows(collectModels(scope), scope.tree, scope.rulebook);
}

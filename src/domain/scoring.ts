import type { Criterion, Rulebook } from "./rulebook/schema.ts";
import type { Problem, Scores, Tier } from "./types.ts";

/** The self-scoring rubric (bản tự đánh giá, chấm điểm): totals, bands and completeness. */

export function totalScore(scores: Scores, rulebook: Rulebook): number {
  return rulebook.scoring.criteria.reduce((sum, c) => sum + (scores[c.id] ?? 0), 0);
}

export function maxScore(rulebook: Rulebook): number {
  return rulebook.scoring.criteria.reduce((sum, c) => sum + c.max, 0);
}

type Band = Rulebook["scoring"]["bands"][number];
/** Each rulebook's bands, highest first (a report asks for tens of thousands of bands). */
const bandsByRulebook = new WeakMap<Rulebook["scoring"]["bands"], readonly Band[]>();

/** The band a total falls in: the highest band whose minimum it reaches. */
export function band(total: number, rulebook: Rulebook): Band {
  let bands = bandsByRulebook.get(rulebook.scoring.bands);
  if (!bands) {
    bands = [...rulebook.scoring.bands].sort((a, b) => b.min - a.min);
    bandsByRulebook.set(rulebook.scoring.bands, bands);
  }
  return bands.find((b) => total >= b.min) ?? bands[bands.length - 1]!;
}

/** Quick-pick values for a criterion: the rulebook's, or full, 80%, 60%, 30% and nothing. */
export function quickPicks(criterion: Criterion): number[] {
  if (criterion.quickPicks) return criterion.quickPicks;
  const picks = [1, 0.8, 0.6, 0.3, 0].map((f) => Math.round(criterion.max * f));
  return [...new Set(picks)];
}

/** A score typed for a criterion: a whole number from 0 to its maximum. */
export function checkCriterionScore(criterion: Criterion, value: number): Problem | null {
  if (!Number.isInteger(value) || value < 0 || value > criterion.max)
    return { code: "score_out_of_range", params: { criterion: criterion.id, max: criterion.max, value } };
  return null;
}

/** Problems with a whole self-score: missing criteria and values out of range. */
export function scoreProblems(scores: Scores, rulebook: Rulebook): Problem[] {
  const problems: Problem[] = [];
  for (const criterion of rulebook.scoring.criteria) {
    const value = scores[criterion.id];
    if (value === undefined) problems.push({ code: "score_missing", params: { criterion: criterion.id } });
    else {
      const problem = checkCriterionScore(criterion, value);
      if (problem) problems.push(problem);
    }
  }
  return problems;
}

export function minimumForRecognition(tier: Tier, rulebook: Rulebook): number {
  return rulebook.scoring.minimumForRecognition[tier] ?? 0;
}

import { cycleYear, deadline, isOpen } from "./calendar.ts";
import type { OrgTree } from "./org.ts";
import { type Route, route, unitCategory } from "./routing.ts";
import type { Rulebook } from "./rulebook/schema.ts";
import { minimumForRecognition, scoreProblems, totalScore } from "./scoring.ts";
import { fold, hasWords, isConcreteAddress, normalizePhone, textLength } from "./text.ts";
import {
  type Description,
  FIELD_IDS,
  MODEL_KINDS,
  type Problem,
  REGISTRANT_KINDS,
  type Submission,
  type SubmissionCode,
  type Tier,
} from "./types.ts";

/** Eligibility (DESIGN §2.5): explainable problems, each a code the dialogs turn into a sentence. */

export interface RegistrationEligibility {
  ok: boolean;
  problems: Problem[];
  /** Where it goes, when the category and location route. */
  route?: Route;
  /** The cycle it counts for (the next one when late and the rulebook says so). */
  cycleYear: number;
  /** Registered after the deadline and kept, flagged. */
  late: boolean;
}

/** Two registrations are duplicates when the same unit registers the same model name in a cycle. */
export function dedupeKey(unitName: string, modelName: string): string {
  return `${fold(unitName)}|${fold(modelName)}`;
}

const MIN_NAME_LENGTH = 2;

/** Problems with the description's ten items: missing, too short, too long, or no words at all. */
export function descriptionProblems(description: Description, rulebook: Rulebook): Problem[] {
  const problems: Problem[] = [];
  for (const item of rulebook.description) {
    const value = description[item.id]?.trim() ?? "";
    const length = textLength(value);
    if (length === 0) problems.push({ code: "item_missing", params: { item: item.id } });
    else if (!hasWords(value)) problems.push({ code: "item_no_words", params: { item: item.id } });
    else if (length < item.minLength)
      problems.push({ code: "item_too_short", params: { item: item.id, min: item.minLength, length } });
    else if (length > item.maxLength)
      problems.push({ code: "item_too_long", params: { item: item.id, max: item.maxLength, length } });
  }
  return problems;
}

/** Problems with who registers: kind, category, unit, address, contact. */
export function identityProblems(s: Submission, rulebook: Rulebook): Problem[] {
  const problems: Problem[] = [];
  if (s.field === null || !FIELD_IDS.includes(s.field)) problems.push({ code: "field_missing" });
  if (s.registrantKind === null || !REGISTRANT_KINDS.includes(s.registrantKind))
    problems.push({ code: "registrant_kind_missing" });
  const category = s.unitCategory === null ? undefined : unitCategory(rulebook, s.unitCategory);
  if (!category) problems.push({ code: "category_missing" });
  else if (s.registrantKind !== null && !category.registrantKinds.includes(s.registrantKind))
    problems.push({
      code: "category_kind_mismatch",
      params: { category: category.id, kind: s.registrantKind },
    });
  if (s.localityCode === null) problems.push({ code: "location_missing" });
  if (textLength(s.unitName ?? "") < MIN_NAME_LENGTH || !hasWords(s.unitName ?? ""))
    problems.push({ code: "unit_name_missing" });
  if (!isConcreteAddress(s.address ?? "", rulebook.addressMinLength))
    problems.push({ code: "address_not_concrete", params: { min: rulebook.addressMinLength } });
  if (textLength(s.contactName ?? "") < MIN_NAME_LENGTH || !hasWords(s.contactName ?? ""))
    problems.push({ code: "contact_name_missing" });
  if (normalizePhone(s.contactPhone ?? "") === null) problems.push({ code: "phone_invalid" });
  if (s.modelKind === null || !MODEL_KINDS.includes(s.modelKind))
    problems.push({ code: "model_kind_missing" });
  return problems;
}

/**
 * Whether a registration may be submitted now. `duplicateOf` is the code of an earlier
 * registration with the same `dedupeKey` in the same cycle, found by the caller.
 */
export function checkRegistration(input: {
  submission: Submission;
  rulebook: Rulebook;
  tree: OrgTree;
  now: Date;
  duplicateOf?: SubmissionCode | null;
}): RegistrationEligibility {
  const { submission: s, rulebook, tree, now } = input;
  const problems = [
    ...identityProblems(s, rulebook),
    ...descriptionProblems(s.description, rulebook),
    ...scoreProblems(s.scores, rulebook),
  ];
  let found: Route | undefined;
  if (s.unitCategory !== null && s.localityCode !== null && unitCategory(rulebook, s.unitCategory)) {
    const r = route(s.unitCategory, s.localityCode, tree, rulebook);
    if (r.ok) found = r.route;
    else problems.push(r.problem);
  }
  if (input.duplicateOf) problems.push({ code: "duplicate", params: { code: input.duplicateOf } });

  const year = cycleYear(now, rulebook);
  const late = !isOpen(now, deadline("registration", year, rulebook));
  const movesOn = late && rulebook.calendar.lateRegistration === "next_cycle";
  return {
    ok: problems.length === 0,
    problems,
    ...(found ? { route: found } : {}),
    cycleYear: movesOn ? year + 1 : year,
    late: late && !movesOn,
  };
}

export interface ProposalEligibility {
  ok: boolean;
  problems: Problem[];
  late: boolean;
}

/**
 * Whether an accepted model may be proposed for recognition at `tier`: results reported, a fresh
 * self-score at or above the tier's minimum, and — above the lowest tier — a recognition one tier
 * lower, unless the unit registers at this tier directly. Late proposals are kept, flagged.
 */
export function checkProposal(input: {
  submission: Submission;
  tier: Tier;
  rulebook: Rulebook;
  now: Date;
  recognizedBelow: boolean;
}): ProposalEligibility {
  const { submission: s, tier, rulebook, now } = input;
  const problems: Problem[] = [];
  const results = s.results;
  const outputs = rulebook.description.find((d) => d.id === "outputs")!;
  if (!results || textLength(results.outcomes.outputs ?? "") < outputs.minLength)
    problems.push({ code: "results_missing", params: { min: outputs.minLength } });
  const scores = results?.scores ?? {};
  problems.push(...scoreProblems(scores, rulebook));
  const total = totalScore(scores, rulebook);
  const minimum = minimumForRecognition(tier, rulebook);
  if (total < minimum) problems.push({ code: "score_below_minimum", params: { total, minimum, tier } });
  const category = s.unitCategory === null ? undefined : unitCategory(rulebook, s.unitCategory);
  const entersHere = category?.receivingTier === tier;
  if (tier !== rulebook.tiers[0] && !entersHere && !input.recognizedBelow)
    problems.push({ code: "prior_recognition_missing", params: { tier } });
  const due = deadline(tier === "province" ? "province_proposal" : "recognition", s.cycleYear, rulebook);
  return { ok: problems.length === 0, problems, late: !isOpen(now, due) };
}

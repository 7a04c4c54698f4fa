import { cycleYear, deadline, deadlineDate, isOpen, lateness, recognitionDeadlineFor } from "./calendar.ts";
import type { OrgTree } from "./org.ts";
import { type Route, route, tierBelow, unitCategory } from "./routing.ts";
import type { LatePolicy, Rulebook } from "./rulebook/schema.ts";
import { minimumForRecognition, scoreProblems, totalScore } from "./scoring.ts";
import { compactKey, hasWords, isConcreteAddress, normalizePhone, textLength } from "./text.ts";
import {
  type Description,
  FIELD_IDS,
  MODEL_KINDS,
  type Problem,
  REGISTRANT_KINDS,
  type RecognitionResults,
  type Submission,
  type SubmissionCode,
  type Tier,
} from "./types.ts";

/** Eligibility (DESIGN §2.5): explainable problems, each a code the dialogs turn into a sentence. */

export interface RegistrationEligibility {
  ok: boolean;
  problems: Problem[];
  /**
   * What the registrant should know at review but that does not block the registration, e.g. a
   * self-score below the recognition minimum of the receiving tier.
   */
  warnings?: Problem[];
  /** Where it goes, when the category and location route. */
  route?: Route;
  /** The cycle it counts for (the next one when late and the rulebook says so). */
  cycleYear: number;
  /** Registered after the deadline and kept, flagged. */
  late: boolean;
}

/**
 * Two registrations are duplicates when the same unit registers the same model name in a cycle;
 * case, accents, punctuation and spacing do not count ("Tổ tự quản, đường hoa" = "to tu quan
 * duong-hoa").
 */
export function dedupeKey(unitName: string, modelName: string): string {
  return `${compactKey(unitName)}|${compactKey(modelName)}`;
}

/** A model the same unit registered in an earlier cycle (found by the caller by its dedupe key). */
export interface EarlierModel {
  /** `dedupeKey(unitName, modelName)` of the earlier registration. */
  key: string;
  cycleYear: number;
  code?: SubmissionCode | null;
  modelName?: string;
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

/** Problems with who registers: kind, category, unit, address, contact, and what it replicates. */
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
  // A replication names the model it replicates. `replicates` undefined: the caller does not carry
  // the field yet (no check); null or an empty name: none named.
  if (
    s.modelKind === "replication" &&
    s.replicates !== undefined &&
    (!s.replicates || textLength(s.replicates.name) < MIN_NAME_LENGTH || !hasWords(s.replicates.name))
  )
    problems.push({ code: "replicates_missing" });
  return problems;
}

/**
 * Whether a registration may be submitted now. `duplicateOf` is the code of an earlier
 * registration with the same `dedupeKey` in the same cycle, found by the caller; `earlier` are the
 * same unit's models of earlier cycles (same key), which a "new" model may not take the name of —
 * it is then a replication, or needs a new name.
 */
export function checkRegistration(input: {
  submission: Submission;
  rulebook: Rulebook;
  tree: OrgTree;
  now: Date;
  duplicateOf?: SubmissionCode | null;
  earlier?: readonly EarlierModel[];
}): RegistrationEligibility {
  const { submission: s, rulebook, tree, now } = input;
  const scoring = scoreProblems(s.scores, rulebook);
  const problems = [
    ...identityProblems(s, rulebook),
    ...descriptionProblems(s.description, rulebook),
    ...scoring,
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
  const cycle = movesOn ? year + 1 : year;

  if (s.modelKind === "new" && s.unitName && s.description.model_name) {
    const key = dedupeKey(s.unitName, s.description.model_name);
    const before = (input.earlier ?? [])
      .filter((m) => m.key === key && m.cycleYear < cycle)
      .sort((a, b) => b.cycleYear - a.cycleYear)[0];
    if (before)
      problems.push({
        code: "model_name_used_before",
        params: { code: before.code ?? "", year: before.cycleYear },
      });
  }

  const warnings: Problem[] = [];
  if (found && scoring.length === 0) {
    const total = totalScore(s.scores, rulebook);
    const minimum = minimumForRecognition(found.body.tier, rulebook);
    if (total < minimum)
      warnings.push({
        code: "score_below_recognition_minimum",
        params: { total, minimum, tier: found.body.tier },
      });
  }
  return {
    ok: problems.length === 0,
    problems,
    warnings,
    ...(found ? { route: found } : {}),
    cycleYear: cycle,
    late: late && !movesOn,
  };
}

export interface ProposalEligibility {
  ok: boolean;
  problems: Problem[];
  late: boolean;
}

/**
 * Whether `lower` is the recognition one tier below `s` that `s` was nominated from: its parent,
 * recognised (and then nominated) at the tier below.
 */
export function isLowerRecognition(
  lower: Submission,
  s: Submission,
  tier: Tier,
  rulebook: Rulebook,
): boolean {
  return (
    s.parentId === lower.id &&
    (lower.status === "nominated" || lower.status === "recognized") &&
    lower.tier === tierBelow(tier, rulebook)
  );
}

/**
 * What a tier's own rules ask of a model (results, a fresh self-score at or above the tier's
 * minimum, a recognition one tier lower unless the unit registers at this tier directly), and
 * whether an act now is past its deadline, with the problem the rulebook's late policy gives.
 */
function tierRules(input: {
  submission: Submission;
  results: RecognitionResults | null;
  tier: Tier;
  rulebook: Rulebook;
  now: Date;
  recognizedBelow?: boolean | undefined;
  lower?: Submission | null | undefined;
  act: "proposal" | "decision";
  policy: LatePolicy;
}): ProposalEligibility {
  const { submission: s, results, tier, rulebook, now } = input;
  const problems: Problem[] = [];
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
  // The lower decision, when the caller passes it, is checked; otherwise a nominated proposal
  // (one with a parent) stands for it: a nomination only starts from a recognition.
  const below =
    input.lower != null
      ? isLowerRecognition(input.lower, s, tier, rulebook)
      : input.recognizedBelow === true || (input.lower === undefined && s.parentId !== null);
  if (tier !== rulebook.tiers[0] && !entersHere && !below)
    problems.push({ code: "prior_recognition_missing", params: { tier } });
  const due = lateness(now, recognitionDeadlineFor(tier, input.act), s.cycleYear, rulebook);
  if (due.late && input.policy === "refuse")
    problems.push({
      code: "deadline_passed",
      params: { deadline: due.deadline.id, date: deadlineDate(due.deadline) },
    });
  return { ok: problems.length === 0, problems, late: due.late };
}

/**
 * Whether an accepted model may be proposed for recognition at `tier`: results reported, a fresh
 * self-score at or above the tier's minimum, and — above the lowest tier — a recognition one tier
 * lower, unless the unit registers at this tier directly. The lower recognition is read from the
 * lower-tier submission when the caller passes it (`lower`); without it, a proposal nominated from
 * below (with a parent) or `recognizedBelow` stands for it. After the deadline (province-level
 * proposals before 1/10, others before 15/10) the proposal is flagged, or refused when the
 * rulebook's `calendar.lateProposal` says so.
 */
export function checkProposal(input: {
  submission: Submission;
  tier: Tier;
  rulebook: Rulebook;
  now: Date;
  recognizedBelow?: boolean;
  lower?: Submission | null;
}): ProposalEligibility {
  return tierRules({
    ...input,
    results: input.submission.results,
    act: "proposal",
    policy: input.rulebook.calendar.lateProposal,
  });
}

/**
 * Whether a model may be nominated from its tier to the next one: the upper tier's own rules on
 * the results it goes up with (the lower decision's, or results revised for the upper tier), and
 * the upper tier's deadline under `calendar.lateNomination`. `s` is the recognised lower-tier
 * submission.
 */
export function checkNomination(input: {
  submission: Submission;
  upperTier: Tier;
  rulebook: Rulebook;
  now: Date;
  results?: RecognitionResults;
}): ProposalEligibility {
  const { submission: s, upperTier, rulebook, now } = input;
  return tierRules({
    submission: { ...s, tier: upperTier, parentId: s.id },
    results: input.results ?? s.results,
    tier: upperTier,
    rulebook,
    now,
    lower: s,
    act: "proposal",
    policy: rulebook.calendar.lateNomination,
  });
}

/**
 * Whether a proposal may be recognised by its tier's committee: the tier's rules again (results,
 * minimum score, recognition one tier lower read from `lower` when passed), and the recognition
 * deadline (15/10) under `calendar.lateRecognition`.
 */
export function checkRecognition(input: {
  submission: Submission;
  rulebook: Rulebook;
  now: Date;
  lower?: Submission | null;
}): ProposalEligibility {
  const { submission: s, rulebook } = input;
  return tierRules({
    ...input,
    results: s.results,
    tier: s.tier ?? rulebook.tiers[0]!,
    act: "decision",
    policy: rulebook.calendar.lateRecognition,
  });
}

import { z } from "zod";
import { UNIT_TYPE_TIER, UNIT_TYPES } from "../admin-units.ts";
import { DESCRIPTION_ITEMS, FIELD_IDS, REGISTRANT_KINDS, ROLES, TIERS } from "../types.ts";

// Strict objects throughout: a misspelt key in a province's rulebook is an error naming its path,
// not a setting silently ignored.

/** Text a rulebook carries in both languages; i18next serves it (namespace "rulebook"). */
const text = z.strictObject({ vi: z.string().min(1), en: z.string().min(1) });

/** A day of the year, "MM-DD". */
const monthDay = z
  .string()
  .regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, "expected a day as MM-DD, e.g. 03-30");

const tier = z.enum(TIERS);
const slug = z.string().regex(/^[a-z][a-z0-9_]*$/);

/**
 * A choice not taken from a published text is labelled: `default: true` (the help screen shows
 * "(mặc định, tỉnh điều chỉnh)" beside it) and, where useful, a note saying why.
 */
const provenance = { default: z.boolean().optional(), note: text.optional() };

const bodyKind = z.strictObject({
  tier,
  /** Name of the receiving body, `{{locality}}` replaced by the locality's name (kind unknown). */
  name: text,
  /** The name per kind of unit, `{{name}}` the bare name: "Ban Dân vận Thị ủy {{name}}". */
  byUnitType: z.partialRecord(z.enum(UNIT_TYPES), text).optional(),
  /** Bare names that keep their kind in Vietnamese ("Thành ủy Thành phố Hồ Chí Minh"). */
  fullNameFor: z.array(z.string().min(1)).optional(),
  ...provenance,
});

/**
 * A body attached to a locality that collects registrations instead of the tier's body, e.g. the
 * Mặt trận's standing board in some wards: a node of the org tree of this `kind`, whose parent is
 * the locality (same tier). `categories` limits what it collects (default: everything the tier's
 * body receives).
 */
const attachedBodyKind = z.strictObject({
  kind: slug,
  tier,
  name: text,
  categories: z.array(slug).min(1).optional(),
  ...provenance,
});

const field = z.strictObject({ id: z.enum(FIELD_IDS), name: text, help: text });

const unitCategory = z.strictObject({
  id: slug,
  group: z.string(),
  label: text,
  registrantKinds: z.array(z.enum(REGISTRANT_KINDS)).min(1),
  /** The tier whose body receives the registration. */
  receivingTier: tier,
  /** The tier of the locality the registrant picks (at least as deep as the receiving tier). */
  locationTier: tier,
  /** A tier whose body the registration passes through first ("qua ban dân vận cấp huyện"). */
  viaTier: tier.optional(),
  ...provenance,
});

/** Criteria for a kind of unit (seed 003): guidance for the registrant, a checklist for members. */
const unitKindCriteria = z.strictObject({
  id: slug,
  label: text,
  criteria: z.array(text).min(1),
  /** The unit categories they apply to. */
  categories: z.array(slug).min(1),
  ...provenance,
});

const descriptionItem = z.strictObject({
  id: z.enum(DESCRIPTION_ITEMS),
  label: text,
  hint: text,
  example: text,
  minLength: z.int().min(1),
  maxLength: z.int().min(1),
});

const criterion = z.strictObject({
  id: slug,
  label: text,
  max: z.int().min(1),
  /** Buttons offered besides typing a number; derived from `max` when absent. */
  quickPicks: z.array(z.int().min(0)).optional(),
});

const band = z.strictObject({ id: z.string(), label: text, min: z.int().min(0) });

const quorum = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("single") }),
  z.strictObject({
    kind: z.literal("majority"),
    /** When every member voted and neither side has a majority. */
    onTie: z.enum(["not_recognized", "keep_open"]),
  }),
]);

/** After a deadline: keep and flag, or refuse. Late is never silent. */
export const LATE_POLICIES = ["accept_flagged", "refuse"] as const;
const latePolicy = z.enum(LATE_POLICIES).default("accept_flagged");

/** A setting chosen where the sources are silent, by its path ("calendar.lateRecognition"). */
const defaultSetting = z.strictObject({ path: z.string().min(1), note: text });

export const rulebookSchema = z
  .strictObject({
    id: z.string().regex(/^[a-z0-9-]+$/),
    title: text,
    /** Says that a province should adjust these choices (two-tier rulebook). */
    note: text.optional(),
    period: z.strictObject({ from: z.int(), to: z.int() }),
    timeZone: z.string(),
    /** Lowest first: nomination goes up this list. */
    tiers: z.array(tier).min(1),
    bodyKinds: z.array(bodyKind).min(1),
    attachedBodyKinds: z.array(attachedBodyKind).default([]),
    fields: z.array(field).length(4),
    unitCategoryGroups: z.array(z.strictObject({ id: z.string(), label: text })).min(1),
    unitCategories: z.array(unitCategory).min(1),
    unitKindCriteria: z.array(unitKindCriteria).default([]),
    description: z.array(descriptionItem).length(DESCRIPTION_ITEMS.length),
    addressMinLength: z.int().min(1),
    scoring: z.strictObject({
      criteria: z.array(criterion).min(1),
      bands: z.array(band).min(1),
      /** Minimum total to be proposed for recognition at each tier. */
      minimumForRecognition: z.partialRecord(tier, z.int().min(0)),
    }),
    calendar: z.strictObject({
      /** Registrations are due before this day (exclusive). */
      registrationDeadline: monthDay,
      registrationDeadlineByYear: z.record(z.string().regex(/^\d{4}$/), monthDay).default({}),
      /** Province-level proposals (and nominations to the province) are due before this day. */
      provinceProposalDeadline: monthDay,
      /** Recognition at every tier is done before this day (Ngày Dân vận, 15/10). */
      recognitionDeadline: monthDay,
      nudgeOffsetsDays: z.array(z.int().min(1)).min(1),
      nudgeHour: z.int().min(0).max(23),
      quietHours: z.strictObject({ from: z.int().min(0).max(23), to: z.int().min(0).max(23) }),
      /** A late registration is kept either way: flagged in this cycle, or moved to the next. */
      lateRegistration: z.enum(["accept_flagged", "next_cycle"]),
      /** A recognition proposal after its deadline. */
      lateProposal: latePolicy,
      /** A nomination to the next tier after that tier's deadline. */
      lateNomination: latePolicy,
      /** A recognition decided after the recognition deadline (until the cycle's year ends). */
      lateRecognition: latePolicy,
    }),
    decisions: z.strictObject({
      /** Who may accept, return or reject a registration (tiếp nhận). */
      acceptanceBy: z.array(z.enum(ROLES)).min(1),
      /** Who may propose recognition on the registrant's behalf. */
      proposalBy: z.array(z.enum(ROLES)).min(1),
      recognitionQuorum: quorum,
    }),
    /**
     * How long personal data is kept (Law 91/2025 leaves the periods to the controller): the
     * province's legal officer sets these; the defaults are short.
     */
    retention: z
      .strictObject({
        /** A draft untouched this long is deleted, after a reminder `draftReminderDays` before. */
        draftMonths: z.int().min(1).default(12),
        draftReminderDays: z.int().min(0).default(7),
        /**
         * A submitted registration's contact details (and an individual's own name and address)
         * are kept for the record this many months after its decision (or its submission while
         * undecided), even when the person asks for erasure; 0 keeps nothing past a request.
         */
        recordMonths: z.int().min(0).default(0),
        /** Dialog sessions untouched, processed-update keys and delivered notifications, in days. */
        sessionDays: z.int().min(1).default(30),
        processedUpdateDays: z.int().min(3).default(7),
        notificationDays: z.int().min(1).default(30),
      })
      .prefault({}),
    /** Limits per person that keep one user from flooding the bodies' queues. */
    limits: z
      .strictObject({
        openDrafts: z.int().min(1).default(5),
        registrationsPerCycle: z.int().min(1).default(10),
      })
      .prefault({}),
    /** Settings chosen where the published texts are silent, each with a note. */
    defaults: z.array(defaultSetting).default([]),
  })
  .superRefine((book, ctx) => {
    const tiers = new Set(book.tiers);
    const groups = new Set(book.unitCategoryGroups.map((g) => g.id));
    const categories = new Set(book.unitCategories.map((c) => c.id));
    const issue = (path: (string | number)[], message: string) =>
      ctx.addIssue({ code: "custom", path, message });
    const fieldIds = book.fields.map((f) => f.id);
    if (new Set(fieldIds).size !== fieldIds.length) issue(["fields"], "each field must appear once");
    book.tiers.forEach((t, i) => {
      if (!book.bodyKinds.some((k) => k.tier === t)) issue(["tiers", i], `no bodyKind for tier ${t}`);
      if (t !== "commune" && book.scoring.minimumForRecognition[t] === undefined)
        issue(["scoring", "minimumForRecognition", t], "missing minimum for a tier");
    });
    book.bodyKinds.forEach((k, i) => {
      for (const type of Object.keys(k.byUnitType ?? {}) as (keyof typeof UNIT_TYPE_TIER)[])
        if (UNIT_TYPE_TIER[type] !== k.tier)
          issue(["bodyKinds", i, "byUnitType", type], `a ${UNIT_TYPE_TIER[type]} kind, not ${k.tier}`);
    });
    book.attachedBodyKinds.forEach((k, i) => {
      if (!tiers.has(k.tier)) issue(["attachedBodyKinds", i, "tier"], `tier "${k.tier}" is not in tiers`);
      (k.categories ?? []).forEach((c, j) => {
        const category = book.unitCategories.find((x) => x.id === c);
        if (!category) issue(["attachedBodyKinds", i, "categories", j], `unknown category "${c}"`);
        else if (category.receivingTier !== k.tier)
          issue(["attachedBodyKinds", i, "categories", j], `"${c}" is not received at ${k.tier}`);
      });
    });
    const rank = (t: string) => book.tiers.indexOf(t as never);
    book.unitCategories.forEach((c, i) => {
      if (!groups.has(c.group)) issue(["unitCategories", i, "group"], `unknown group "${c.group}"`);
      if (!tiers.has(c.receivingTier))
        issue(["unitCategories", i, "receivingTier"], `tier "${c.receivingTier}" is not in tiers`);
      if (!tiers.has(c.locationTier))
        issue(["unitCategories", i, "locationTier"], `tier "${c.locationTier}" is not in tiers`);
      else if (rank(c.locationTier) > rank(c.receivingTier))
        issue(["unitCategories", i, "locationTier"], "must be at or below the receiving tier");
      if (c.viaTier !== undefined && (!tiers.has(c.viaTier) || rank(c.viaTier) >= rank(c.receivingTier)))
        issue(["unitCategories", i, "viaTier"], "must be a tier below the receiving tier");
    });
    const ids = book.unitCategories.map((c) => c.id);
    ids.forEach((id, i) => {
      if (ids.indexOf(id) !== i) issue(["unitCategories", i, "id"], `duplicate category "${id}"`);
    });
    const sets = book.unitKindCriteria.map((s) => s.id);
    book.unitKindCriteria.forEach((s, i) => {
      if (sets.indexOf(s.id) !== i) issue(["unitKindCriteria", i, "id"], `duplicate criteria "${s.id}"`);
      s.categories.forEach((c, j) => {
        if (!categories.has(c)) issue(["unitKindCriteria", i, "categories", j], `unknown category "${c}"`);
      });
    });
    const items = book.description.map((d) => d.id);
    if (new Set(items).size !== items.length) issue(["description"], "each item must appear once");
    book.description.forEach((d, i) => {
      if (d.minLength > d.maxLength) issue(["description", i, "minLength"], "greater than maxLength");
    });
    book.scoring.criteria.forEach((c, i) => {
      (c.quickPicks ?? []).forEach((p, j) => {
        if (p > c.max) issue(["scoring", "criteria", i, "quickPicks", j], `above max ${c.max}`);
      });
    });
    if (!book.scoring.bands.some((b) => b.min === 0)) issue(["scoring", "bands"], "one band must start at 0");
    book.defaults.forEach((d, i) => {
      if (settingAt(book, d.path) === undefined) issue(["defaults", i, "path"], `no setting at "${d.path}"`);
    });
  });

/** The value at a dotted path ("calendar.lateRecognition"), or undefined. */
export function settingAt(book: object, path: string): unknown {
  let value: unknown = book;
  for (const key of path.split(".")) {
    if (value === null || typeof value !== "object" || !Object.hasOwn(value, key)) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

export type Rulebook = z.infer<typeof rulebookSchema>;
export type UnitCategory = Rulebook["unitCategories"][number];
export type UnitKindCriteria = Rulebook["unitKindCriteria"][number];
export type AttachedBodyKind = Rulebook["attachedBodyKinds"][number];
export type BodyKind = Rulebook["bodyKinds"][number];
export type Criterion = Rulebook["scoring"]["criteria"][number];
export type DescriptionItem = Rulebook["description"][number];
export type Quorum = Rulebook["decisions"]["recognitionQuorum"];
export type LatePolicy = (typeof LATE_POLICIES)[number];
export type LocalizedText = z.infer<typeof text>;

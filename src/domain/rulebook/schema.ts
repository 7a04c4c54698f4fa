import { z } from "zod";
import { DESCRIPTION_ITEMS, FIELD_IDS, REGISTRANT_KINDS, ROLES, TIERS } from "../types.ts";

/** Text a rulebook carries in both languages; i18next serves it (namespace "rulebook"). */
const text = z.object({ vi: z.string().min(1), en: z.string().min(1) });

/** A day of the year, "MM-DD". */
const monthDay = z
  .string()
  .regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, "expected a day as MM-DD, e.g. 03-30");

const tier = z.enum(TIERS);

const bodyKind = z.object({
  tier,
  /** Name of the receiving body, `{{locality}}` replaced by the locality's name. */
  name: text,
});

const field = z.object({ id: z.enum(FIELD_IDS), name: text, help: text });

const unitCategory = z.object({
  id: z.string().regex(/^[a-z][a-z0-9_]*$/),
  group: z.string(),
  label: text,
  registrantKinds: z.array(z.enum(REGISTRANT_KINDS)).min(1),
  /** The tier whose body receives the registration. */
  receivingTier: tier,
  /** The tier of the locality the registrant picks (at least as deep as the receiving tier). */
  locationTier: tier,
  /** A tier whose body the registration passes through first ("qua ban dân vận cấp huyện"). */
  viaTier: tier.optional(),
});

const descriptionItem = z.object({
  id: z.enum(DESCRIPTION_ITEMS),
  label: text,
  hint: text,
  example: text,
  minLength: z.int().min(1),
  maxLength: z.int().min(1),
});

const criterion = z.object({
  id: z.string().regex(/^[a-z][a-z0-9_]*$/),
  label: text,
  max: z.int().min(1),
  /** Buttons offered besides typing a number; derived from `max` when absent. */
  quickPicks: z.array(z.int().min(0)).optional(),
});

const band = z.object({ id: z.string(), label: text, min: z.int().min(0) });

const quorum = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("single") }),
  z.object({
    kind: z.literal("majority"),
    /** When every member voted and neither side has a majority. */
    onTie: z.enum(["not_recognized", "keep_open"]),
  }),
]);

export const rulebookSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9-]+$/),
    title: text,
    /** Says that a province should adjust these choices (two-tier rulebook). */
    note: text.optional(),
    period: z.object({ from: z.int(), to: z.int() }),
    timeZone: z.string(),
    /** Lowest first: nomination goes up this list. */
    tiers: z.array(tier).min(1),
    bodyKinds: z.array(bodyKind).min(1),
    fields: z.array(field).length(4),
    unitCategoryGroups: z.array(z.object({ id: z.string(), label: text })).min(1),
    unitCategories: z.array(unitCategory).min(1),
    description: z.array(descriptionItem).length(DESCRIPTION_ITEMS.length),
    addressMinLength: z.int().min(1),
    scoring: z.object({
      criteria: z.array(criterion).min(1),
      bands: z.array(band).min(1),
      /** Minimum total to be proposed for recognition at each tier. */
      minimumForRecognition: z.partialRecord(tier, z.int().min(0)),
    }),
    calendar: z.object({
      /** Registrations are due before this day (exclusive). */
      registrationDeadline: monthDay,
      registrationDeadlineByYear: z.record(z.string().regex(/^\d{4}$/), monthDay).default({}),
      /** Province-level proposals are due before this day. */
      provinceProposalDeadline: monthDay,
      /** Recognition at every tier is done before this day (Ngày Dân vận, 15/10). */
      recognitionDeadline: monthDay,
      nudgeOffsetsDays: z.array(z.int().min(1)).min(1),
      nudgeHour: z.int().min(0).max(23),
      quietHours: z.object({ from: z.int().min(0).max(23), to: z.int().min(0).max(23) }),
      /** A late registration is kept either way: flagged in this cycle, or moved to the next. */
      lateRegistration: z.enum(["accept_flagged", "next_cycle"]),
      /** A late recognition proposal is kept and flagged. */
      lateProposal: z.literal("accept_flagged"),
    }),
    decisions: z.object({
      /** Who may accept, return or reject a registration (tiếp nhận). */
      acceptanceBy: z.array(z.enum(ROLES)).min(1),
      /** Who may propose recognition on the registrant's behalf. */
      proposalBy: z.array(z.enum(ROLES)).min(1),
      recognitionQuorum: quorum,
    }),
  })
  .superRefine((book, ctx) => {
    const tiers = new Set(book.tiers);
    const groups = new Set(book.unitCategoryGroups.map((g) => g.id));
    const issue = (path: (string | number)[], message: string) =>
      ctx.addIssue({ code: "custom", path, message });
    const fieldIds = book.fields.map((f) => f.id);
    if (new Set(fieldIds).size !== fieldIds.length) issue(["fields"], "each field must appear once");
    book.tiers.forEach((t, i) => {
      if (!book.bodyKinds.some((k) => k.tier === t)) issue(["tiers", i], `no bodyKind for tier ${t}`);
      if (t !== "commune" && book.scoring.minimumForRecognition[t] === undefined)
        issue(["scoring", "minimumForRecognition", t], "missing minimum for a tier");
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
  });

export type Rulebook = z.infer<typeof rulebookSchema>;
export type UnitCategory = Rulebook["unitCategories"][number];
export type Criterion = Rulebook["scoring"]["criteria"][number];
export type DescriptionItem = Rulebook["description"][number];
export type Quorum = Rulebook["decisions"]["recognitionQuorum"];
export type LocalizedText = z.infer<typeof text>;

import type { OrgTree } from "./org.ts";
import { type PublicTexts, publicationFacts, publicTexts } from "./public-texts.ts";
import { SCRUBBER_VERSION, type Scrubbed, scrubber } from "./scrub/scrub.ts";
import { fold } from "./text.ts";
import type {
  Attachment,
  Description,
  FieldId,
  PersonId,
  Submission,
  SubmissionCode,
  Tier,
} from "./types.ts";

/**
 * The public gallery (thư viện mô hình): recognised models whose registrant agreed to publish
 * them ("nhân rộng"). An entry is what the public sees, built once from the recognised
 * submission without anything personal: no contact, no address beyond the commune, an
 * individual's own name replaced by their category, and every text it holds through the
 * scrubber (./scrub/scrub.ts) — so its title, card, search words and counts cannot show more.
 */

/** A recognised model's status, for the gallery: recognised at its tier, or recognised and sent up. */
export const PUBLISHABLE = new Set(["recognized", "nominated"]);

export function isPublishable(s: Submission): boolean {
  return PUBLISHABLE.has(s.status) && s.code !== null && s.field !== null && s.tier !== null;
}

/** A photo the registrant marked public, served through the channel it came from. */
export interface PublicPhoto {
  channel: string;
  ref: string;
  mime?: string;
}

export interface GalleryEntry {
  /** The first submission of the model's chain (its lowest recognition): one entry per model. */
  rootId: string;
  /** The recognised submission the entry shows (the highest tier reached). */
  submissionId: string;
  /** The root's code: the entry's stable URL. */
  code: SubmissionCode;
  slug: string;
  /** Whose consent it stands on (never shown). */
  personId: PersonId;
  name: string;
  /** The collective's name; null for an individual (their own name is personal). */
  unitName: string | null;
  unitCategory: string | null;
  field: FieldId;
  tier: Tier;
  year: number;
  provinceCode: string | null;
  provinceName: string | null;
  communeCode: string | null;
  communeName: string | null;
  /** The recognising body. */
  bodyName: string;
  /** The description items but the name, scrubbed. */
  description: Description;
  /** The results the recognition was proposed with, scrubbed; null when there were none. */
  results: PublicResults | null;
  photos: PublicPhoto[];
  recognizedAt: Date;
  publishedAt: Date;
  /** The scrubber's version its texts went through (SCRUBBER_VERSION when built here). */
  scrubber: number;
}

/** A recognised model's results as the public sees them (kết quả đạt được). */
export interface PublicResults {
  outcomes: Description;
  figures: string | null;
}

/** The stable, code-based address of a model's page: `DVK-2026-000123` → `dvk-2026-000123`. */
export function gallerySlug(code: string): string {
  return code.toLowerCase();
}

/** The code a slug stands for, or null when it is not one. */
export function codeOfSlug(slug: string): SubmissionCode | null {
  return /^dvk-\d{4}-\d{6}$/.test(slug) ? (slug.toUpperCase() as SubmissionCode) : null;
}

/** Folded words with a space before each, so `instr(text, ' ' || word)` finds a word's start. */
export function searchText(parts: readonly (string | null | undefined)[]): string {
  const words = parts
    .filter((p): p is string => !!p)
    .flatMap((p) => fold(p).split(/[^\p{L}\p{N}]+/u))
    .filter(Boolean);
  return ` ${words.join(" ")} `;
}

/** The words of a search, folded, at most eight, each at least one letter or digit. */
export function queryWords(query: string): string[] {
  return [
    ...new Set(
      fold(query)
        .split(/[^\p{L}\p{N}]+/u)
        .filter(Boolean),
    ),
  ].slice(0, 8);
}

/** A search with words counts its matches up to this ("1,000 or more"): counting all would cost more than finding them. */
export const SEARCH_COUNT_CAP = 1000;

export interface GalleryQuery {
  words?: string;
  field?: FieldId;
  provinceCode?: string;
  communeCode?: string;
  tier?: Tier;
  year?: number;
  offset?: number;
  limit?: number;
}

export interface GalleryPage {
  items: GalleryEntry[];
  total: number;
}

/** Counts of the published models, for the statistics page. */
export interface GalleryStatistics {
  total: number;
  byField: { key: string; count: number }[];
  byTier: { key: string; count: number }[];
  byProvince: { key: string; name: string; count: number }[];
  byYear: { key: number; count: number }[];
}

/** The province and commune of a locality, by the tree (the commune may be missing above it). */
export function placeOf(
  localityCode: string | null,
  tree: OrgTree,
): Pick<GalleryEntry, "provinceCode" | "provinceName" | "communeCode" | "communeName"> {
  const lineage = localityCode ? tree.lineage(localityCode) : [];
  const province = lineage.find((u) => u.tier === "province");
  const commune = lineage.find((u) => u.tier === "commune");
  return {
    provinceCode: province?.code ?? null,
    provinceName: province?.locality ?? null,
    communeCode: commune?.code ?? null,
    communeName: commune?.locality ?? null,
  };
}

/** The photos of a chain's submissions, in order, as the registrant can choose among them. */
export function photosOf(chain: readonly Submission[]): Attachment[] {
  const all = chain.flatMap((s) => [...s.attachments, ...(s.results?.attachments ?? [])]);
  const seen = new Set<string>();
  return all.filter((a) => {
    const key = `${a.channel}:${a.ref}`;
    if (a.kind !== "photo" || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export interface GalleryInput {
  chain: readonly Submission[];
  photos: readonly Attachment[];
  tree: OrgTree;
  recognizedAt: Date;
  publishedAt: Date;
  /** The registrant's own name (their display name): personal wherever they typed it. */
  registrant?: string | null;
  /** Withheld fragments an officer released (shown as written). */
  released?: readonly string[];
}

/**
 * A recognised model as the gallery shows it, and its texts as scrubbed: `chain` runs from the
 * root (the lowest recognition) to the submission recognised highest; `photos` are those marked
 * public.
 */
export function publicView(input: GalleryInput): { entry: GalleryEntry; texts: PublicTexts } {
  const root = input.chain[0]!;
  const top = input.chain.at(-1)!;
  const facts = publicationFacts(input.chain, input.tree, input.registrant ?? null);
  const texts = publicTexts(top, scrubber(facts, input.released ?? []));
  const shown = (record: Record<string, Scrubbed>) =>
    Object.fromEntries(Object.entries(record).map(([k, v]) => [k, v.text])) as Description;
  const results =
    Object.keys(texts.outcomes).length || texts.figures
      ? { outcomes: shown(texts.outcomes), figures: texts.figures?.text ?? null }
      : null;
  const entry: GalleryEntry = {
    rootId: root.id,
    submissionId: top.id,
    code: root.code!,
    slug: gallerySlug(root.code!),
    personId: top.registrantId,
    name: texts.name.text,
    unitName: texts.unit?.text ?? null,
    unitCategory: top.unitCategory,
    field: top.field!,
    tier: top.tier!,
    year: top.cycleYear,
    ...placeOf(top.localityCode, input.tree),
    bodyName: (top.bodyCode && input.tree.get(top.bodyCode)?.name) || "",
    description: shown(texts.description),
    results,
    photos: input.photos.map((p) => ({
      channel: p.channel,
      ref: p.ref,
      ...(p.mime ? { mime: p.mime } : {}),
    })),
    recognizedAt: input.recognizedAt,
    publishedAt: input.publishedAt,
    scrubber: SCRUBBER_VERSION,
  };
  return { entry, texts };
}

export function galleryEntry(input: GalleryInput): GalleryEntry {
  return publicView(input).entry;
}

/** The folded texts an entry is searched by: its name apart (ranked higher), its unit, everything. */
export function entrySearchColumns(e: GalleryEntry): {
  foldedName: string;
  foldedUnit: string;
  foldedText: string;
} {
  return {
    foldedName: searchText([e.name]),
    foldedUnit: searchText([e.unitName, e.communeName, e.provinceName]),
    foldedText: searchText([
      e.name,
      e.unitName,
      e.communeName,
      e.provinceName,
      ...Object.values(e.description),
      ...Object.values(e.results?.outcomes ?? {}),
      e.results?.figures,
    ]),
  };
}

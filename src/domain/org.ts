import { splitLocality } from "./admin-units.ts";
import { fold, foldedWords } from "./text.ts";
import type { BodyCode, Tier } from "./types.ts";

/** A node of the organisation tree: a locality and the receiving body that serves it. */
export interface OrgUnit {
  code: BodyCode;
  /** The locality's name, e.g. "Xã Ninh Nhất", "Huyện Hoa Lư", "Ninh Bình". */
  locality: string;
  /** The receiving body's name (Khối Dân vận Đảng ủy xã Ninh Nhất…). */
  name: string;
  tier: Tier;
  /** The kind of body, e.g. "khoi_dan_van_xa"; informative. */
  kind: string;
  parentCode: BodyCode | null;
}

/** One entry of the search index: a unit's folded names, computed once. */
interface SearchEntry {
  unit: OrgUnit;
  /** The folded locality ("phuong phu ly") and its bare name ("phu ly"). */
  full: string;
  bare: string;
  /** Words of the bare name, and of the kind ("phuong"), which only a whole typed word matches. */
  words: string[];
  typeWords: string[];
  /** Words of the places above it, to tell namesakes apart ("phu ly ninh binh"). */
  aboveWords: string[];
}

const collator = new Intl.Collator("vi");

/** Ranks of a match, best first. */
const EXACT = 0;
const WORD_PREFIX = 1;
const SUBSTRING = 2;
const WITH_PLACE_ABOVE = 3;
const RANKS = 4;

function startsAny(words: string[], w: string): boolean {
  for (const x of words) if (x.startsWith(w)) return true;
  return false;
}

/**
 * How well a query matches a unit — exact name, word prefixes, substring, or word prefixes with
 * the places above — and how many typed words are whole words of its name (more is better), as
 * one number (lower is better), or -1.
 */
function matchScore(entry: SearchEntry, query: string, wanted: string[]): number {
  const n = wanted.length + 1;
  if (entry.full === query || entry.bare === query) return EXACT * n;
  let own = 0;
  let whole = 0;
  let inName = 0;
  for (const w of wanted) {
    const prefix = startsAny(entry.words, w);
    // "phu" starts "Phủ Lý", not "Phường": the kind's words count only when typed whole.
    if (prefix || entry.typeWords.includes(w)) own++;
    if (prefix) inName++;
    if (entry.words.includes(w)) whole++;
  }
  const tie = wanted.length - whole;
  if (own === wanted.length) return WORD_PREFIX * n + tie;
  if (entry.full.includes(query)) return SUBSTRING * n + tie;
  if (inName === 0) return -1;
  for (const w of wanted) {
    if (!(startsAny(entry.words, w) || entry.typeWords.includes(w) || startsAny(entry.aboveWords, w)))
      return -1;
  }
  return WITH_PLACE_ABOVE * n + tie;
}

/** The organisation tree, indexed for the lookups routing, browsing and searching need. */
export class OrgTree {
  private readonly byCode = new Map<BodyCode, OrgUnit>();
  private readonly childrenOf = new Map<BodyCode | null, OrgUnit[]>();
  private index: SearchEntry[] | null = null;

  constructor(readonly units: readonly OrgUnit[]) {
    for (const unit of units) this.byCode.set(unit.code, unit);
    for (const unit of units) {
      const parent = unit.parentCode !== null && this.byCode.has(unit.parentCode) ? unit.parentCode : null;
      const list = this.childrenOf.get(parent) ?? [];
      list.push(unit);
      this.childrenOf.set(parent, list);
    }
    for (const list of this.childrenOf.values())
      list.sort((a, b) => a.locality.localeCompare(b.locality, "vi"));
  }

  get(code: BodyCode): OrgUnit | undefined {
    return this.byCode.get(code);
  }

  roots(): OrgUnit[] {
    return this.childrenOf.get(null) ?? [];
  }

  children(code: BodyCode): OrgUnit[] {
    return this.childrenOf.get(code) ?? [];
  }

  /** The unit itself, then its parent, up to the root. */
  lineage(code: BodyCode): OrgUnit[] {
    const out: OrgUnit[] = [];
    const seen = new Set<BodyCode>();
    let unit = this.byCode.get(code);
    while (unit && !seen.has(unit.code)) {
      out.push(unit);
      seen.add(unit.code);
      unit = unit.parentCode === null ? undefined : this.byCode.get(unit.parentCode);
    }
    return out;
  }

  /** The unit or its nearest ancestor at `tier`. */
  atTier(code: BodyCode, tier: Tier): OrgUnit | undefined {
    return this.lineage(code).find((u) => u.tier === tier);
  }

  /** Everything under `code`, itself included (for reports and officers' scope). */
  subtree(code: BodyCode): OrgUnit[] {
    const root = this.byCode.get(code);
    if (!root) return [];
    const out: OrgUnit[] = [];
    const stack = [root];
    while (stack.length) {
      const unit = stack.pop()!;
      out.push(unit);
      stack.push(...this.children(unit.code));
    }
    return out;
  }

  /**
   * A body attached to its locality (a ward's Mặt trận standing board): its parent is at its own
   * tier. It receives registrations but is not a place to choose.
   */
  isAttached(unit: OrgUnit): boolean {
    const parent = unit.parentCode === null ? undefined : this.byCode.get(unit.parentCode);
    return parent !== undefined && parent.tier === unit.tier;
  }

  /** The bodies attached to a locality. */
  attachedTo(code: BodyCode): OrgUnit[] {
    return this.children(code).filter((u) => this.isAttached(u));
  }

  /** "Phường Phủ Lý, Tỉnh Ninh Bình": a place with the place above it, to tell namesakes apart. */
  placeLabel(unitOrCode: OrgUnit | BodyCode): string {
    const unit = typeof unitOrCode === "string" ? this.byCode.get(unitOrCode) : unitOrCode;
    if (!unit) return typeof unitOrCode === "string" ? unitOrCode : "";
    const places = this.lineage(unit.code).filter((u) => !this.isAttached(u));
    const [own, above] = places;
    if (!own) return unit.locality;
    return above ? `${own.locality}, ${above.locality}` : own.locality;
  }

  /** Builds the search index now (it is otherwise built by the first search, ~0.1 s for a country). */
  prepareSearch(): void {
    this.searchIndex();
  }

  /** The places (attached bodies excluded) in name order — bare name, then full name, then the place above. */
  private searchIndex(): SearchEntry[] {
    if (this.index) return this.index;
    const entries = this.units
      .filter((u) => !this.isAttached(u))
      .map((unit) => {
        const bare = splitLocality(unit.locality, unit.tier).name;
        const words = foldedWords(bare);
        const all = foldedWords(unit.locality);
        return {
          unit,
          full: fold(unit.locality),
          bare: fold(bare),
          words,
          typeWords: all.slice(0, all.length - words.length),
          aboveWords: this.lineage(unit.code)
            .slice(1)
            .flatMap((u) => foldedWords(u.locality)),
          sortKey: [bare, unit.locality, this.placeLabel(unit)] as const,
        };
      });
    entries.sort(
      (x, y) =>
        collator.compare(x.sortKey[0], y.sortKey[0]) ||
        collator.compare(x.sortKey[1], y.sortKey[1]) ||
        collator.compare(x.sortKey[2], y.sortKey[2]),
    );
    this.index = entries.map(({ sortKey: _, ...entry }) => entry);
    return this.index;
  }

  /**
   * Places whose name matches what was typed, diacritics-insensitive ("phu ly" finds "Phường Phủ
   * Lý"): the exact name first, then names whose words start with the typed words, then names
   * containing the text, then matches helped by the place above ("phu ly ninh binh"); ties in
   * name order. Optionally only at one tier; at most `limit` results.
   */
  search(query: string, tier?: Tier, limit = 20): OrgUnit[] {
    const folded = fold(query);
    const wanted = foldedWords(query);
    if (wanted.length === 0 || limit <= 0) return [];
    // The index is in name order, so each score's bucket fills in name order: no sorting.
    const buckets: OrgUnit[][] = Array.from({ length: RANKS * (wanted.length + 1) }, () => []);
    for (const entry of this.searchIndex()) {
      if (tier !== undefined && entry.unit.tier !== tier) continue;
      const score = matchScore(entry, folded, wanted);
      if (score >= 0 && buckets[score]!.length < limit) buckets[score]!.push(entry.unit);
    }
    const out: OrgUnit[] = [];
    for (const bucket of buckets) {
      for (const unit of bucket) {
        if (out.length === limit) return out;
        out.push(unit);
      }
    }
    return out;
  }
}

import { addressFinder } from "./addresses.ts";
import type { Found, ScrubKind } from "./found.ts";
import { findAddressedNames, findLikelyNames, fragmentKey, knownNameFinder } from "./names.ts";
import { findEmails, findNumbers } from "./numbers.ts";
import { type Span, viewOf } from "./view.ts";
import { countryPlaces, placeForms } from "./words.ts";

/**
 * The one scrubber every public text goes through (issue 22): a model's name, its description,
 * its results, a collective's name — whatever a published page, its title, its Open Graph card,
 * the search or the statistics may show. Sure finds are removed: phone numbers and e-mail
 * addresses (anyone's), the known people's names in any writing, anyone's name after an
 * honorific, the registration's address in full or shortened. Unsure ones — a capitalised phrase
 * that starts like a family name, a long number that is not a phone — are withheld: hidden in
 * public until an officer of a recognising body confirms them (released fragments are shown).
 */

/**
 * What stands in public for a hidden part. The same in both languages: a page is built once and
 * served in Vietnamese and English, and an editor's bracketed ellipsis says "something was left
 * out" to readers of either; unlike ERASED's dash, which Vietnamese texts use as punctuation
 * ("xã A — huyện B"), nobody reads it as the registrant's own words, and it is no searchable word.
 */
export const HIDDEN = "[…]";

/**
 * The scrubber's version, kept with every published entry: when its rules change, this goes up
 * and the entries scrubbed by an older one are published again at start (0: before the scrubber,
 * when a model's name went out as written).
 */
export const SCRUBBER_VERSION = 1;

/** What the scrubber knows is personal in a model's texts, and what it knows is not. */
export interface PersonalFacts {
  /** People's names: the contact, an individual registrant (their unit's name), the registrant. */
  names: readonly string[];
  phones: readonly string[];
  /** The registration's concrete addresses. */
  addresses: readonly string[];
  /** The names the public knows the model's unit by: a hamlet in them is no secret ("Chi bộ thôn Đông"). */
  publicNames?: readonly string[];
  /** Places of the model (its commune, its province) besides the country's: not someone's name. */
  places?: readonly string[];
}

/** A hidden part of a text: where it is in the text as written, what it is, and its words. */
export interface Fragment extends Span {
  kind: ScrubKind;
  text: string;
}

export interface Scrubbed {
  /** The public text: every removed or withheld part replaced by HIDDEN. */
  text: string;
  /** The text as written (invisible characters taken out), which the fragments index. */
  source: string;
  removed: Fragment[];
  withheld: Fragment[];
  /** Withheld fragments an officer released: shown as written. */
  released: Fragment[];
}

export type Scrubber = (text: string) => Scrubbed;

/**
 * A scrubber for the texts of one model: `facts` compiled once; `released` are the withheld
 * fragments an officer confirmed (shown as written, wherever they occur in the model's texts).
 */
export function scrubber(facts: PersonalFacts, released: Iterable<string> = []): Scrubber {
  const known = knownNameFinder(facts.names);
  const address = addressFinder(facts.addresses, facts.publicNames ?? []);
  const ownPlaces = new Set((facts.places ?? []).flatMap(placeForms));
  const isPlace = (f: string) => ownPlaces.has(f) || countryPlaces().has(f);
  const shown = new Set([...released].map(fragmentKey));
  return (text) => {
    const view = viewOf(text);
    const found = [
      ...findEmails(view),
      ...findNumbers(view, facts.phones),
      ...address(view),
      ...known(view),
      ...findAddressedNames(view, isPlace),
      ...findLikelyNames(view, isPlace),
    ];
    return settle(view.source, found, shown);
  };
}

/** Overlapping (or touching) spans as one, of the kind of the one that starts first (the longest there). */
function union(found: readonly Found[]): Found[] {
  const sorted = [...found].sort((a, b) => a.start - b.start || b.end - a.end);
  const out: Found[] = [];
  for (const f of sorted) {
    const last = out.at(-1);
    if (last && f.start <= last.end) last.end = Math.max(last.end, f.end);
    else out.push({ ...f });
  }
  return out;
}

function settle(source: string, found: readonly Found[], released: ReadonlySet<string>): Scrubbed {
  const fragment = (f: Found): Fragment => ({
    start: f.start,
    end: f.end,
    kind: f.kind,
    text: source.slice(f.start, f.end),
  });
  const removed = union(found.filter((f) => f.sure)).map(fragment);
  const unsure = union(found.filter((f) => !f.sure))
    .filter((w) => !removed.some((r) => r.start < w.end && w.start < r.end))
    .map(fragment);
  const isReleased = (w: Fragment) => released.has(fragmentKey(w.text));
  const withheld = unsure.filter((w) => !isReleased(w));
  const hidden = [...removed, ...withheld].sort((a, b) => a.start - b.start);
  let text = "";
  let at = 0;
  for (const h of hidden) {
    text += source.slice(at, h.start) + HIDDEN;
    at = h.end;
  }
  return { text: text + source.slice(at), source, removed, withheld, released: unsure.filter(isReleased) };
}

/** A text's parts in order: shown as written, or hidden (removed or withheld) with what they are. */
export type Part = { text: string } | { text: string; hidden: "removed" | "withheld"; kind: ScrubKind };

export function partsOf(s: Scrubbed): Part[] {
  const hidden = [
    ...s.removed.map((f) => ({ ...f, hidden: "removed" as const })),
    ...s.withheld.map((f) => ({ ...f, hidden: "withheld" as const })),
  ].sort((a, b) => a.start - b.start);
  const parts: Part[] = [];
  let at = 0;
  for (const h of hidden) {
    if (h.start > at) parts.push({ text: s.source.slice(at, h.start) });
    parts.push({ text: h.text, hidden: h.hidden, kind: h.kind });
    at = h.end;
  }
  if (at < s.source.length) parts.push({ text: s.source.slice(at) });
  return parts;
}

/** The public text around a fragment (the other hidden parts hidden), at most `width` characters each side. */
export function contextOf(s: Scrubbed, f: Span, width = 80): { before: string; after: string } {
  const others = [...s.removed, ...s.withheld]
    .filter((h) => h.start !== f.start)
    .sort((a, b) => a.start - b.start);
  const render = (from: number, to: number) => {
    let out = "";
    let at = from;
    for (const h of others.filter((o) => o.start >= from && o.end <= to)) {
      out += s.source.slice(at, h.start) + HIDDEN;
      at = h.end;
    }
    return out + s.source.slice(at, to);
  };
  return {
    before: render(0, f.start).slice(-width).trimStart(),
    after: render(f.end, s.source.length).slice(0, width).trimEnd(),
  };
}

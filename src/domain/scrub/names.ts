import { fold, foldedWords } from "../text.ts";
import type { Found } from "./found.ts";
import { adjacent, between, END, literal, START, sourceSpan, type TextView, type Word } from "./view.ts";
import {
  ASCII_SURNAMES,
  FOLDED_HONORIFICS,
  HONORIFICS,
  NOT_A_PERSON,
  PLACE_WORDS,
  PUBLIC_NAMES,
  SURNAMES,
} from "./words.ts";

/**
 * People's names: the ones the scrubber knows (the contact, an individual registrant) in any
 * writing and in part; anyone's name after an honorific ("chị Lan", "đ/c Tuấn"); and, unsure, a
 * capitalised phrase that starts like a family name ("Nguyễn Văn Hùng").
 */

/** Between the words of a name: spaces, or nothing where an invisible character stood in for one. */
const SEP = "[\\s._-]*";
const HONORIFIC = `(?:${FOLDED_HONORIFICS.map(literal).join("|")})[\\s.:]+`;

/** A word written as a name's word: a capital and at most six more letters ("Nguyễn"), or all capitals. */
const NAME_WORD = /^(?:\p{Lu}\p{Ll}{0,6}|\p{Lu}{1,7})$/u;
const nameWord = (w: Word) => NAME_WORD.test(w.text);

/**
 * Whether a display name reads as a person's ("Hồng Nhung 🌸"), not a unit's or an account's
 * ("Chi bộ thôn Đông", "Admin"): its words, emoji and signs aside.
 */
export function looksLikePersonName(name: string): boolean {
  const words = name
    .toLowerCase()
    .split(/[^\p{L}\p{M}]+/u)
    .filter(Boolean);
  return words.length >= 1 && words.length <= 5 && words.every((w) => !NOT_A_PERSON.has(w));
}

/** The ways a known name is written in part: whole, its last words, family and given name. */
function partsOf(words: readonly string[]): string[][] {
  const n = words.length;
  const parts = [words.slice()];
  for (let k = 1; k <= n - 2; k++) parts.push(words.slice(k));
  if (n >= 3) parts.push([words[0]!, words[n - 1]!]);
  return parts;
}

function wordAt(view: TextView, start: number): number {
  return view.words.findIndex((w) => w.start === start);
}

/** After a place word ("đường", "xã", "trường THCS"): the words before `i` name a place. */
function afterPlaceWord(view: TextView, i: number): boolean {
  let p = i - 1;
  // "Trường THCS Nguyễn Du": abbreviations between the place word and the name.
  while (
    p >= 0 &&
    /^\p{Lu}{2,6}$/u.test(view.words[p]!.text) &&
    adjacent(view, view.words[p]!, view.words[p + 1]!)
  )
    p--;
  const before = view.words[p];
  return !!before && adjacent(view, before, view.words[p + 1]!) && PLACE_WORDS.has(before.lower);
}

/** A known name's patterns (folded): its parts; its given name after an honorific; the given name alone. */
interface KnownName {
  parts: RegExp | null;
  given: string;
  addressed: RegExp;
  alone: RegExp | null;
}

function knownName(name: string): KnownName | null {
  const words = foldedWords(name).filter((w) => /^\p{L}+$/u.test(w));
  if (words.length === 0) return null;
  const given = words.at(-1)!;
  // A one-word name ("An", "Mai") is also a common word: only found as a name is written.
  const alternatives = words.length > 1 ? partsOf(words).map((p) => p.map(literal).join(SEP)) : [];
  return {
    parts: alternatives.length ? new RegExp(`${START}(?:${alternatives.join("|")})${END}`, "gu") : null,
    given,
    addressed: new RegExp(`${START}${HONORIFIC}(?:${literal(given)})${END}`, "gu"),
    // A one-letter given name ("Nguyễn Văn A") only after an honorific.
    alone: given.length > 1 ? new RegExp(`${START}${literal(given)}${END}`, "gu") : null,
  };
}

/** Finds the known people's names, in any writing and in part (compiled once for a model's texts). */
export function knownNameFinder(names: readonly string[]): (view: TextView) => Found[] {
  const known = names.map(knownName).filter((k): k is KnownName => k !== null);
  return (view) => {
    const found: Found[] = [];
    const take = (start: number, end: number) =>
      found.push({ ...sourceSpan(view, start, end), kind: "name", sure: true });
    for (const k of known) {
      for (const m of k.parts ? view.folded.matchAll(k.parts) : []) take(m.index, m.index + m[0].length);
      for (const m of view.folded.matchAll(k.addressed)) {
        const end = m.index + m[0].length;
        const start = end - k.given.length;
        if (k.given.length > 1 || view.words[wordAt(view, view.from[start]!)]?.capital) take(start, end);
      }
      for (const m of k.alone ? view.folded.matchAll(k.alone) : []) {
        const i = wordAt(view, view.from[m.index]!);
        if (i >= 0 && standsAlone(view, i)) take(m.index, m.index + m[0].length);
      }
    }
    return found;
  };
}

/**
 * A capitalised word in the middle of a sentence, neither part of a longer capitalised name ("Tổ
 * Quốc", "Ninh An") nor after a place word ("thôn Đông"): how a given name is written alone.
 */
function standsAlone(view: TextView, i: number): boolean {
  const w = view.words[i]!;
  const prev = view.words[i - 1];
  const next = view.words[i + 1];
  if (!w.capital || !prev) return false;
  const sentenceStart = /[.!?:\n]\s*$/u.test(between(view, prev, w));
  const joinedBefore = prev.capital && adjacent(view, prev, w);
  const joinedAfter = !!next && next.capital && adjacent(view, w, next);
  return !sentenceStart && !joinedBefore && !joinedAfter && !afterPlaceWord(view, i);
}

/** Where an honorific ends at word `i` (its last word's index), or -1. */
function honorificEnd(view: TextView, i: number): number {
  const w = view.words[i]!;
  const next = view.words[i + 1];
  if (next && HONORIFICS.has(`${w.lower} ${next.lower}`) && adjacent(view, w, next)) return i + 1;
  // "đ/c", "Đ/C", "đ/ c"
  if (next && w.lower === "đ" && next.lower === "c" && /^\s*\/\s*$/u.test(between(view, w, next)))
    return i + 1;
  return HONORIFICS.has(w.lower) ? i : -1;
}

/** The capitalised name words from `i` on (at most four, next to each other). */
function nameRun(view: TextView, i: number, max = 4): number {
  let n = 0;
  while (
    n < max &&
    i + n < view.words.length &&
    nameWord(view.words[i + n]!) &&
    (n === 0 || adjacent(view, view.words[i + n - 1]!, view.words[i + n]!))
  )
    n++;
  return n;
}

const folded = (words: readonly Word[]) => words.map((w) => w.folded).join(" ");

/**
 * Anyone's name after an honorific, as written ("chị Lan", "ông Nguyễn Văn Tám", "đ/c Hùng"):
 * another person's name, removed. Not "Bác Hồ", not a place named so ("Bà Rịa", "Cô Tô").
 */
export function findAddressedNames(view: TextView, isPlace: (name: string) => boolean): Found[] {
  const found: Found[] = [];
  for (let i = 0; i < view.words.length; i++) {
    const end = honorificEnd(view, i);
    if (end < 0) continue;
    const first = view.words[end + 1];
    if (!first || !/^[^\S\n]{1,3}$|^\s*[.:]\s*$/u.test(between(view, view.words[end]!, first))) continue;
    const n = nameRun(view, end + 1);
    if (n === 0) continue;
    const name = view.words.slice(end + 1, end + 1 + n);
    const withTitle = view.words
      .slice(i, end + 1 + n)
      .map((w) => w.lower)
      .join(" ");
    if (PUBLIC_NAMES.has(folded(name)) || isPlace(withTitle)) continue;
    found.push({ start: name[0]!.start, end: name.at(-1)!.end, kind: "name", sure: true });
    i = end + n;
  }
  return found;
}

const isSurname = (w: Word) =>
  SURNAMES.has(w.lower) || (/^[A-Za-z]+$/.test(w.text) && ASCII_SURNAMES.has(w.folded));

/**
 * A capitalised phrase of two to four words starting with a family name, not after a place word,
 * not a place or a public name: perhaps someone's name — withheld until an officer confirms it.
 */
export function findLikelyNames(view: TextView, isPlace: (name: string) => boolean): Found[] {
  const found: Found[] = [];
  for (let i = 0; i < view.words.length; i++) {
    if (!isSurname(view.words[i]!) || !nameWord(view.words[i]!)) continue;
    const n = nameRun(view, i);
    if (n < 2) continue;
    // The whole phrase a place or a public name ("Hà Nội", "Hồ Chí Minh"), or inside a place's
    // name: a capitalised run a place word starts or follows ("Đường Trần Phú", "xã Quảng Ninh Hà").
    const phrase = folded(view.words.slice(i, i + n));
    let start = i;
    while (
      start > 0 &&
      nameWord(view.words[start - 1]!) &&
      adjacent(view, view.words[start - 1]!, view.words[start]!)
    )
      start--;
    // (A family name that is also a place word — Hồ, a lake — starts no place by itself.)
    const placeName = (start < i && PLACE_WORDS.has(view.words[start]!.lower)) || afterPlaceWord(view, start);
    if (isPlace(phrase) || PUBLIC_NAMES.has(phrase) || placeName) {
      i += n - 1;
      continue;
    }
    found.push({ start: view.words[i]!.start, end: view.words[i + n - 1]!.end, kind: "name", sure: false });
    i += n - 1;
  }
  return found;
}

/** The folded key a fragment is known by (released fragments are matched by it). */
export const fragmentKey = (text: string) => fold(text);

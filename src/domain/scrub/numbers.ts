import { normalizePhone } from "../text.ts";
import type { Found } from "./found.ts";
import { END, START, sourceSpan, type TextView } from "./view.ts";

/**
 * Phone numbers (anyone's, however written), e-mail addresses, and long numbers that may identify
 * someone (an ID card, a bank account): found in the folded text.
 */

/**
 * Digits written apart by what people put in phone numbers — spaces, dots, dashes, brackets, a
 * plus — at most three such characters between two digits ("0 9 1 2…", "(+84) 912.345.678").
 */
const DIGIT_RUN = /[+(]{0,2}\d(?:[\s.\-()+]{0,3}\d)*\)?/g;

/** A phone number's digits: national (0…), with the country code (84…, 0084…), or both ("+84 (0) 912…"). */
function isPhone(digits: string): boolean {
  const national = digits.replace(/^00(?=84)/, "").replace(/^840/, "84");
  return normalizePhone(national) !== null;
}

/** The prefixes a known number may be written with before its last nine digits. */
const PREFIXES = ["0", "84", "840", "0084", "00840"];

interface Digit {
  /** Index in the folded text. */
  at: number;
  /** First digit of a group (nothing but digits since the group began). */
  first: boolean;
  last: boolean;
}

function digitsOf(view: TextView, start: number, end: number): Digit[] {
  const list: Digit[] = [];
  for (let i = start; i < end; i++)
    if (/\d/.test(view.folded[i]!))
      list.push({
        at: i,
        first: !/\d/.test(view.folded[i - 1] ?? ""),
        last: !/\d/.test(view.folded[i + 1] ?? ""),
      });
  return list;
}

/**
 * Numbers a text may hold without naming anyone: grouped by thousands ("120.000.000 đồng"), or
 * made of dates and years ("01-3-2026 - 30-3-2026", "2021 - 2025").
 */
function harmless(view: TextView, digits: readonly Digit[]): boolean {
  const groups: string[] = [];
  const separators: string[] = [];
  for (const [i, d] of digits.entries()) {
    if (d.first) groups.push(view.folded[d.at]!);
    else groups[groups.length - 1] += view.folded[d.at]!;
    if (d.last && i + 1 < digits.length) separators.push(view.folded.slice(d.at + 1, digits[i + 1]!.at));
  }
  const thousands =
    groups.length > 1 &&
    /^[1-9]\d{0,2}$/.test(groups[0]!) &&
    groups.slice(1).every((g) => g.length === 3) &&
    separators.every((s) => s === separators[0] && /^[. ]$/.test(s));
  const dates = groups.every((g) => g.length <= 2 || /^(19|20)\d\d$/.test(g));
  return thousands || dates;
}

/** A number this long that is not a phone may still be someone's (an ID card has 12 digits). */
const LONG_NUMBER = 9;

/** Phones (and the known numbers, in any writing) are removed; other long numbers are withheld. */
export function findNumbers(view: TextView, knownPhones: readonly string[]): Found[] {
  const known = knownPhones.map((p) => p.replace(/\D/g, "").slice(-9)).filter((d) => d.length === 9);
  const found: Found[] = [];
  for (const run of view.folded.matchAll(DIGIT_RUN)) {
    const digits = digitsOf(view, run.index, run.index + run[0].length);
    const text = digits.map((d) => view.folded[d.at]).join("");
    const phones: [number, number][] = [];
    for (let i = 0; i < digits.length; i++) {
      if (known.some((n) => text.startsWith(n, i))) {
        const prefix = PREFIXES.filter((p) => i >= p.length && text.slice(i - p.length, i) === p);
        const from = i - Math.max(0, ...prefix.map((p) => p.length));
        phones.push([from, i + 8]);
        i += 8;
        continue;
      }
      if (!digits[i]!.first) continue;
      for (let length = 14; length >= 10; length--) {
        const j = i + length - 1;
        if (j < digits.length && digits[j]!.last && isPhone(text.slice(i, j + 1))) {
          phones.push([i, j]);
          i = j;
          break;
        }
      }
    }
    // A known number found inside a phone already taken (or the reverse) is one phone.
    const merged = phones
      .sort((a, b) => a[0] - b[0])
      .reduce<[number, number][]>((list, p) => {
        const prev = list.at(-1);
        if (prev && p[0] <= prev[1]) prev[1] = Math.max(prev[1], p[1]);
        else list.push([p[0], p[1]]);
        return list;
      }, []);
    let rest = 0;
    for (const [i, j] of [...merged, [digits.length, digits.length] as [number, number]]) {
      if (i - rest >= LONG_NUMBER && !harmless(view, digits.slice(rest, i)))
        found.push({
          ...sourceSpan(view, digits[rest]!.at, digits[i - 1]!.at + 1),
          kind: "number",
          sure: false,
        });
      if (i < digits.length) {
        // The phone's own brackets and plus sign go with it: "(+84) 912 345 678" leaves no "(+)".
        let start = digits[i]!.at;
        while (start > run.index && /[+(]/.test(view.folded[start - 1]!)) start--;
        let end = digits[j]!.at + 1;
        if (/\(/.test(view.folded.slice(start, digits[i]!.at)) && view.folded[end] === ")") end++;
        found.push({ ...sourceSpan(view, start, end), kind: "phone", sure: true });
      }
      rest = j + 1;
    }
  }
  return found;
}

/** An e-mail address, also written "an (at) gmail (chấm) com" to dodge robots. */
const EMAIL = new RegExp(
  `${START}[\\p{L}\\p{N}._%+-]+(?:@|\\s*[([]\\s*(?:at|a cong)\\s*[)\\]]\\s*)[\\p{L}\\p{N}-]+(?:(?:\\.|\\s*[([]\\s*(?:dot|cham)\\s*[)\\]]\\s*)[\\p{L}\\p{N}-]+)+${END}`,
  "gu",
);

export function findEmails(view: TextView): Found[] {
  return [...view.folded.matchAll(EMAIL)].map((m) => ({
    ...sourceSpan(view, m.index, m.index + m[0].length),
    kind: "email" as const,
    sure: true,
  }));
}

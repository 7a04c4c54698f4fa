import { cleanText, fold } from "../text.ts";

/**
 * A text as the scrubber reads it. `source` is the text as the bot keeps it (cleanText: no
 * invisible or zero-width characters, composed), and every span the scrubber finds is an index
 * range of it. `folded` is the same text folded (lower case, no diacritics, đ → d, every space a
 * plain space) so that a name or a number is found in any writing; `from`/`to` say where each
 * folded character came from, so a match in the folded text maps back to the characters to hide.
 */
export interface TextView {
  source: string;
  folded: string;
  from: number[];
  to: number[];
  /** The words of the source (letters, marks and digits), in order. */
  words: Word[];
}

export interface Word {
  start: number;
  end: number;
  text: string;
  /** Lower case with the diacritics kept: "Số" is "số", never "so" (a house number, not a word). */
  lower: string;
  folded: string;
  /** Written with a capital first letter (or in capitals). */
  capital: boolean;
}

export interface Span {
  start: number;
  end: number;
}

// The same few hundred letters recur in every text: folded once each.
const folds = new Map<string, string>();
function foldChar(ch: string): string {
  let f = folds.get(ch);
  if (f === undefined) {
    f = /\s/u.test(ch) ? " " : fold(ch);
    folds.set(ch, f);
  }
  return f;
}

export function viewOf(text: string): TextView {
  const source = cleanText(text);
  let folded = "";
  const from: number[] = [];
  const to: number[] = [];
  let i = 0;
  for (const ch of source) {
    for (const f of foldChar(ch)) {
      folded += f;
      from.push(i);
      to.push(i + ch.length);
    }
    i += ch.length;
  }
  const words = [...source.matchAll(/[\p{L}\p{M}\p{N}]+/gu)].map((m) => {
    const text = m[0];
    return {
      start: m.index,
      end: m.index + text.length,
      text,
      lower: text.toLowerCase(),
      folded: fold(text),
      capital: /^\p{Lu}/u.test(text),
    };
  });
  return { source, folded, from, to, words };
}

/** The source span of folded characters [start, end). */
export function sourceSpan(view: TextView, start: number, end: number): Span {
  return { start: view.from[start]!, end: view.to[end - 1]! };
}

/** What lies between two words of the source (their separator). */
export function between(view: TextView, left: Word, right: Word): string {
  return view.source.slice(left.end, right.start);
}

/** Two words next to each other in a phrase: only spaces between them (no comma, no full stop). */
export function adjacent(view: TextView, left: Word, right: Word): boolean {
  return /^[^\S\n]{1,3}$/u.test(between(view, left, right));
}

/** Regular-expression text for a literal. */
export function literal(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
}

/** Not inside a word: what must stand before and after a whole word or number in the folded text. */
export const START = "(?<![\\p{L}\\p{N}])";
export const END = "(?![\\p{L}\\p{N}])";

import { fold } from "../text.ts";
import type { Found } from "./found.ts";
import { END, literal, START, sourceSpan, type TextView } from "./view.ts";

/**
 * A registration's concrete address, in the texts: whole or shortened — a house number and its
 * street ("số 12 Trần Phú", "12 Trần Phú"), a hamlet or a group of the address ("thôn Đông",
 * "tổ 3"). The commune and the province stay: the public page shows them.
 */

/** The place words below a commune, folded: what a hamlet, a group, a lane is called. */
const LOCAL_PLACES = [
  "to dan pho",
  "khu dan cu",
  "khu pho",
  "thon",
  "ap",
  "xom",
  "ban",
  "buon",
  "khom",
  "khu",
  "to",
  "ngo",
  "hem",
  "kiet",
  "ngach",
  "lo",
  "lang",
  "doi",
  "phum",
  "soc",
  "kp",
  "tdp",
  "kdc",
];
const STREET_WORDS = new Set(["duong", "pho"]);
const HOUSE_NUMBER = /^\d+[a-z]?(?:\/\d+[a-z]?)*$/;

const wordsOf = (text: string) => text.split(/[^\p{L}\p{N}/]+/u).filter(Boolean);
const phrase = (words: readonly string[], sep: string) => words.map(literal).join(sep);

/** The patterns (folded) an address is found by in a text. */
function addressPatterns(address: string, publicNames: readonly string[]): string[] {
  const segments = fold(address)
    .split(/[,;]/)
    .map(wordsOf)
    .filter((s) => s.length);
  const all = segments.flat();
  const patterns = all.length >= 2 ? [phrase(all, "[\\s,.;:-]*")] : [];
  const shown = publicNames.map((n) => ` ${wordsOf(fold(n)).join(" ")} `);
  segments.forEach((words, k) => {
    const h = words.findIndex((w) => HOUSE_NUMBER.test(w) && /\d/.test(w));
    const local = LOCAL_PLACES.find((p) => words.slice(0, p.split(" ").length).join(" ") === p);
    if (local && (h < 0 || h === local.split(" ").length)) {
      // A hamlet or group — unless the unit is publicly named after it ("Chi bộ thôn Đông").
      const own = ` ${words.join(" ")} `;
      if (!shown.some((n) => n.includes(own))) patterns.push(phrase(words, "[\\s.,-]*"));
      return;
    }
    if (h < 0) return;
    let street = words.slice(h + 1);
    if (street.length === 0) street = segments[k + 1] ?? [];
    if (STREET_WORDS.has(street[0] ?? "")) street = street.slice(1);
    const end = street.findIndex((w) => LOCAL_PLACES.includes(w) || /\d/.test(w));
    if (end >= 0) street = street.slice(0, end);
    if (street.length === 0) return;
    const number = literal(words[h]!).replace(/\\\//g, "\\s*\\/\\s*");
    patterns.push(`(?:so\\s*)?${number}[\\s,.]*(?:(?:duong|pho)\\s*)?${phrase(street, "\\s+")}`);
  });
  return patterns;
}

/** Finds an address's forms in a text (compiled once for the texts of a model). */
export function addressFinder(
  addresses: readonly string[],
  publicNames: readonly string[],
): (view: TextView) => Found[] {
  const patterns = addresses.flatMap((a) => addressPatterns(a, publicNames));
  if (patterns.length === 0) return () => [];
  const re = new RegExp(`${START}(?:${patterns.join("|")})${END}`, "gu");
  return (view) =>
    [...view.folded.matchAll(re)].map((m) => ({
      ...sourceSpan(view, m.index, m.index + m[0].length),
      kind: "address" as const,
      sure: true,
    }));
}

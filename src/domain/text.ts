// Text rules shared by search, duplicate detection and validation.

/** Lower case without diacritics, so "ninh nhat" matches "Ninh Nhất" and "Đông" matches "dong". */
export function fold(text: string): string {
  return text
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .replace(/đ/g, "d")
    .replace(/Đ/g, "d")
    .toLowerCase()
    .replace(/\s+/g, " ")
    .trim();
}

/** True when every word of `query` starts a word of `text`, both folded. */
export function matchesQuery(text: string, query: string): boolean {
  const words = fold(text).split(/[\s,.\-–()]+/);
  const wanted = fold(query).split(" ").filter(Boolean);
  if (wanted.length === 0) return false;
  return wanted.every((w) => words.some((x) => x.startsWith(w))) || fold(text).includes(fold(query));
}

/**
 * A Vietnamese phone number in its national form (0xxxxxxxxx), or null.
 * Mobiles: 10 digits, 03/05/07/08/09; landlines: 11 digits starting 02. "+84"/"84" prefixes and
 * spaces, dots, dashes and parentheses are accepted.
 */
export function normalizePhone(input: string): string | null {
  const compact = input.replace(/[\s.\-()]/g, "");
  if (!/^\+?\d+$/.test(compact)) return null;
  let digits = compact.replace(/^\+/, "");
  if (digits.startsWith("84") && (digits.length === 11 || digits.length === 12))
    digits = `0${digits.slice(2)}`;
  if (/^0[35789]\d{8}$/.test(digits)) return digits;
  if (/^02\d{9}$/.test(digits)) return digits;
  return null;
}

/** Letters or digits in the text (not only emoji, punctuation or spaces). */
export function hasWords(text: string): boolean {
  return /[\p{L}\p{N}]/u.test(text);
}

/** Visible length in characters (grapheme-ish: code points, not UTF-16 units). */
export function textLength(text: string): number {
  return [...text.trim()].length;
}

/** Words that make an address concrete: a house number or a named hamlet, street, group… */
const PLACE_WORDS = [
  "so",
  "thon",
  "ap",
  "xom",
  "ban",
  "buon",
  "khom",
  "khu",
  "to",
  "duong",
  "pho",
  "ngo",
  "hem",
  "kiet",
  "ngach",
  "tdp",
  "kp",
  "khu pho",
  "lang",
  "doi",
  "phum",
  "soc",
  "plei",
];

/** "Concrete" per seed 001 §2 (có tên, địa chỉ cụ thể): long enough and naming a place or number. */
export function isConcreteAddress(address: string, minLength: number): boolean {
  if (textLength(address) < minLength) return false;
  const words = fold(address).split(/[\s,.;/]+/);
  return /\d/.test(address) || words.some((w) => PLACE_WORDS.includes(w));
}

// Text rules shared by search, duplicate detection and validation.

/**
 * Characters that change how text is shown without being seen: bidirectional overrides, embeddings,
 * isolates and marks (a name ending "\u202Efdp.exe" reads as "exe.pdf"), and zero-width characters
 * (two names that look alike but differ) — the soft hyphen, the combining grapheme joiner and the
 * invisible operators among them, which split a name for a search or the scrubber and show nothing.
 */
const INVISIBLE =
  /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C\u200B\u200C\u2060\uFEFF\u180E\u00AD\u2061-\u2064]|\u034F/g;
/** A zero-width joiner outside an emoji sequence (a family, a woman technologist, a heart on fire keep theirs). */
const LONE_JOINER =
  /(?<!\p{Extended_Pictographic}|\p{Emoji_Modifier}|\uFE0F)\u200D|\u200D(?!\p{Extended_Pictographic})/gu;

/**
 * What a person typed, as the bot keeps and shows it: without invisible direction and zero-width
 * characters, so that nobody can make a name, an address or a file name read otherwise to the
 * officers who see it, and composed (NFC) so that the same words typed on any keyboard are equal.
 */
export function cleanText(text: string): string {
  return text.replace(INVISIBLE, "").replace(LONE_JOINER, "").normalize("NFC");
}

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
  return queryMatcher(query)(text);
}

/** matchesQuery with the query folded once, for matching it against many texts. */
export function queryMatcher(query: string): (text: string) => boolean {
  const matches = foldedMatcher(query);
  return (text) => matches(fold(text));
}

/** The same, against texts already folded (fold(text)). */
export function foldedMatcher(query: string): (folded: string) => boolean {
  const folded = fold(query);
  const wanted = folded.split(" ").filter(Boolean);
  if (wanted.length === 0) return () => false;
  return (f) => {
    const words = f.split(/[\s,.\-–()]+/);
    return wanted.every((w) => words.some((x) => x.startsWith(w))) || f.includes(folded);
  };
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

/**
 * Words that make an address concrete: a house number or a named hamlet, street, group… They are
 * matched on the text as written (lower case, diacritics kept): folded, "Ban Dân vận" would read
 * as "bản" (a hamlet) and "Sở Y tế" as "số" (a number).
 */
export const PLACE_WORDS: ReadonlySet<string> = new Set([
  "số",
  "thôn",
  "ấp",
  "xóm",
  "bản",
  "buôn",
  "khóm",
  "khu",
  "tổ",
  "đường",
  "phố",
  "ngõ",
  "hẻm",
  "kiệt",
  "ngách",
  "lô",
  "làng",
  "đội",
  "phum",
  "sóc",
  "plei",
  "tdp",
  "kp",
  "kdc",
  // Typed without diacritics, only the words that cannot be read as anything else.
  "thon",
  "xom",
  "ap",
  "hem",
  "ngach",
]);

/** Place words of more than one word, matched as whole words. */
const PLACE_PHRASES = ["khu phố", "tổ dân phố", "khu dân cư", "khu pho", "to dan pho", "khu dan cu"];

/** Lower case with diacritics kept, composed (NFC) so "số" typed either way compares equal. */
export function lowerKeepingMarks(text: string): string {
  return text.normalize("NFC").toLowerCase().replace(/\s+/g, " ").trim();
}

/** A phone number inside a text (with or without separators), which is not a house number. */
const PHONE_IN_TEXT = /(?:\+?84|0)(?:[\s.\-()]*\d){8,10}/g;

/**
 * "Concrete" per seed 001 §2 (có tên, địa chỉ cụ thể): long enough and naming a place word or a
 * number — not a phone number. "Ban Dân vận huyện Hoa Lư", "Sở Y tế tỉnh" and "0912345678" are
 * not addresses.
 */
export function isConcreteAddress(address: string, minLength: number): boolean {
  if (textLength(address) < minLength) return false;
  const lower = lowerKeepingMarks(address);
  const withoutPhones = lower.replace(PHONE_IN_TEXT, " ");
  if (/\d/.test(withoutPhones)) return true;
  const words = withoutPhones.split(/[\s,.;:/()\-–]+/u).filter(Boolean);
  if (words.some((w) => PLACE_WORDS.has(w))) return true;
  const spaced = ` ${words.join(" ")} `;
  return PLACE_PHRASES.some((p) => spaced.includes(` ${p} `));
}

/** Folded and without punctuation or spaces: "Tổ tự quản, đường-hoa" → "totuquanduonghoa". */
export function compactKey(text: string): string {
  return fold(text).replace(/[^\p{L}\p{N}]+/gu, "");
}

/** The folded words of a text, split at spaces and punctuation. */
export function foldedWords(text: string): string[] {
  return fold(text)
    .split(/[\s,.;:/\-–()]+/u)
    .filter(Boolean);
}

/** A single plain e-mail address (nothing a mail header could be smuggled into), at most 254 characters. */
export function isEmailAddress(value: string): boolean {
  return (
    value.length <= 254 && /^[^\s@<>()[\]",;:\\]+@[^\s@<>()[\]",;:\\]+\.[^\s@<>()[\]",;:\\]+$/.test(value)
  );
}

/**
 * Template parameters cut to Zalo's limits: each value to its parameter's limit (30 characters
 * unless the template says otherwise), and the whole rendered message to 400. Values are put in
 * NFC first (a decomposed "ế" would count three), measured in UTF-16 units as Zalo's servers
 * count them, and cut between two characters — never inside an emoji or before a combining mark
 * — with "…" where something was cut.
 */

export const DEFAULT_PARAM_LIMIT = 30;
export const MAX_TEMPLATE_LENGTH = 400;

const graphemes = new Intl.Segmenter("vi", { granularity: "grapheme" });

/** `value` in at most `max` characters, cut at a character boundary with "…". */
export function cutToLength(value: string, max: number): string {
  const text = value.normalize("NFC").replace(/\s+/g, " ").trim();
  if (text.length <= max) return text;
  const room = max >= 2 ? max - 1 : max;
  let out = "";
  for (const { segment } of graphemes.segment(text)) {
    if (out.length + segment.length > room) break;
    out += segment;
  }
  out = out.trimEnd();
  return max >= 2 ? `${out}…` : out;
}

/** `<name>` placeholders of a template's text, with how often each occurs. */
export function placeholders(content: string): Map<string, number> {
  const found = new Map<string, number>();
  for (const [, name] of content.matchAll(/<([A-Za-z0-9_]+)>/g))
    found.set(name!, (found.get(name!) ?? 0) + 1);
  return found;
}

/** The template's own text, without its placeholders. */
export function fixedLength(content: string): number {
  return content.normalize("NFC").replace(/<[A-Za-z0-9_]+>/g, "").length;
}

export interface FitOptions {
  /** Each parameter's limit; DEFAULT_PARAM_LIMIT for the others. */
  limits?: Record<string, number>;
  /** The approved template's text with `<name>` placeholders, so its own words count too. */
  content?: string;
  /** The whole message's limit; default MAX_TEMPLATE_LENGTH. */
  total?: number;
}

/** How long the message is with these values. */
export function renderedLength(values: Record<string, string>, content?: string): number {
  if (!content) return Object.values(values).reduce((sum, v) => sum + v.length, 0);
  const uses = placeholders(content);
  return (
    fixedLength(content) +
    Object.entries(values).reduce((sum, [k, v]) => sum + v.length * (uses.get(k) ?? 0), 0)
  );
}

/** The values as strings within their limits and, all together, within the template's. */
export function fitParams(
  data: Record<string, string | number>,
  options: FitOptions = {},
): Record<string, string> {
  const limits = options.limits ?? {};
  const total = options.total ?? MAX_TEMPLATE_LENGTH;
  const values: Record<string, string> = {};
  for (const [name, value] of Object.entries(data))
    values[name] = cutToLength(String(value), limits[name] ?? DEFAULT_PARAM_LIMIT);
  // Over the whole limit: shorten the longest value, again and again, until it fits.
  for (let excess = renderedLength(values, options.content) - total; excess > 0; ) {
    const [name, longest] = Object.entries(values).sort((a, b) => b[1].length - a[1].length)[0] ?? [];
    if (name === undefined || longest === undefined || longest.length <= 1) break;
    values[name] = cutToLength(longest, Math.max(1, longest.length - excess));
    const next = renderedLength(values, options.content) - total;
    if (next >= excess) break; // Nothing left to cut.
    excess = next;
  }
  return values;
}

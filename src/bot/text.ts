import { label, type Speaker, say } from "../application/i18n.ts";
import type { Choice, View } from "../dialogs/view.ts";

/** Rendering views as plain text, for channels without buttons (the console, Zalo). */

/** Choices as a numbered list, with group headings where the group changes. */
export function numberedChoices(s: Speaker, choices: Choice[]): string[] {
  const lines: string[] = [];
  let group: string | undefined;
  choices.forEach((c, i) => {
    const heading = c.group ? label(s, c.group) : undefined;
    if (heading && heading !== group) lines.push(`— ${heading}`);
    group = heading;
    lines.push(`${i + 1}. ${label(s, c.label)}`);
  });
  return lines;
}

/** A whole view as text: its paragraphs, then its choices and what to type. */
export function viewAsText(s: Speaker, view: View): string {
  const parts = view.text.map((t) => say(s, t));
  const choices = view.choices ?? [];
  if (view.expects.kind === "number" && choices.length) {
    parts.push(
      say(s, {
        key: "console.number_hint",
        params: { values: choices.map((c) => label(s, c.label)).join(", ") },
      }),
    );
  } else if (choices.length) {
    parts.push(numberedChoices(s, choices).join("\n"));
    if (view.expects.kind === "choice") parts.push(say(s, { key: "console.choose_hint" }));
  }
  return parts.join("\n");
}

const graphemes = new Intl.Segmenter("vi", { granularity: "grapheme" });

/** The last grapheme boundary at or before `at` (never inside an emoji, a surrogate pair or a mark). */
function boundaryBefore(text: string, at: number): number {
  let cut = 0;
  for (const { index } of graphemes.segment(text.slice(0, at + 1))) {
    if (index > at) break;
    cut = index;
  }
  return cut > 0 ? cut : at;
}

/**
 * Splits a long text into pieces of at most `limit` characters (UTF-16 units, as the platforms
 * count them), at paragraph boundaries where possible, then at line ends, then at spaces, and
 * otherwise between two characters — never inside one.
 */
export function splitText(text: string, limit: number): string[] {
  const pieces: string[] = [];
  let rest = text.trim();
  while (rest.length > limit) {
    const window = rest.slice(0, limit + 1);
    let cut = window.lastIndexOf("\n\n");
    if (cut < limit / 3) cut = window.lastIndexOf("\n");
    if (cut < limit / 3) cut = window.lastIndexOf(" ");
    if (cut < limit / 3) cut = boundaryBefore(rest, limit);
    pieces.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).trimStart();
  }
  if (rest) pieces.push(rest);
  return pieces;
}

import { label, type Speaker, say } from "../../application/i18n.ts";
import type { Label, Text, View } from "../../dialogs/view.ts";
import type { Language } from "../../domain/types.ts";
import { numberedChoices } from "../text.ts";

/**
 * A notification's views as an e-mail in the recipient's language: a subject (the first
 * sentence, shortened), a plain-text part (each view's lines, as the chat shows them) and a
 * simple HTML part (the same text escaped, a view a paragraph, rows of figures as a table, an
 * optional link, a footer). Every sentence is a translated Text of the views or of `email.*`.
 */

/** A link the message points to ("open in the workspace"); only http(s) addresses are shown. */
export interface EmailLink {
  url: string;
  /** What the link says; `email.open_workspace` when left out. */
  label?: Label;
}

export interface EmailAttachment {
  filename: string;
  content: Buffer;
}

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
  language: Language;
  attachments: EmailAttachment[];
}

export interface RenderOptions {
  link?: EmailLink;
}

/** Subjects longer than this are cut (at a character boundary, with "…"). */
export const MAX_SUBJECT = 100;

/** The paragraph of a notification that points at chat buttons: an e-mail has none. */
const BUTTONS_HINT = "notify.buttons_hint";

/**
 * Parameters that make a column of figures: consecutive lines of one key whose parameters are
 * all among these, with at least one number, are rows of a table (an officer's nudge digest, a
 * line per body). The header of each column is `email.columns.<name>`.
 */
export const TABLE_COLUMNS = ["body", "submitted", "proposed", "returned", "oldest", "since"] as const;
const COLUMN_SET = new Set<string>(TABLE_COLUMNS);

type Block = { kind: "lines"; texts: Text[] } | { kind: "table"; rows: Text[] };

/** A view's paragraphs, with runs of figure rows taken apart as tables. */
function blocksOf(texts: Text[]): Block[] {
  const blocks: Block[] = [];
  let i = 0;
  while (i < texts.length) {
    let end = i + 1;
    if (isRow(texts[i]!)) while (end < texts.length && sameRow(texts[i]!, texts[end]!)) end++;
    if (end - i >= 2) blocks.push({ kind: "table", rows: texts.slice(i, end) });
    else {
      const last = blocks.at(-1);
      if (last?.kind === "lines") last.texts.push(texts[i]!);
      else blocks.push({ kind: "lines", texts: [texts[i]!] });
    }
    i = end;
  }
  return blocks;
}

function isRow(text: Text): boolean {
  const params = Object.entries(text.params ?? {});
  return (
    params.length >= 2 &&
    params.every(([name]) => COLUMN_SET.has(name)) &&
    params.some(([, value]) => typeof value === "number")
  );
}

function sameRow(first: Text, other: Text): boolean {
  const names = (t: Text) => Object.keys(t.params ?? {}).join(",");
  return other.key === first.key && names(other) === names(first);
}

/** The views as the e-mail carries them: no "press a button" line, the actions named instead. */
function prepare(views: View[], speaker: Speaker): { view: View; actions: string | null }[] {
  return views.map((view) => ({
    view: { ...view, text: view.text.filter((t) => t.key !== BUTTONS_HINT) },
    actions: view.actions?.length
      ? say(speaker, {
          key: "email.actions_hint",
          params: { actions: view.actions.map((a) => label(speaker, a.label)).join(" · ") },
        })
      : null,
  }));
}

const graphemes = new Intl.Segmenter(undefined, { granularity: "grapheme" });

/** `text` cut to at most `max` UTF-16 units at a character boundary, "…" marking the cut. */
export function shorten(text: string, max: number): string {
  if (text.length <= max) return text;
  let out = "";
  for (const { segment } of graphemes.segment(text)) {
    if (out.length + segment.length > max - 1) break;
    out += segment;
  }
  return `${out.trimEnd()}…`;
}

/** The first sentence of a paragraph, as a subject: one line, without its closing full stop. */
export function subjectOf(paragraph: string): string {
  const line = paragraph.split("\n").find((l) => l.trim() !== "") ?? "";
  // A sentence ends at . ! ? or … followed by a space; the first few characters are skipped so an
  // abbreviation at the start ("TP. Hà Nội") does not end it.
  const end = /[.!?…](?=\s)/g;
  end.lastIndex = Math.min(12, line.length);
  const match = end.exec(line);
  const sentence = (match ? line.slice(0, match.index + 1) : line).trim().replace(/\.$/, "");
  return shorten(sentence.replace(/\s+/g, " "), MAX_SUBJECT);
}

export function escapeHtml(text: string): string {
  return text
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;")
    .replaceAll("'", "&#39;");
}

const lines = (text: string) => escapeHtml(text).replaceAll("\n", "<br>\n");

const CELL = 'style="border:1px solid #ccc;padding:4px 8px;text-align:left"';
const NUMBER_CELL = 'style="border:1px solid #ccc;padding:4px 8px;text-align:right"';

function tableHtml(speaker: Speaker, rows: Text[]): string {
  const columns = Object.keys(rows[0]!.params ?? {});
  const head = columns.map(
    (c) => `<th ${CELL}>${escapeHtml(say(speaker, { key: `email.columns.${c}` }))}</th>`,
  );
  const body = rows.map((row) => {
    const cells = columns.map((c) => {
      const value = row.params?.[c];
      return `<td ${typeof value === "number" ? NUMBER_CELL : CELL}>${escapeHtml(String(value ?? ""))}</td>`;
    });
    return `<tr>${cells.join("")}</tr>`;
  });
  return [
    '<table style="border-collapse:collapse;margin:0 0 1em">',
    `<thead><tr>${head.join("")}</tr></thead>`,
    `<tbody>\n${body.join("\n")}\n</tbody>`,
    "</table>",
  ].join("\n");
}

function viewHtml(speaker: Speaker, view: View, actions: string | null): string {
  const parts: string[] = [];
  for (const block of blocksOf(view.text)) {
    if (block.kind === "table") parts.push(tableHtml(speaker, block.rows));
    else parts.push(`<p>${block.texts.map((t) => lines(say(speaker, t))).join("<br>\n")}</p>`);
  }
  if (view.choices?.length)
    parts.push(
      `<ul>\n${view.choices.map((c) => `<li>${lines(label(speaker, c.label))}</li>`).join("\n")}\n</ul>`,
    );
  if (actions) parts.push(`<p>${lines(actions)}</p>`);
  return parts.join("\n");
}

function viewText(speaker: Speaker, view: View, actions: string | null): string {
  const parts = view.text.map((t) => say(speaker, t));
  if (view.choices?.length) parts.push(numberedChoices(speaker, view.choices).join("\n"));
  if (actions) parts.push(actions);
  return parts.join("\n");
}

/** Only web addresses become links (never `javascript:` or the like). */
function safeUrl(url: string): string | null {
  try {
    const parsed = new URL(url);
    return parsed.protocol === "https:" || parsed.protocol === "http:" ? parsed.href : null;
  } catch {
    return null;
  }
}

export function renderEmail(views: View[], speaker: Speaker, options: RenderOptions = {}): RenderedEmail {
  const prepared = prepare(views, speaker);
  const first = prepared.find((p) => p.view.text.length)?.view.text[0];
  const subject = first ? subjectOf(say(speaker, first)) : "DVK Bot";
  const url = options.link ? safeUrl(options.link.url) : null;
  const linkLabel = url ? label(speaker, options.link?.label ?? { key: "email.open_workspace" }) : "";
  const footer = say(speaker, { key: "email.footer" });

  const text = [
    ...prepared.map(({ view, actions }) => viewText(speaker, view, actions)),
    ...(url ? [`${linkLabel}: ${url}`] : []),
    `-- \n${footer}`,
  ].join("\n\n");

  const html = [
    "<!doctype html>",
    `<html lang="${speaker.language}">`,
    `<head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${escapeHtml(subject)}</title></head>`,
    '<body style="font-family:Arial,Helvetica,sans-serif;font-size:15px;line-height:1.5;color:#1a1a1a">',
    ...prepared.map(({ view, actions }) => viewHtml(speaker, view, actions)),
    ...(url ? [`<p><a href="${escapeHtml(url)}">${escapeHtml(linkLabel)}</a></p>`] : []),
    `<hr style="border:0;border-top:1px solid #ddd">`,
    `<p style="color:#666;font-size:13px">${lines(footer)}</p>`,
    "</body>",
    "</html>",
  ].join("\n");

  const attachments = views.flatMap((v) =>
    (v.files ?? []).map((f) => ({ filename: f.name, content: Buffer.from(f.data) })),
  );
  return { subject, text, html, language: speaker.language, attachments };
}

import type { MessageEntity } from "grammy/types";

// How Telegram turns `text` + `parse_mode` into what the user sees: plain text plus entities.
// The fake needs this to count lengths the way Telegram does (after markup is removed), to
// reject markup Telegram would refuse ("can't parse entities"), and to store messages as the
// user sees them.

export interface FormattedText {
  text: string;
  entities: MessageEntity[];
}

/** Markup Telegram would refuse; the message is the part after "Bad Request: can't parse entities: ". */
export class FormatError extends Error {}

const PARSE_MODES = ["html", "markdownv2", "markdown", ""];

export function isKnownParseMode(mode: string): boolean {
  return PARSE_MODES.includes(mode.toLowerCase());
}

/**
 * The text as Telegram stores it. Explicit `entities` win over `parse_mode`, as in Telegram.
 * Leading and trailing whitespace is trimmed, as Telegram does for message texts.
 */
export function formatText(
  text: string,
  parseMode: string | undefined,
  entities: MessageEntity[] | undefined,
): FormattedText {
  if (entities) return trimFormatted({ text, entities });
  switch ((parseMode ?? "").toLowerCase()) {
    case "html":
      return trimFormatted(parseHtml(text));
    case "markdownv2":
      return trimFormatted(parseMarkdownV2(text));
    default:
      // Legacy Markdown is deprecated; it is counted as plain text.
      return trimFormatted({ text, entities: [] });
  }
}

/** Removes surrounding whitespace and shifts entities to match. */
function trimFormatted({ text, entities }: FormattedText): FormattedText {
  const start = text.length - text.trimStart().length;
  const trimmed = text.trim();
  const shifted: MessageEntity[] = [];
  for (const e of entities) {
    const from = Math.max(e.offset - start, 0);
    const to = Math.min(e.offset + e.length - start, trimmed.length);
    if (to > from) shifted.push({ ...e, offset: from, length: to - from });
  }
  return { text: trimmed, entities: shifted };
}

function byteOffset(source: string, index: number): number {
  return Buffer.byteLength(source.slice(0, index), "utf8");
}

function sortEntities(entities: MessageEntity[]): MessageEntity[] {
  return entities.sort((a, b) => a.offset - b.offset || b.length - a.length);
}

// ---------------------------------------------------------------- HTML

interface OpenTag {
  tag: string;
  start: number;
  entity: Record<string, unknown> | null;
}

const HTML_ENTITY = /^&(?:#(\d+)|#x([0-9a-fA-F]+)|(lt|gt|amp|quot));/;
const NAMED: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"' };

/** Decodes one `&...;` at the start of `s`; an unrecognised `&` stays literal, as in Telegram. */
function decodeEntity(s: string): { value: string; length: number } {
  const m = HTML_ENTITY.exec(s);
  if (!m) return { value: "&", length: 1 };
  if (m[3]) return { value: NAMED[m[3]]!, length: m[0].length };
  const code = m[1] ? Number(m[1]) : Number.parseInt(m[2]!, 16);
  if (code > 0x10ffff) return { value: "&", length: 1 };
  return { value: String.fromCodePoint(code), length: m[0].length };
}

function decodeAll(s: string): string {
  let out = "";
  for (let i = 0; i < s.length; ) {
    if (s[i] === "&") {
      const d = decodeEntity(s.slice(i));
      out += d.value;
      i += d.length;
    } else out += s[i++];
  }
  return out;
}

function parseAttributes(source: string): Record<string, string> {
  const attrs: Record<string, string> = {};
  const re = /([a-zA-Z_-]+)\s*(?:=\s*("[^"]*"|'[^']*'|[^\s"'>]+))?/g;
  for (const m of source.matchAll(re)) {
    const raw = m[2] ?? "";
    const unquoted = /^["']/.test(raw) ? raw.slice(1, -1) : raw;
    attrs[m[1]!.toLowerCase()] = decodeAll(unquoted);
  }
  return attrs;
}

/** The entity an opening tag starts, null for a tag that adds none; throws for unsupported tags. */
function entityForTag(
  tag: string,
  attrs: Record<string, string>,
  stack: OpenTag[],
  at: number,
): Record<string, unknown> | null {
  switch (tag) {
    case "b":
    case "strong":
      return { type: "bold" };
    case "i":
    case "em":
      return { type: "italic" };
    case "u":
    case "ins":
      return { type: "underline" };
    case "s":
    case "strike":
    case "del":
      return { type: "strikethrough" };
    case "tg-spoiler":
      return { type: "spoiler" };
    case "span":
      if (attrs.class !== "tg-spoiler")
        throw new FormatError(`Tag "span" must have class "tg-spoiler" at byte offset ${at}`);
      return { type: "spoiler" };
    case "a": {
      const href = attrs.href;
      if (href === undefined) return null;
      const mention = /^tg:\/\/user\?id=(\d+)$/.exec(href);
      if (mention)
        return { type: "text_mention", user: { id: Number(mention[1]), is_bot: false, first_name: "" } };
      return { type: "text_link", url: href };
    }
    case "code": {
      const parent = stack.at(-1);
      // <pre><code class="language-x"> sets the language of the pre entity instead.
      if (parent?.tag === "pre" && parent.entity && attrs.class?.startsWith("language-")) {
        parent.entity.language = attrs.class.slice("language-".length);
        return null;
      }
      return { type: "code" };
    }
    case "pre":
      return { type: "pre" };
    case "blockquote":
      return { type: "expandable" in attrs ? "expandable_blockquote" : "blockquote" };
    case "tg-emoji":
      if (!attrs["emoji-id"])
        throw new FormatError(`Custom emoji identifier must be specified at byte offset ${at}`);
      return { type: "custom_emoji", custom_emoji_id: attrs["emoji-id"] };
    case "tg-time":
      return { type: "date_time", unix_time: Number(attrs.unix), date_time_format: attrs.format };
    default:
      throw new FormatError(`Unsupported start tag "${tag}" at byte offset ${at}`);
  }
}

export function parseHtml(source: string): FormattedText {
  let text = "";
  const entities: MessageEntity[] = [];
  const stack: OpenTag[] = [];
  let i = 0;
  while (i < source.length) {
    const ch = source[i]!;
    if (ch === "&") {
      const d = decodeEntity(source.slice(i));
      text += d.value;
      i += d.length;
      continue;
    }
    if (ch !== "<") {
      text += ch;
      i++;
      continue;
    }
    const at = byteOffset(source, i);
    const end = source.indexOf(">", i);
    if (end < 0) throw new FormatError(`Can't find end of the tag at byte offset ${at}`);
    const inner = source.slice(i + 1, end);
    i = end + 1;
    if (inner.startsWith("/")) {
      closeTag(inner.slice(1).trim().toLowerCase(), stack, entities, text.length, at);
      continue;
    }
    const name = /^[a-zA-Z][a-zA-Z0-9-]*/.exec(inner)?.[0]?.toLowerCase() ?? "";
    if (!name) throw new FormatError(`Unsupported start tag "" at byte offset ${at}`);
    const entity = entityForTag(name, parseAttributes(inner.slice(name.length)), stack, at);
    stack.push({ tag: name, start: text.length, entity });
  }
  const open = stack.at(-1);
  if (open) throw new FormatError(`Can't find end tag corresponding to start tag "${open.tag}"`);
  return { text, entities: sortEntities(entities) };
}

function closeTag(name: string, stack: OpenTag[], entities: MessageEntity[], end: number, at: number): void {
  const open = stack.pop();
  if (!open) throw new FormatError(`Unexpected end tag at byte offset ${at}`);
  if (open.tag !== name) {
    throw new FormatError(
      `Unmatched end tag at byte offset ${at}, expected "</${open.tag}>", found "</${name}>"`,
    );
  }
  if (open.entity && end > open.start) {
    entities.push({ ...open.entity, offset: open.start, length: end - open.start } as MessageEntity);
  }
}

// ---------------------------------------------------------------- MarkdownV2

type MdKind = "bold" | "italic" | "underline" | "strikethrough" | "spoiler" | "link" | "emoji";

interface OpenMd {
  kind: MdKind;
  start: number;
  at: number;
}

const MD_NAMES: Record<MdKind, string> = {
  bold: "Bold",
  italic: "Italic",
  underline: "Underline",
  strikethrough: "Strikethrough",
  spoiler: "Spoiler",
  link: "TextUrl",
  emoji: "CustomEmoji",
};

/** Characters that are never markup in MarkdownV2 (outside code) and so must always be escaped. */
const ALWAYS_RESERVED = "#+-={}.!()|>]";

/**
 * A MarkdownV2 parser good enough to find what Telegram refuses: unescaped reserved characters
 * and unclosed entities. Blockquotes are accepted but produce no entity.
 */
export function parseMarkdownV2(source: string): FormattedText {
  const p = new MarkdownV2Parser(source);
  return p.parse();
}

class MarkdownV2Parser {
  private text = "";
  private readonly entities: MessageEntity[] = [];
  private readonly stack: OpenMd[] = [];
  private i = 0;

  constructor(private readonly src: string) {}

  parse(): FormattedText {
    while (this.i < this.src.length) this.step();
    const open = this.stack.at(-1);
    if (open)
      throw new FormatError(`Can't find end of ${MD_NAMES[open.kind]} entity at byte offset ${open.at}`);
    return { text: this.text, entities: sortEntities(this.entities) };
  }

  private at(): number {
    return byteOffset(this.src, this.i);
  }

  private step(): void {
    const action = this.markup();
    if (action) {
      action();
      return;
    }
    const ch = this.src[this.i]!;
    if (ALWAYS_RESERVED.includes(ch)) {
      throw new FormatError(`Character '${ch}' is reserved and must be escaped with the preceding '\\'`);
    }
    this.text += ch;
    this.i++;
  }

  /** What the markup character at the cursor does, if it is one. */
  private markup(): (() => void) | undefined {
    const { src, i } = this;
    const ch = src[i]!;
    const next = src[i + 1];
    const lineStart = i === 0 || src[i - 1] === "\n";
    if (ch === "\\") return () => this.escape();
    if (ch === "`")
      return () => (src.startsWith("```", i) ? this.code("```", "pre") : this.code("`", "code"));
    if (ch === "*" && lineStart && src.startsWith("**>", i)) return () => this.skip(3);
    if (ch === ">" && lineStart) return () => this.skip(1);
    if (ch === "*") return () => this.toggle("bold", 1);
    if (ch === "_") return () => (next === "_" ? this.toggle("underline", 2) : this.toggle("italic", 1));
    if (ch === "~") return () => this.toggle("strikethrough", 1);
    if (ch === "|" && next === "|") return () => this.pipes();
    if (ch === "[") return () => this.open("link", 1);
    if (ch === "!" && next === "[") return () => this.open("emoji", 2);
    if (ch === "]" && ["link", "emoji"].includes(this.stack.at(-1)?.kind ?? ""))
      return () => this.closeLink();
    return undefined;
  }

  private skip(n: number): void {
    this.i += n;
  }

  private escape(): void {
    const escaped = this.src[this.i + 1];
    if (escaped === undefined) throw new FormatError(`Character '\\' is reserved and must be escaped`);
    this.text += escaped;
    this.i += 2;
  }

  /** `||` closes a spoiler, ends an expandable blockquote at a line end, or opens a spoiler. */
  private pipes(): void {
    const after = this.src[this.i + 2];
    if (this.stack.at(-1)?.kind !== "spoiler" && (after === undefined || after === "\n")) this.skip(2);
    else this.toggle("spoiler", 2);
  }

  private open(kind: MdKind, width: number): void {
    this.stack.push({ kind, start: this.text.length, at: this.at() });
    this.i += width;
  }

  private toggle(kind: MdKind, width: number): void {
    const top = this.stack.at(-1);
    if (top?.kind === kind) {
      this.stack.pop();
      this.push({ type: kind }, top.start);
      this.i += width;
      return;
    }
    const deeper = this.stack.find((o) => o.kind === kind);
    if (deeper)
      throw new FormatError(`Can't find end of ${MD_NAMES[top!.kind]} entity at byte offset ${top!.at}`);
    this.open(kind, width);
  }

  private push(entity: Record<string, unknown>, start: number): void {
    const length = this.text.length - start;
    if (length > 0) this.entities.push({ ...entity, offset: start, length } as MessageEntity);
  }

  /** `]` followed by `(url)`: a text link or a custom emoji. */
  private closeLink(): void {
    const open = this.stack.pop()!;
    if (this.src[this.i + 1] !== "(") {
      throw new FormatError(`Character ']' is reserved and must be escaped with the preceding '\\'`);
    }
    let url = "";
    let j = this.i + 2;
    for (; j < this.src.length && this.src[j] !== ")"; j++) {
      if (this.src[j] === "\\") j++;
      url += this.src[j] ?? "";
    }
    if (j >= this.src.length) throw new FormatError(`Can't find end of a URL at byte offset ${this.at()}`);
    this.i = j + 1;
    if (open.kind === "emoji") {
      const id = /[?&]id=(\d+)/.exec(url)?.[1];
      this.push({ type: "custom_emoji", custom_emoji_id: id ?? "" }, open.start);
    } else this.push({ type: "text_link", url }, open.start);
  }

  /** Inline code or a pre block; inside, only `\` escapes and the closing fence matter. */
  private code(fence: string, type: "code" | "pre"): void {
    const at = this.at();
    let j = this.i + fence.length;
    let language: string | undefined;
    if (type === "pre") {
      const newline = this.src.indexOf("\n", j);
      const firstLine = newline < 0 ? "" : this.src.slice(j, newline);
      if (newline >= 0 && !/\s/.test(firstLine) && !firstLine.includes("`")) {
        language = firstLine || undefined;
        j = newline + 1;
      }
    }
    const start = this.text.length;
    for (; j < this.src.length && !this.src.startsWith(fence, j); j++) {
      if (this.src[j] === "\\") j++;
      this.text += this.src[j] ?? "";
    }
    if (j >= this.src.length) {
      throw new FormatError(
        `Can't find end of ${type === "pre" ? "Pre" : "Code"} entity at byte offset ${at}`,
      );
    }
    this.i = j + fence.length;
    this.push(language ? { type, language } : { type }, start);
  }
}

import type { Attachment } from "../domain/types.ts";

/** Chat commands: Vietnamese first, English aliases; on Zalo the same words without the slash. */
export const COMMANDS = {
  start: ["start", "batdau"],
  register: ["dangky", "register"],
  mine: ["hoso", "mine"],
  queue: ["hangdoi", "queue"],
  report: ["baocao", "report"],
  language: ["ngonngu", "language"],
  cancel: ["huy", "cancel"],
  help: ["trogiup", "help"],
  link: ["lienket", "link"],
} as const;
export type CommandName = keyof typeof COMMANDS;

/** The command a word names ("dangky", "/register", "DANGKY"), or null. */
export function commandNamed(word: string): CommandName | null {
  const w = word.replace(/^\//, "").replace(/@\w+$/, "").toLowerCase();
  for (const [name, words] of Object.entries(COMMANDS))
    if ((words as readonly string[]).includes(w)) return name as CommandName;
  return null;
}

/** What a person sent, as the dialogs see it. */
export type Input =
  | { kind: "text"; text: string }
  /** A button press: the position of the choice in the view, and the view's nonce. */
  | { kind: "pick"; index: number; nonce: number }
  | { kind: "command"; name: CommandName; args: string }
  /** A slash command the bot does not know. */
  | { kind: "unknown_command"; text: string }
  | { kind: "file"; file: Attachment }
  /** An action button pressed (see ActionButton): act on `target`, if allowed. */
  | { kind: "action"; action: string; target: string }
  | { kind: "unsupported"; what: "sticker" | "voice" | "video" | "location" | "contact" | "other" }
  /** The result of an effect the dialog asked for. */
  | { kind: "result"; effect: string; value: unknown };

/**
 * Turns a message's text into an input: "/dangky", and on channels without a slash convention
 * a bare command word ("dangky"), become commands.
 */
export function textInput(text: string, bareCommands: boolean): Input {
  const trimmed = text.trim();
  const match = /^\/([A-Za-z_]+)(?:@\w+)?(?:\s+([\s\S]*))?$/.exec(trimmed);
  if (match) {
    const name = commandNamed(match[1]!);
    return name
      ? { kind: "command", name, args: (match[2] ?? "").trim() }
      : { kind: "unknown_command", text: trimmed };
  }
  if (bareCommands) {
    // Only a message that is the command word itself (or "start <code>", "link <code>"), so an
    // answer that merely begins with such a word stays an answer.
    const [word, ...rest] = trimmed.split(/\s+/);
    const name = word ? commandNamed(word) : null;
    const takesArgs = name === "start" || name === "link";
    if (name && (rest.length === 0 || (takesArgs && rest.length === 1)))
      return { kind: "command", name, args: rest.join(" ") };
  }
  return { kind: "text", text };
}

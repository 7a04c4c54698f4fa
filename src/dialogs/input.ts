import { cleanText } from "../domain/text.ts";
import type { Attachment } from "../domain/types.ts";
import type { EffectResult } from "./effects.ts";

/** What a person sent, as the dialogs see it. */
export type Input =
  | { kind: "text"; text: string }
  /** A button press: the position of the choice in the view, and the view's nonce. */
  | { kind: "pick"; index: number; nonce: number }
  /** A command of the registry, by its name ("register"), with what followed it. */
  | { kind: "command"; name: string; args: string }
  /** A slash command the bot does not know. */
  | { kind: "unknown_command"; text: string }
  | { kind: "file"; file: Attachment }
  /** An action button pressed (see ActionButton): act on `target`, if allowed. */
  | { kind: "action"; action: string; target: string }
  | { kind: "unsupported"; what: "sticker" | "voice" | "video" | "location" | "contact" | "other" }
  /** The result of an effect the dialog asked for. */
  | EffectResult;

/**
 * The input as the dialogs may read it: every text a person typed (answers, a command's
 * argument, a file's name) cleaned of invisible direction and zero-width characters.
 */
export function cleanInput(input: Input): Input {
  switch (input.kind) {
    case "text":
    case "unknown_command":
      return { ...input, text: cleanText(input.text) };
    case "command":
      return { ...input, args: cleanText(input.args) };
    case "file":
      return input.file.name === undefined
        ? input
        : { ...input, file: { ...input.file, name: cleanText(input.file.name) } };
    default:
      return input;
  }
}

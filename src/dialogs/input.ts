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

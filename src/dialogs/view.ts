// What a dialog shows, independent of any channel: each channel renders it natively (Telegram
// buttons, numbered text on Zalo and the console).

/** A sentence to translate: an i18next key and its parameters. */
export interface Text {
  key: string;
  params?: Record<string, string | number | boolean | undefined>;
}

/** A label is a sentence to translate, or a value shown as it is (a place or unit name). */
export type Label = Text | { raw: string };

export interface Choice {
  id: string;
  label: Label;
  /** Heading the choice is shown under (unit categories are grouped). */
  group?: Label;
  /** Page navigation and "back"/"skip" style choices, shown apart from the options. */
  nav?: boolean;
}

/** The input a view waits for; the engine validates against it before the dialog sees it. */
export type Expect =
  | { kind: "choice" }
  | { kind: "text"; min: number; max: number }
  | { kind: "number"; min: number; max: number }
  | { kind: "phone" }
  | { kind: "files"; max: number }
  | { kind: "place" }
  | { kind: "none" };

/**
 * A button that acts on something outside the conversation (a decision on a submission in a
 * notification). Unlike a choice it does not belong to a prompt, so it never goes stale; the
 * server checks the presser's right to act each time.
 */
export interface ActionButton {
  action: string;
  target: string;
  label: Label;
}

/** A file sent with a view (a report's workbook, its chart). */
export interface OutgoingFile {
  kind: "document" | "photo";
  name: string;
  data: Uint8Array;
}

export interface View {
  /** Paragraphs, each a translated sentence. */
  text: Text[];
  choices?: Choice[];
  actions?: ActionButton[];
  files?: OutgoingFile[];
  /**
   * The officers' workspace page (its path below /app) where the message's subject opens: a
   * channel adds its "Mở trên web" button or link when the server has a PUBLIC_URL.
   */
  web?: string;
  expects: Expect;
}

/** Everything a step produces for the person, in order. */
export interface Reply {
  views: View[];
  /** The step a pressed button belonged to, and the label of what was chosen (to edit that message). */
  answered?: { label: Label };
  /** A button press on an old message: told politely, nothing done. */
  stale?: boolean;
  /** A short note answering a button press ("not allowed", "vote recorded"). */
  notice?: Text;
}

export const t = (key: string, params?: Text["params"]): Text => (params ? { key, params } : { key });
export const raw = (value: string): Label => ({ raw: value });

export function isRaw(label: Label): label is { raw: string } {
  return "raw" in label;
}

/** A short message with no answer expected. */
export function say(key: string, params?: Text["params"]): View {
  return { text: [t(key, params)], expects: { kind: "none" } };
}

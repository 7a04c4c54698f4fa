import type { Attachment } from "../domain/types.ts";
import type { DialogContext } from "./context.ts";
import type { Effect } from "./effects.ts";
import type { Flow } from "./flows/index.ts";
import type { Label, Text, View } from "./view.ts";

/** An answer after the engine has resolved buttons, numbers and labels and checked the format. */
export type Answer =
  | { kind: "choice"; id: string }
  | { kind: "text"; text: string }
  | { kind: "number"; value: number }
  | { kind: "phone"; phone: string }
  | { kind: "file"; file: Attachment }
  | { kind: "result"; effect: string; value: unknown };

export interface Outcome {
  /** The flow's next state, another conversation it hands over to, or null when it is over. */
  flow: Flow | null;
  /** Messages before the next prompt. */
  views?: View[];
  effects?: Effect[];
  /** The answer was refused: say why and ask again. */
  error?: Text;
  /** The label of the choice taken, to show on the answered message. */
  answered?: Label;
  /** A short note for the button press itself (Telegram shows it as a toast). */
  notice?: Text;
}

/** A conversation: its current prompt, and what an answer does. */
export interface FlowHandlers<F> {
  /** The current question; the last view carries the choices the answer is matched against. */
  prompt(flow: F, ctx: DialogContext): View[];
  answer(flow: F, answer: Answer, ctx: DialogContext): Outcome;
  /** True while the flow waits for an effect's result (no prompt to show). */
  waiting?(flow: F): boolean;
}

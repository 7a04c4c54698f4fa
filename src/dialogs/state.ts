import type { Effect } from "./effects.ts";
import type { FlowState } from "./flow.ts";
import type { Reply } from "./view.ts";

/** A person's conversation with the bot in one chat, as saved between updates. */
export interface DialogState {
  v: 1;
  /** Changes with every prompt, so a press on an older message is recognised as stale. */
  nonce: number;
  /** The page of the current prompt's choices. */
  page: number;
  flow: FlowState | null;
  /** A conversation paused by a command (/hoso in the middle of a registration), resumed after. */
  suspended: FlowState | null;
}

export const INITIAL_STATE: DialogState = { v: 1, nonce: 0, page: 0, flow: null, suspended: null };

/** One step of the engine: the next state, what the person reads, what the application does. */
export interface StepResult {
  state: DialogState;
  reply: Reply;
  effects: Effect[];
}

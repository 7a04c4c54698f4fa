import type { OrgTree } from "../domain/org.ts";
import type { Consents } from "../domain/privacy.ts";
import type { Rulebook } from "../domain/rulebook/schema.ts";
import type { Attachment, Language, Membership, PersonId } from "../domain/types.ts";
import type { Effect, EffectResult } from "./effects.ts";
import type { Input } from "./input.ts";
import type { Label, Text, View } from "./view.ts";

/** A conversation's state, named after the flow module that handles it. */
export interface FlowState {
  readonly name: string;
}

/** An answer after the engine has resolved buttons, numbers and labels and checked the format. */
export type Answer =
  | { kind: "choice"; id: string }
  | { kind: "text"; text: string }
  | { kind: "number"; value: number }
  | { kind: "phone"; phone: string }
  | { kind: "file"; file: Attachment }
  | EffectResult;

export interface Outcome<F extends FlowState = FlowState> {
  /** The flow's next state, another conversation it hands over to, or null when it is over. */
  flow: F | FlowState | null;
  /** Messages before the next prompt. */
  views?: View[];
  effects?: Effect[];
  /** The answer was refused: say why and ask again. */
  error?: Text;
  /** The label of the choice taken, to show on the answered message. */
  answered?: Label;
  /** A short note for the button press itself (Telegram shows it as a toast). */
  notice?: Text;
  /** `flow` is a conversation handed back to (a queue after a review): let it refresh itself. */
  resume?: boolean;
}

/**
 * How a command treats the conversation in progress: `open` pauses a pausable one (a
 * registration) and resumes it afterwards; `replace` ends it (its draft is kept in storage);
 * `aside` answers and shows the current prompt again, changing nothing.
 */
export type CommandMode = "open" | "replace" | "aside";

/** Who may use a command: anyone, a member of some body, or someone serving a body's queue. */
export type Audience = "anyone" | "members" | "servers";

export interface CommandSpec {
  /** The command's name in inputs ("register"). */
  name: string;
  /** The words that call it: the Vietnamese one first (the menu's), then the English one, then aliases. */
  words: readonly [string, string, ...string[]];
  /** Listed in the Telegram menu and in /trogiup, described by `commands.<name>`. */
  menu?: boolean;
  who: Audience;
  mode: CommandMode;
  /** Typed without a slash (Zalo, the console) it may carry one word: "start <code>". */
  takesArgument?: boolean;
}

/** What a command's start sees of the conversation it interrupts. */
export interface StartRequest {
  args: string;
  /** The flow in progress, if any. */
  current: string | null;
  /** A pausable conversation (a registration) is in progress or paused. */
  paused: boolean;
  /** The commands of the menu, for the help. */
  menu: readonly CommandSpec[];
}

/**
 * What a flow's step leads to: its own next state, or another conversation it hands over to
 * (typed apart, so an object literal of the flow's own state is still checked field by field).
 */
export type Next<F extends FlowState> = Outcome<F> | Outcome;

export type Started<F extends FlowState = FlowState> = (Next<F> & { mode?: CommandMode }) | { refuse: Text };

/**
 * A flow: a conversation (its prompt and how it takes an answer), and the command that starts it.
 * Adding a flow is one module and one line in the registry (flows/index.ts).
 */
export interface FlowModule<F extends FlowState = FlowState> {
  name: F["name"];
  command?: CommandSpec;
  start?(request: StartRequest, ctx: DialogContext): Started<F>;
  /** The current question; the last view carries the choices the answer is matched against. */
  prompt?(flow: F, ctx: DialogContext): View[];
  answer?(flow: F, answer: Answer, ctx: DialogContext): Next<F>;
  /** True while the flow waits for an effect's result (no prompt to show). */
  waiting?(flow: F): boolean;
  /** Handed back to after another conversation it opened (see Outcome.resume). */
  resume?(flow: F, ctx: DialogContext): Next<F>;
  /** Opens for an action button of a notification (a decision on a submission). */
  action?(action: string, target: string): Outcome;
  /** The actions it opens for, when not every other one (a flow that handles only its own buttons). */
  actions?: readonly string[];
  /** Paused, not ended, by commands that open another conversation. */
  pausable?: boolean;
  /** Reads the person's roles in bodies (deciding, reporting). */
  usesRoles?: boolean;
}

/** Whether someone with these memberships may use a command. */
export function mayUse(who: Audience, memberships: readonly Membership[]): boolean {
  if (who === "anyone") return true;
  if (who === "members") return memberships.length > 0;
  return memberships.some((m) => m.role !== "admin");
}

/** What a dialog step may read besides its state: all of it loaded before the step runs. */
export interface DialogContext {
  rulebook: Rulebook;
  /** The flows this bot runs. */
  flows: FlowRegistry;
  tree: OrgTree;
  now: Date;
  person: { id: PersonId; language: Language; memberships: Membership[]; consents: Consents };
  /** The version of the personal-data notice in force: consents to another version are asked again. */
  noticeVersion: string;
  /** Fresh ids (drafts), injected to keep steps pure. */
  newId: () => string;
  /** A label as the person reads it, to match what they type against the choices. */
  label: (label: Label) => string;
}

/**
 * The flows a bot runs, looked up by name and by command word. The engine, the Telegram command
 * menu, /trogiup and the runner all read one registry; a bot (or a test) is built with its own.
 */
export interface FlowRegistry {
  readonly modules: readonly FlowModule[];
  /** The commands of the Telegram menu and of /trogiup, in the registry's order. */
  readonly menu: readonly CommandSpec[];
  flow(name: string): FlowModule | undefined;
  /** The flow module of a command, by the command's name ("register"). */
  commandFlow(name: string): FlowModule | undefined;
  /** The command a word calls ("dangky", "/register", "DANGKY", "/hoso@dvk_bot"), or null. */
  commandNamed(word: string): CommandSpec | null;
  /** The flow that opens for an action button of a notification: the one naming it, else the general one. */
  actionFlow(action: string): FlowModule | undefined;
  /** Whether a conversation needs the person's roles in bodies (read only then). */
  usesRoles(name: string | undefined): boolean;
  /**
   * A message's text as an input: "/dangky", and on channels without a slash convention (Zalo,
   * the console) a bare command word ("dangky"), become commands.
   */
  textInput(text: string, bareCommands: boolean): Input;
}

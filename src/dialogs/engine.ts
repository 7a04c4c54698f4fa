import { fold, hasWords, normalizePhone, textLength } from "../domain/text.ts";
import type { DialogContext } from "./flow.ts";
import { type Answer, type FlowModule, type FlowState, mayUse, type Outcome } from "./flow.ts";
import { menuLines } from "./format.ts";
import type { Input } from "./input.ts";
import type { DialogState, StepResult } from "./state.ts";
import { type Choice, type Label, type Reply, type Text, t, type View } from "./view.ts";

/**
 * The dialog engine: one pure step `(state, input, context) → {state, reply, effects}`. It turns
 * button presses, numbers and labels into answers, checks their format against what the prompt
 * expects, starts the flows the commands name, and pages long lists; the flows decide the rest.
 */

/** Lists up to this long are shown whole; longer ones are paged. */
export const PAGE_LIMIT = 20;
export const PAGE_SIZE = 10;
const PREV = "__prev";
const NEXT = "__next";

/** The module handling a conversation; every saved flow names one. */
function handlers(
  flow: FlowState,
  ctx: DialogContext,
): Required<Pick<FlowModule, "prompt" | "answer">> & FlowModule {
  const module = ctx.flows.flow(flow.name);
  if (!module?.prompt || !module.answer) throw new Error(`no conversation named "${flow.name}"`);
  return module as Required<Pick<FlowModule, "prompt" | "answer">> & FlowModule;
}

/** The current prompt of a state, paged: the views to send and the choices a number refers to. */
export function present(state: DialogState, ctx: DialogContext): View[] {
  if (!state.flow) return [];
  const module = handlers(state.flow, ctx);
  if (module.waiting?.(state.flow)) return [];
  const views = module.prompt(state.flow, ctx);
  const last = views.at(-1);
  if (!last?.choices) return views;
  return [...views.slice(0, -1), { ...last, choices: page(last.choices, state.page) }];
}

function page(choices: Choice[], index: number): Choice[] {
  const options = choices.filter((c) => !c.nav);
  const nav = choices.filter((c) => c.nav);
  if (options.length <= PAGE_LIMIT) return choices;
  const pages = Math.ceil(options.length / PAGE_SIZE);
  const at = Math.min(Math.max(index, 0), pages - 1);
  const shown = options.slice(at * PAGE_SIZE, (at + 1) * PAGE_SIZE);
  const arrows: Choice[] = [
    ...(at > 0 ? [{ id: PREV, label: t("nav.prev", { page: at, pages }), nav: true }] : []),
    ...(at < pages - 1 ? [{ id: NEXT, label: t("nav.next", { page: at + 2, pages }), nav: true }] : []),
  ];
  return [...shown, ...arrows, ...nav];
}

function currentChoices(
  state: DialogState,
  ctx: DialogContext,
): { choices: Choice[]; view: View | undefined } {
  const view = present(state, ctx).at(-1);
  return { choices: view?.choices ?? [], view };
}

/** A typed answer matched to a choice: its number on the screen, or its label (any case, no accents). */
export function matchChoice(
  text: string,
  choices: Choice[],
  label: (l: Label) => string,
): Choice | undefined {
  const typed = text.trim();
  if (/^\d{1,3}$/.test(typed)) return choices[Number(typed) - 1];
  const wanted = fold(typed.replace(/^\d+[.)]\s*/, ""));
  if (!wanted) return undefined;
  return (
    choices.find((c) => fold(label(c.label)) === wanted) ??
    choices.find((c) => fold(label(c.label)).startsWith(wanted) && wanted.length >= 3)
  );
}

/** Control characters (binary junk) are dropped; line breaks and tabs stay. */
const stripControl = (text: string) => text.replace(/\p{Cc}/gu, (c) => (c === "\n" || c === "\t" ? c : ""));

/** Checks a typed answer against the prompt's expectation; an error sentence, or the answer. */
function interpret(
  text: string,
  view: View | undefined,
  choices: Choice[],
  ctx: DialogContext,
): Answer | Text {
  const expects = view?.expects ?? { kind: "none" };
  const cleaned = stripControl(text).trim();
  switch (expects.kind) {
    case "number": {
      if (/^\d{1,4}$/.test(cleaned)) return { kind: "number", value: Number(cleaned) };
      const byLabel = matchChoice(cleaned, choices, ctx.label);
      return byLabel && !/^\d+$/.test(cleaned)
        ? { kind: "choice", id: byLabel.id }
        : t("input.number_range", { min: expects.min, max: expects.max });
    }
    case "choice":
    case "files": {
      const choice = matchChoice(cleaned, choices, ctx.label);
      if (choice) return { kind: "choice", id: choice.id };
      return t(expects.kind === "files" ? "reg.files.need_file" : "input.choose", { count: choices.length });
    }
    case "place": {
      // A number or a choice's exact label picks it; any other text searches the places.
      const exact = choices.find((c) => fold(ctx.label(c.label)) === fold(cleaned));
      const choice =
        exact ?? (/^\d{1,3}$/.test(cleaned) ? matchChoice(cleaned, choices, ctx.label) : undefined);
      if (choice) return { kind: "choice", id: choice.id };
      if (/^\d+$/.test(cleaned)) return t("input.choose", { count: choices.length });
      if (textLength(cleaned) < 2 || !hasWords(cleaned)) return t("reg.location.type_more");
      return { kind: "text", text: cleaned.slice(0, 100) };
    }
    case "phone": {
      const phone = normalizePhone(cleaned);
      return phone ? { kind: "phone", phone } : t("input.phone");
    }
    case "text": {
      const choice =
        choices.length &&
        (/^\d$/.test(cleaned) || choices.some((c) => fold(ctx.label(c.label)) === fold(cleaned)))
          ? matchChoice(cleaned, choices, ctx.label)
          : undefined;
      if (choice) return { kind: "choice", id: choice.id };
      const length = textLength(cleaned);
      if (length === 0) return t("input.empty");
      if (!hasWords(cleaned)) return t("input.no_words");
      if (length < expects.min) return t("input.too_short", { min: expects.min, length });
      if (length > expects.max) return t("input.too_long", { max: expects.max, length });
      return { kind: "text", text: cleaned };
    }
    case "none":
      return t("input.no_question");
  }
}

const isText = (x: Answer | Text): x is Text => "key" in x;

function withPrompt(state: DialogState, views: View[], ctx: DialogContext): StepResult["reply"] {
  return { views: [...views, ...present(state, ctx)] };
}

/** Moves to a new prompt: a fresh nonce and the first page. */
function advanceTo(state: DialogState, flow: FlowState | null, suspended = state.suspended): DialogState {
  return { ...state, flow, suspended, nonce: state.nonce + 1, page: 0 };
}

/** A conversation paused by a command rather than ended by it. */
function isPausable(flow: FlowState | null, ctx: DialogContext): boolean {
  return flow !== null && ctx.flows.flow(flow.name)?.pausable === true;
}

/** Applies a flow's outcome: the next flow (or the suspended one, resumed), messages and effects. */
function settle(state: DialogState, outcome: Outcome, ctx: DialogContext): StepResult {
  if (outcome.error) {
    const next = advanceTo(state, state.flow);
    const reply = withPrompt(next, [{ text: [outcome.error], expects: { kind: "none" } }], ctx);
    return {
      state: next,
      reply: outcome.answered ? { ...reply, answered: { label: outcome.answered } } : reply,
      effects: outcome.effects ?? [],
    };
  }
  if (outcome.resume && outcome.flow) {
    // Handed back to a conversation that opened this one: it refreshes itself first.
    const resumed = handlers(outcome.flow, ctx).resume?.(outcome.flow, ctx);
    if (resumed)
      return settle(
        state,
        {
          ...resumed,
          views: [...(outcome.views ?? []), ...(resumed.views ?? [])],
          effects: [...(outcome.effects ?? []), ...(resumed.effects ?? [])],
          ...(outcome.notice ? { notice: outcome.notice } : {}),
          ...(outcome.answered ? { answered: outcome.answered } : {}),
        },
        ctx,
      );
  }
  let flow = outcome.flow;
  let suspended = state.suspended;
  const views = [...(outcome.views ?? [])];
  if (flow === null && suspended) {
    flow = suspended;
    suspended = null;
    views.push({ text: [t("dialog.resumed")], expects: { kind: "none" } });
  }
  const next = advanceTo(state, flow, suspended);
  const reply: Reply = withPrompt(next, views, ctx);
  if (outcome.answered) reply.answered = { label: outcome.answered };
  if (outcome.notice) reply.notice = outcome.notice;
  return { state: next, reply, effects: outcome.effects ?? [] };
}

function repeat(state: DialogState, message: Text, ctx: DialogContext): StepResult {
  const next = advanceTo(state, state.flow);
  return {
    state: next,
    reply: withPrompt(next, [{ text: [message], expects: { kind: "none" } }], ctx),
    effects: [],
  };
}

/** A command: the flow it names starts, and the conversation in progress is paused, ended or kept. */
function command(state: DialogState, input: Extract<Input, { kind: "command" }>, ctx: DialogContext) {
  const module = ctx.flows.commandFlow(input.name);
  if (!module?.command || !module.start)
    return repeat(state, t("input.unknown_command", { command: input.name }), ctx);
  if (!mayUse(module.command.who, ctx.person.memberships))
    return repeat(state, t("command.officers_only"), ctx);
  const started = module.start(
    {
      args: input.args,
      current: state.flow?.name ?? null,
      paused: isPausable(state.flow, ctx) || state.suspended !== null,
      menu: ctx.flows.menu,
    },
    ctx,
  );
  if ("refuse" in started) return repeat(state, started.refuse, ctx);
  const { mode = module.command.mode, ...outcome } = started;
  switch (mode) {
    case "aside": {
      const next = { ...state, nonce: state.nonce + 1, page: 0 };
      const views = [...(outcome.views ?? []), ...present(next, ctx)];
      return { state: next, reply: { views }, effects: outcome.effects ?? [] };
    }
    case "replace":
      return settle({ ...state, suspended: null }, outcome, ctx);
    case "open": {
      const keep = isPausable(state.flow, ctx) ? state.flow : state.suspended;
      return settle({ ...state, suspended: keep, flow: outcome.flow }, outcome, ctx);
    }
  }
}

/** An action button of a notification: the flow that handles actions opens on its target. */
function action(state: DialogState, input: Extract<Input, { kind: "action" }>, ctx: DialogContext) {
  const outcome = ctx.flows.actionFlow(input.action)?.action?.(input.action, input.target);
  if (!outcome) return { state, reply: { views: [], stale: true }, effects: [] };
  const keep = isPausable(state.flow, ctx) ? state.flow : state.suspended;
  return settle({ ...state, suspended: keep, flow: outcome.flow }, outcome, ctx);
}

export function step(state: DialogState, input: Input, ctx: DialogContext): StepResult {
  const flow = state.flow;
  switch (input.kind) {
    case "command":
      return command(state, input, ctx);
    case "action":
      return action(state, input, ctx);
    case "unknown_command":
      return repeat(
        state,
        t("input.unknown_command", { command: input.text.split(/\s/)[0]!.slice(0, 40) }),
        ctx,
      );
    case "result":
      if (!flow) return { state, reply: { views: [] }, effects: [] };
      return settle(state, handlers(flow, ctx).answer(flow, input, ctx), ctx);
    case "unsupported":
      return flow ? repeat(state, t("input.unsupported"), ctx) : idle(state, t("input.unsupported"), ctx);
    case "pick": {
      if (input.nonce !== state.nonce || !flow)
        return { state, reply: { views: [], stale: true }, effects: [] };
      const { choices } = currentChoices(state, ctx);
      const choice = choices[input.index];
      if (!choice) return { state, reply: { views: [], stale: true }, effects: [] };
      return choose(state, choice, ctx);
    }
    case "file": {
      if (!flow) return idle(state, t("input.file_idle"), ctx);
      const { view } = currentChoices(state, ctx);
      if (view?.expects.kind !== "files")
        return repeat(state, t(view?.expects.kind === "choice" ? "input.choose" : "input.need_text"), ctx);
      return settle(state, handlers(flow, ctx).answer(flow, { kind: "file", file: input.file }, ctx), ctx);
    }
    case "text": {
      if (!flow) return idle(state, t("idle.hint"), ctx);
      const { choices, view } = currentChoices(state, ctx);
      const answer = interpret(input.text, view, choices, ctx);
      if (isText(answer)) return repeat(state, answer, ctx);
      if (answer.kind === "choice") return choose(state, choices.find((c) => c.id === answer.id)!, ctx);
      return settle(state, handlers(flow, ctx).answer(flow, answer, ctx), ctx);
    }
  }
}

function choose(state: DialogState, choice: Choice, ctx: DialogContext): StepResult {
  if (choice.id === PREV || choice.id === NEXT) {
    const next = { ...state, nonce: state.nonce + 1, page: state.page + (choice.id === NEXT ? 1 : -1) };
    return { state: next, reply: { views: present(next, ctx) }, effects: [] };
  }
  const flow = state.flow!;
  const outcome = handlers(flow, ctx).answer(flow, { kind: "choice", id: choice.id }, ctx);
  return settle(state, { ...(outcome.error ? {} : { answered: choice.label }), ...outcome }, ctx);
}

/** Nothing in progress: a short answer pointing at the commands. */
function idle(state: DialogState, message: Text, ctx: DialogContext): StepResult {
  return {
    state,
    reply: {
      views: [{ text: [message, ...menuLines(ctx.flows.menu, "anyone")], expects: { kind: "none" } }],
    },
    effects: [],
  };
}

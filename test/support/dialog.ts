import { createTranslator } from "../../src/application/i18n.ts";
import type { Effect, EffectResult } from "../../src/dialogs/effects.ts";
import { present, step } from "../../src/dialogs/engine.ts";
import { defaultFlows } from "../../src/dialogs/flows/index.ts";
import type { RegistrationFlow } from "../../src/dialogs/flows/registration/index.ts";
import type { Input } from "../../src/dialogs/input.ts";
import { type DialogState, INITIAL_STATE } from "../../src/dialogs/state.ts";
import type { Reply, View } from "../../src/dialogs/view.ts";
import type { Consents } from "../../src/domain/privacy.ts";
import type { Rulebook } from "../../src/domain/rulebook/schema.ts";
import { demoTree, threeTier, vn } from "./fixtures.ts";

/**
 * Drives the pure dialog engine without a database: the test plays the runner, answering the
 * effects that need a result.
 */
export function pureDialog(
  rulebook: Rulebook = threeTier,
  now = vn("2026-03-10T09:00:00"),
  options: { consented?: boolean } = {},
) {
  const translator = createTranslator(rulebook);
  // Most dialog tests are about other things: their person agreed to the notice already.
  const consents: Consents = options.consented === false ? {} : { registration: translator.noticeVersion };
  let ids = 0;
  const ctx = {
    rulebook,
    flows: defaultFlows,
    tree: demoTree(rulebook),
    now,
    person: { id: "person-1", language: "vi" as const, memberships: [], consents },
    noticeVersion: translator.noticeVersion,
    newId: () => `id-${++ids}`,
    label: (l: Parameters<typeof translator.label>[1]) => translator.label("vi", l),
  };
  let state: DialogState = INITIAL_STATE;
  const effects: Effect[] = [];
  let last: Reply = { views: [] };
  const render = (views: View[]) =>
    views.map((v) => v.text.map((x) => translator.text("vi", x)).join("\n")).join("\n\n");
  return {
    ctx,
    get state() {
      return state;
    },
    set state(s: DialogState) {
      state = s;
    },
    effects,
    input(input: Input) {
      const result = step(state, input, ctx);
      state = result.state;
      effects.push(...result.effects);
      last = result.reply;
      return result;
    },
    /** Sends text as typed in a chat (commands included). */
    say(text: string) {
      return this.input(defaultFlows.textInput(text, false));
    },
    /** Answers the last effect that waits for a result. */
    resolve<E extends EffectResult>(effect: E["effect"], value: E["value"]) {
      return this.input({ kind: "result", effect, value } as EffectResult);
    },
    get reply() {
      return last;
    },
    /** What the person reads of the last reply. */
    get text() {
      return render(last.views);
    },
    /** The current prompt, as shown. */
    get prompt() {
      return present(state, ctx);
    },
    get step() {
      const flow = state.flow;
      return flow && flow.name === "registration" ? (flow as RegistrationFlow).step : flow?.name;
    },
    translator,
  };
}

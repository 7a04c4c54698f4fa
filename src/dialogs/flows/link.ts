import type { FlowModule } from "../flow.ts";
import { say } from "../view.ts";

/** /lienket: a code to link another channel's account, or the code typed on the other channel. */
export interface LinkFlow {
  name: "link";
}

export const link: FlowModule<LinkFlow> = {
  name: "link",
  command: { name: "link", words: ["lienket", "link"], who: "anyone", mode: "open", takesArgument: true },
  start: (request) => ({
    flow: { name: "link" } satisfies LinkFlow,
    effects: [request.args ? { type: "link_redeem", code: request.args } : { type: "link_create" }],
  }),
  waiting: () => true,
  prompt: () => [],
  answer(_flow, answer) {
    if (answer.kind !== "result") return { flow: null };
    if (answer.effect === "link_create")
      return {
        flow: null,
        views: [say("zalo.link.code", { code: answer.value.code, minutes: answer.value.minutes })],
      };
    if (answer.effect !== "link_redeem") return { flow: null };
    const result = answer.value;
    if (result.ok)
      return { flow: null, views: [say(result.already ? "zalo.link.already" : "zalo.link.linked")] };
    return { flow: null, views: [say(`zalo.link.${result.reason}`, { minutes: result.minutes })] };
  },
};

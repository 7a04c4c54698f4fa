import type { FlowModule } from "../flow.ts";
import { say } from "../view.ts";

/** /web: a one-time link that signs the officer in to the workspace in any browser. */
export interface WebFlow {
  name: "web";
}

export const web: FlowModule<WebFlow> = {
  name: "web",
  command: { name: "web", words: ["web", "workspace"], menu: true, who: "servers", mode: "open" },
  usesRoles: true,
  start: () => ({ flow: { name: "web" } satisfies WebFlow, effects: [{ type: "web_link" }] }),
  waiting: () => true,
  prompt: () => [],
  answer(_flow, answer) {
    if (answer.kind !== "result" || answer.effect !== "web_link") return { flow: null };
    const result = answer.value;
    return {
      flow: null,
      views: [
        result.ok ? say("web.chat.link", { url: result.url, minutes: result.minutes }) : say("web.chat.off"),
      ],
    };
  },
};

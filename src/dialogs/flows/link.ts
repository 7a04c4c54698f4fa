import type { EffectResults } from "../effects.ts";
import type { FlowHandlers } from "../flow.ts";
import { t } from "../view.ts";

/** /lienket: a code to link another channel's account, or the code typed on the other channel. */
export interface LinkFlow {
  name: "link";
}

export const link: FlowHandlers<LinkFlow> = {
  waiting: () => true,
  prompt: () => [],
  answer(_flow, answer) {
    if (answer.kind !== "result") return { flow: null };
    const note = (key: string, params?: Record<string, string | number>) => ({
      flow: null,
      views: [{ text: [t(key, params)], expects: { kind: "none" as const } }],
    });
    if (answer.effect === "link_create") {
      const created = answer.value as EffectResults["link_create"];
      return note("zalo.link.code", { code: created.code, minutes: created.minutes });
    }
    const result = answer.value as EffectResults["link_redeem"];
    if (result.ok) return note(result.already ? "zalo.link.already" : "zalo.link.linked");
    return note(`zalo.link.${result.reason}`, { minutes: 10 });
  },
};

import type { EffectResults } from "../effects.ts";
import type { FlowHandlers } from "../flow.ts";
import { t } from "../view.ts";

/** /start <code>: joining a body as officer or committee member through an invitation. */
export interface InviteFlow {
  name: "invite";
}

export const invite: FlowHandlers<InviteFlow> = {
  waiting: () => true,
  prompt: () => [],
  answer(_flow, answer) {
    const result = answer.kind === "result" ? (answer.value as EffectResults["redeem_invitation"]) : null;
    if (!result) return { flow: null };
    if (!result.ok)
      return { flow: null, views: [{ text: [t(`invite.${result.reason}`)], expects: { kind: "none" } }] };
    return {
      flow: null,
      views: [
        {
          text: [
            t("invite.joined", { body: result.bodyName, role: result.role }),
            t(`invite.next_${result.role}`),
          ],
          expects: { kind: "none" },
        },
      ],
    };
  },
};

import type { FlowModule } from "../flow.ts";
import { say, t } from "../view.ts";

/** Joining a body as officer or committee member through an invitation (/start <code>). */
export interface InviteFlow {
  name: "invite";
}

export const invite: FlowModule<InviteFlow> = {
  name: "invite",
  waiting: () => true,
  prompt: () => [],
  answer(_flow, answer) {
    if (answer.kind !== "result" || answer.effect !== "redeem_invitation") return { flow: null };
    const result = answer.value;
    if (!result.ok) return { flow: null, views: [say(`invite.${result.reason}`)] };
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

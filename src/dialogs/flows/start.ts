import { isInvitationCode } from "../../domain/submission-code.ts";
import type { FlowModule } from "../flow.ts";
import { say, t } from "../view.ts";
import type { InviteFlow } from "./invite.ts";

/** /start: a greeting — or, with an invitation code (Telegram's deep link), joining a body. */
export const start: FlowModule = {
  name: "start",
  command: {
    name: "start",
    words: ["start", "batdau"],
    who: "anyone",
    mode: "replace",
    takesArgument: true,
  },
  start(request) {
    if (request.args) {
      if (!isInvitationCode(request.args))
        return { flow: null, views: [say("invite.unknown")], mode: "aside" };
      const flow: InviteFlow = { name: "invite" };
      return { flow, effects: [{ type: "redeem_invitation", code: request.args }], mode: "open" };
    }
    return {
      flow: null,
      views: [
        { text: [t("welcome.title"), t("welcome.body")], expects: { kind: "none" } },
        ...(request.paused ? [say("welcome.in_progress")] : []),
      ],
    };
  },
};

import { isEmailAddress } from "../../domain/text.ts";
import type { FlowModule } from "../flow.ts";
import { say, t } from "../view.ts";

/**
 * /email <address>: an officer or committee member adds an e-mail address to be reached by when
 * the chat cannot reach them. A code goes to the address; typing it here confirms the address and
 * records the consent. `/email xoa` (`/email remove`) removes it.
 */
export interface EmailFlow {
  name: "email";
  address: string;
  /** The code's digest and expiry, once it was sent. */
  codeHash: string | null;
  expiresAt: string | null;
  tries: number;
  /** `/email xoa`: waiting for the address to be removed. */
  removing?: boolean;
}

const REMOVE = new Set(["xoa", "xoá", "remove", "delete"]);

export const email: FlowModule<EmailFlow> = {
  name: "email",
  command: { name: "email", words: ["email", "mail"], who: "servers", mode: "open", takesArgument: true },
  start(request) {
    const args = request.args.trim();
    if (!args) return { flow: null, views: [say("email.usage")] };
    if (REMOVE.has(args.toLowerCase()))
      return {
        flow: {
          name: "email",
          address: "",
          codeHash: null,
          expiresAt: null,
          tries: 0,
          removing: true,
        } satisfies EmailFlow,
        effects: [{ type: "email_remove" }],
      };
    if (!isEmailAddress(args)) return { flow: null, views: [say("email.invalid"), say("email.usage")] };
    return {
      flow: { name: "email", address: args, codeHash: null, expiresAt: null, tries: 0 } satisfies EmailFlow,
      effects: [{ type: "email_send_code", address: args }],
    };
  },
  waiting: (flow) => flow.codeHash === null || flow.removing === true,
  prompt: (flow) => [
    {
      text: [t("notice:purposes.contact_email"), t("email.code_sent", { address: flow.address })],
      expects: { kind: "text", min: 6, max: 12 },
    },
  ],
  answer(flow, answer, ctx) {
    if (answer.kind === "result") {
      if (answer.effect === "email_send_code")
        return { flow: { ...flow, codeHash: answer.value.codeHash, expiresAt: answer.value.expiresAt } };
      if (answer.effect === "email_remove")
        return { flow: null, views: [say(answer.value.removed ? "email.removed" : "email.none")] };
      if (answer.effect !== "email_confirm") return { flow };
      if (answer.value.ok) return { flow: null, views: [say("email.confirmed", { address: flow.address })] };
      if (answer.value.reason === "expired") return { flow: null, views: [say("email.expired")] };
      const tries = flow.tries + 1;
      if (tries >= 5) return { flow: null, views: [say("email.too_many")] };
      return { flow: { ...flow, tries }, error: t("email.wrong") };
    }
    if (answer.kind !== "text" && answer.kind !== "number") return { flow, error: t("email.type_code") };
    const code = answer.kind === "number" ? String(answer.value).padStart(6, "0") : answer.text.trim();
    if (!/^\d[\d\s]{4,8}\d$/.test(code)) return { flow, error: t("email.type_code") };
    return {
      flow,
      effects: [
        {
          type: "email_confirm",
          address: flow.address,
          code,
          codeHash: flow.codeHash ?? "",
          expiresAt: flow.expiresAt ?? new Date(0).toISOString(),
          noticeVersion: ctx.noticeVersion,
        },
      ],
    };
  },
};

import type { Courier } from "../../application/delivery/courier.ts";
import type { Speaker } from "../../application/i18n.ts";
import type { View } from "../../dialogs/view.ts";
import type { Mailer } from "./mailer.ts";
import { type EmailLink, renderEmail } from "./render.ts";

/**
 * Notifications by e-mail, for the dispatcher: the "chat id" is the address. `send` answers the
 * message's Message-ID (kept with an arrival, like a chat message id); an e-mail cannot be
 * edited, so `edit` sends the new state as a follow-up in the same thread (In-Reply-To).
 */

export interface EmailCourierOptions {
  mailer: Mailer;
  /** The link each message carries ("open in the workspace"): fixed, or chosen from the views. */
  link?: EmailLink | ((views: View[]) => EmailLink | undefined);
}

export const EMAIL_CHANNEL = "email";

export function createEmailCourier(
  options: EmailCourierOptions,
): Courier & { channel: typeof EMAIL_CHANNEL } {
  const linkFor = (views: View[]) =>
    typeof options.link === "function" ? options.link(views) : options.link;

  function mail(address: string, views: View[], speaker: Speaker, inReplyTo?: string) {
    const link = linkFor(views);
    const rendered = renderEmail(views, speaker, link ? { link } : {});
    return options.mailer.send({ to: address, ...rendered, ...(inReplyTo ? { inReplyTo } : {}) });
  }

  return {
    channel: EMAIL_CHANNEL,
    send: (address, views, speaker) => mail(address, views, speaker),
    async edit(address, messageId, views, speaker) {
      await mail(address, views, speaker, messageId);
    },
  };
}

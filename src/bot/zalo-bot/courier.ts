import type { View } from "../../dialogs/view.ts";
import type { Courier } from "../courier.ts";
import type { Speaker } from "../text.ts";
import { asFollowUp } from "../zalo-shared/render.ts";
import { asCourierError, type ZaloBotApi } from "./api.ts";
import { renderView } from "./render.ts";
import { CHANNEL } from "./updates.ts";

/**
 * Notifications over the Zalo Bot Platform. Zalo cannot edit a sent message, so an "edit" (a
 * decision taken on a notification this person received) arrives as a short follow-up naming
 * the submission, the outcome and who decided. A person who blocked the bot is RecipientUnreachable.
 */
export function zaloBotCourier(api: ZaloBotApi): Courier {
  async function send(chatId: string, views: View[], speaker: Speaker): Promise<string | null> {
    let last: string | null = null;
    try {
      for (const text of views.flatMap((v) => renderView(speaker, v)))
        last = (await api.sendMessage(chatId, text)).message_id ?? last;
    } catch (error) {
      throw asCourierError(error);
    }
    return last;
  }
  return {
    channel: CHANNEL,
    send,
    async edit(chatId, _messageId, views, speaker) {
      await send(chatId, views.map(asFollowUp), speaker);
    },
  };
}

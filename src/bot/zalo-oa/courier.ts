import type { View } from "../../dialogs/view.ts";
import type { Courier } from "../courier.ts";
import type { Speaker } from "../text.ts";
import { asFollowUp } from "../zalo-shared/render.ts";
import type { OaApi } from "./api.ts";
import { renderView } from "./render.ts";
import { CHANNEL } from "./updates.ts";

/**
 * Notifications over the OA. Errors reach the dispatcher typed: RecipientUnreachable when the
 * person no longer follows the OA (-213); RetryLater for -230 (no interaction for 7 days) and
 * -234 (night): the notification is kept for later or for the person's other channel. Zalo
 * cannot edit a sent message, so an "edit" (the outcome of a decision) arrives as a short follow-up.
 */
export function zaloOaCourier(api: OaApi): Courier {
  async function send(chatId: string, views: View[], speaker: Speaker): Promise<string | null> {
    let last: string | null = null;
    // Notifications carry action buttons, never a prompt's choices: no nonce to match.
    for (const message of views.flatMap((v) => renderView(speaker, v, 0)))
      last = (await api.sendMessage(chatId, message)) ?? last;
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

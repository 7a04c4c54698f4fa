import type { View } from "../dialogs/view.ts";
import type { Speaker } from "./text.ts";

/** The person blocked the bot or left: do not retry on this channel. */
export class RecipientUnreachable extends Error {
  override readonly name = "RecipientUnreachable";
}

/**
 * What the dispatcher needs from a channel to deliver notifications: send views to a chat
 * (returning the id of the message that carries the buttons, if any), and edit one.
 */
export interface Courier {
  channel: string;
  send(chatId: string, views: View[], speaker: Speaker): Promise<string | null>;
  edit(chatId: string, messageId: string, views: View[], speaker: Speaker): Promise<void>;
}

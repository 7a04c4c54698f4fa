import type { View } from "../../dialogs/view.ts";
import type { Speaker } from "../i18n.ts";

/** The person blocked the bot or left: do not retry on this channel. */
export class RecipientUnreachable extends Error {
  override readonly name = "RecipientUnreachable";
}

/**
 * A message the channel refused for now, not for good: Zalo OA's -230 (the person has not written
 * to the OA for 7 days) and -234 (no messages at night), a ZBS template's daily quota or rate
 * limit, a mail server's 4xx. The notification stays in the outbox: the person's other channel is
 * tried, or this one again from `until`.
 */
export class RetryLater extends Error {
  override readonly name = "RetryLater";
  constructor(
    readonly until: Date,
    readonly reason: "no_interaction" | "night" | "quota" | "rate_limited" | "deferred",
    message = `refused until ${until.toISOString()} (${reason})`,
  ) {
    super(message);
  }
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

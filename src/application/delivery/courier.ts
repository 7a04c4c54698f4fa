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

/**
 * A way to reach people that cannot work as configured (a Zalo template not approved, no
 * balance left): the policy moves on to the next way, and the operator is told in the log.
 */
export class WayUnavailable extends Error {
  override readonly name = "WayUnavailable";
}

/** The values a notification gives a Zalo template's parameters (in Vietnamese, as they should read). */
export type TemplateValues = Partial<{
  code: string;
  model_name: string;
  /** The deadline's name, e.g. "Đăng ký mô hình". */
  deadline: string;
  /** A date, shown dd/mm/yyyy in Vietnam time. */
  date: Date | string;
  days_left: number;
  body: string;
  /** The decision, in words ("được tiếp nhận"). */
  outcome: string;
  count: number;
}>;

/** Who a template message goes to: a Zalo user id of the Official Account, or a phone number. */
export type TemplateRecipient = { userId: string } | { phone: string };

/** Approved template messages (Zalo ZBS), per kind of notification. */
export interface TemplateWay {
  /** Whether a template is configured for this kind of notification. */
  has(kind: string): boolean;
  /** Sends it; resolves with what it cost. Throws RecipientUnreachable, RetryLater or WayUnavailable. */
  send(
    to: TemplateRecipient,
    kind: string,
    values: TemplateValues,
    trackingId: string,
  ): Promise<{ costVnd: number }>;
}

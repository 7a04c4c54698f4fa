import type { FlowRegistry } from "../../dialogs/flow.ts";
import type { Input } from "../../dialogs/input.ts";
import type { ParsedDelivery } from "../adapter.ts";
import { idString } from "../zalo-shared/json.ts";

export const CHANNEL = "zalo-bot";

/** A webhook event of the Zalo Bot Platform (the fields we read). */
export interface ZaloBotEvent {
  event_name: string;
  message: {
    from?: { id?: unknown; display_name?: unknown; is_bot?: unknown };
    chat?: { id?: unknown; chat_type?: unknown };
    message_id?: unknown;
    date?: unknown;
    text?: unknown;
    photo?: unknown;
    caption?: unknown;
  };
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null;

/** The event of a webhook body: documented wrapped `{ok, result:{…}}`, or flat as seen in production. */
export function eventOf(body: unknown): ZaloBotEvent | null {
  const inner = isObject(body) && isObject(body.result) ? body.result : body;
  if (!isObject(inner) || typeof inner.event_name !== "string" || !isObject(inner.message)) return null;
  return inner as unknown as ZaloBotEvent;
}

/** What an event means as a dialog input; null for events the bot ignores. */
export function inputOf(event: ZaloBotEvent, flows: FlowRegistry): Input | null {
  const m = event.message;
  switch (event.event_name) {
    case "message.text.received":
      return typeof m.text === "string" ? flows.textInput(m.text, true) : null;
    case "message.image.received": {
      const url = typeof m.photo === "string" ? m.photo : undefined;
      return url
        ? { kind: "file", file: { kind: "photo", channel: CHANNEL, ref: url } }
        : { kind: "unsupported", what: "other" };
    }
    case "message.sticker.received":
      return { kind: "unsupported", what: "sticker" };
    case "message.voice.received":
      return { kind: "unsupported", what: "voice" };
    default:
      // message.unsupported.received, and kinds of messages Zalo may add later.
      return /^message\.\w+\.received$/.test(event.event_name)
        ? { kind: "unsupported", what: "other" }
        : null;
  }
}

/** The delivery of an event: who, which chat, what, keyed by event and message id, ordered by its time. */
export function deliveryOf(
  event: ZaloBotEvent,
  flows: FlowRegistry,
  receivedAt: number,
): ParsedDelivery | null {
  const m = event.message;
  const from = idString(m.from?.id);
  const chat = idString(m.chat?.id);
  // Private chats with people only: registrations and decisions are personal.
  if (!from || !chat || m.from?.is_bot === true) return null;
  if (typeof m.chat?.chat_type === "string" && m.chat.chat_type !== "PRIVATE") return null;
  const input = inputOf(event, flows);
  if (!input) return null;
  const date = Number(m.date);
  const seq = Number.isFinite(date) && date > 0 ? date : receivedAt;
  const messageId = idString(m.message_id);
  return {
    key: `${event.event_name}:${messageId ?? `${from}:${seq}`}`,
    seq,
    update: {
      channel: CHANNEL,
      chatId: chat,
      user: {
        externalId: from,
        displayName: typeof m.from?.display_name === "string" ? m.from.display_name : "",
      },
      input,
    },
  };
}

import type { Update } from "grammy/types";
import type { FlowRegistry } from "../../dialogs/flow.ts";
import type { Input } from "../../dialogs/input.ts";
import { notAnObject, type ParsedDelivery } from "../adapter.ts";
import { decodeCallback } from "./callback-data.ts";

export const CHANNEL = "telegram";

/** A file's size, when Telegram gives it (it may exceed 2^31: a double holds it exactly). */
const sizeOf = (bytes: number | undefined) =>
  bytes !== undefined && Number.isFinite(bytes) ? { size: bytes } : {};

/** Why a webhook body is no Telegram update (every update has a whole, non-negative update_id); null when it is one. */
export function notAnUpdate(body: unknown): string | null {
  const shape = notAnObject(body);
  if (shape) return shape;
  const id = (body as { update_id?: unknown }).update_id;
  return Number.isSafeInteger(id) && (id as number) >= 0 ? null : "no update_id";
}

/** What a Telegram update means as a dialog input; null for updates the bot ignores. */
export function inputOf(update: Update, flows: FlowRegistry): Input | null {
  const m = update.message;
  if (update.callback_query) {
    const data = decodeCallback(update.callback_query.data);
    if (!data) return null;
    return data.kind === "pick"
      ? { kind: "pick", nonce: data.nonce, index: data.index }
      : { kind: "action", action: data.action, target: data.target };
  }
  if (!m) return null;
  if (m.text !== undefined) return flows.textInput(m.text, false);
  if (m.photo?.length) {
    const largest = m.photo.at(-1)!;
    return {
      kind: "file",
      file: { kind: "photo", channel: CHANNEL, ref: largest.file_id, ...sizeOf(largest.file_size) },
    };
  }
  if (m.document) {
    const { file_id, file_name, mime_type, file_size } = m.document;
    return {
      kind: "file",
      file: {
        kind: "document",
        channel: CHANNEL,
        ref: file_id,
        ...(file_name ? { name: file_name } : {}),
        ...(mime_type ? { mime: mime_type } : {}),
        ...sizeOf(file_size),
      },
    };
  }
  if (m.sticker) return { kind: "unsupported", what: "sticker" };
  if (m.voice || m.audio) return { kind: "unsupported", what: "voice" };
  if (m.video || m.video_note || m.animation) return { kind: "unsupported", what: "video" };
  if (m.location || m.venue) return { kind: "unsupported", what: "location" };
  if (m.contact) return { kind: "unsupported", what: "contact" };
  return { kind: "unsupported", what: "other" };
}

/**
 * The delivery of an update: who, which chat, what, keyed and ordered by its update_id; a button
 * press keeps its callback query and the pressed message, to answer and mark them.
 */
export function deliveryOf(update: Update, flows: FlowRegistry): ParsedDelivery | null {
  const query = update.callback_query;
  const from = query?.from ?? update.message?.from;
  const chat = query?.message?.chat ?? update.message?.chat;
  // Only private chats: registrations and decisions are personal.
  if (!from || !chat || chat.type !== "private") return null;
  const input = inputOf(update, flows);
  if (!input) return null;
  const pressed = query?.message;
  return {
    key: String(update.update_id),
    seq: update.update_id,
    update: {
      channel: CHANNEL,
      chatId: String(chat.id),
      user: {
        externalId: String(from.id),
        displayName: [from.first_name, from.last_name].filter(Boolean).join(" "),
        ...(from.language_code ? { languageCode: from.language_code } : {}),
      },
      input,
    },
    ...(query
      ? {
          meta: {
            callbackQueryId: query.id,
            ...(pressed ? { messageId: pressed.message_id } : {}),
            ...(pressed && "text" in pressed && pressed.text ? { messageText: pressed.text } : {}),
          },
        }
      : {}),
  };
}

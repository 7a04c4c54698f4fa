import type { Update } from "grammy/types";
import { type Input, textInput } from "../../dialogs/input.ts";
import type { IncomingUpdate } from "../../dialogs/runner.ts";
import { decodeCallback } from "./callback-data.ts";

export const CHANNEL = "telegram";

/** What a Telegram update means as a dialog input; null for updates the bot ignores. */
export function inputOf(update: Update): Input | null {
  const m = update.message;
  if (update.callback_query) {
    const data = decodeCallback(update.callback_query.data);
    if (!data) return null;
    return data.kind === "pick"
      ? { kind: "pick", nonce: data.nonce, index: data.index }
      : { kind: "action", action: data.action, target: data.target };
  }
  if (!m) return null;
  if (m.text !== undefined) return textInput(m.text, false);
  if (m.photo?.length) {
    const largest = m.photo.at(-1)!;
    return { kind: "file", file: { kind: "photo", channel: CHANNEL, ref: largest.file_id } };
  }
  if (m.document)
    return {
      kind: "file",
      file: {
        kind: "document",
        channel: CHANNEL,
        ref: m.document.file_id,
        ...(m.document.file_name ? { name: m.document.file_name } : {}),
      },
    };
  if (m.sticker) return { kind: "unsupported", what: "sticker" };
  if (m.voice || m.audio) return { kind: "unsupported", what: "voice" };
  if (m.video || m.video_note || m.animation) return { kind: "unsupported", what: "video" };
  if (m.location || m.venue) return { kind: "unsupported", what: "location" };
  if (m.contact) return { kind: "unsupported", what: "contact" };
  return { kind: "unsupported", what: "other" };
}

/** The incoming update for the runner: who, which chat, what, and the delivery's key. */
export function incomingOf(update: Update): IncomingUpdate | null {
  const from = update.callback_query?.from ?? update.message?.from;
  const chat = update.callback_query?.message?.chat ?? update.message?.chat;
  // Only private chats: registrations and decisions are personal.
  if (!from || !chat || chat.type !== "private") return null;
  const input = inputOf(update);
  if (!input) return null;
  return {
    channel: CHANNEL,
    chatId: String(chat.id),
    user: {
      externalId: String(from.id),
      displayName: [from.first_name, from.last_name].filter(Boolean).join(" "),
      ...(from.language_code ? { languageCode: from.language_code } : {}),
    },
    input,
    updateKey: String(update.update_id),
  };
}

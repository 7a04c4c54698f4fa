import type { FlowRegistry } from "../../dialogs/flow.ts";
import type { Input } from "../../dialogs/input.ts";
import type { ParsedDelivery } from "../adapter.ts";
import { idString } from "../zalo-shared/json.ts";
import { decodePayload } from "./payload.ts";

export const CHANNEL = "zalo-oa";

/** A webhook event of the OA API (the fields we read); ids are strings, never numbers. */
export interface OaEvent {
  event_name: string;
  app_id?: unknown;
  timestamp?: unknown;
  sender?: { id?: unknown };
  follower?: { id?: unknown };
  message?: {
    text?: unknown;
    msg_id?: unknown;
    attachments?: unknown;
  };
  info?: { name?: unknown; phone?: unknown };
}

/** What the adapter does with an event. */
export type OaAction =
  | { kind: "dialog"; userId: string; deliveries: ParsedDelivery[] }
  | { kind: "unfollow"; userId: string }
  | { kind: "ignore"; why: string };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null;

export function eventOf(body: unknown): OaEvent | null {
  return isObject(body) && typeof body.event_name === "string" ? (body as unknown as OaEvent) : null;
}

/**
 * The event's `timestamp` read off the raw body, without parsing it: the signature covers it, and
 * an unauthenticated body is never parsed. Zalo sends it as a string of digits (a number is read too).
 */
export function rawTimestamp(rawBody: Buffer): string | undefined {
  return /"timestamp"\s*:\s*"?(\d{1,16})"?/.exec(rawBody.toString("utf8"))?.[1];
}

/** Zalo sends phones as 84…; people (and the registration) write them 0…. */
export function localPhone(phone: string): string {
  const digits = phone.replace(/[^\d+]/g, "");
  return /^\+?84\d{9,10}$/.test(digits) ? `0${digits.replace(/^\+?84/, "")}` : digits;
}

interface Attachment {
  type?: unknown;
  /** A file's `size` in bytes: a string of digits in Zalo's published examples (unconfirmed), or a number. */
  payload?: { url?: unknown; name?: unknown; size?: unknown };
}

function sizeOf(size: unknown): { size?: number } {
  const bytes =
    typeof size === "number" ? size : typeof size === "string" && /^\d+$/.test(size) ? Number(size) : NaN;
  return Number.isFinite(bytes) ? { size: bytes } : {};
}

function attachmentInputs(event: OaEvent): Input[] {
  const list = Array.isArray(event.message?.attachments) ? (event.message.attachments as Attachment[]) : [];
  const inputs: Input[] = [];
  for (const a of list) {
    const url = typeof a?.payload?.url === "string" ? a.payload.url : undefined;
    if (!url) continue;
    const size = sizeOf(a.payload?.size);
    if (a.type === "image")
      inputs.push({ kind: "file", file: { kind: "photo", channel: CHANNEL, ref: url, ...size } });
    else if (a.type === "file") {
      const name = typeof a.payload?.name === "string" ? a.payload.name : undefined;
      inputs.push({
        kind: "file",
        file: { kind: "document", channel: CHANNEL, ref: url, ...(name ? { name } : {}), ...size },
      });
    }
  }
  return inputs;
}

const UNSUPPORTED: Record<string, Extract<Input, { kind: "unsupported" }>["what"]> = {
  user_send_sticker: "sticker",
  user_send_gif: "sticker",
  user_send_audio: "voice",
  user_send_video: "video",
  user_send_location: "location",
  user_send_business_card: "contact",
};

/** The inputs an event carries for the dialogs (several images in one message: one each). */
function inputsOf(event: OaEvent, flows: FlowRegistry): Input[] | null {
  switch (event.event_name) {
    case "user_send_text": {
      const text = event.message?.text;
      if (typeof text !== "string") return null;
      return [decodePayload(text.trim()) ?? flows.textInput(text, true)];
    }
    case "user_send_image":
    case "user_send_file": {
      const files = attachmentInputs(event);
      return files.length ? files : [{ kind: "unsupported", what: "other" }];
    }
    case "follow":
      // Following the OA is saying hello: greet as /start does.
      return [{ kind: "command", name: "start", args: "" }];
    case "user_submit_info": {
      // The answer to a "share your information" form: the phone, as if typed.
      const phone = typeof event.info?.phone === "string" ? localPhone(event.info.phone) : "";
      return [phone ? { kind: "text", text: phone } : { kind: "unsupported", what: "contact" }];
    }
    default: {
      const what = UNSUPPORTED[event.event_name];
      if (what) return [{ kind: "unsupported", what }];
      return /^user_send_/.test(event.event_name) ? [{ kind: "unsupported", what: "other" }] : null;
    }
  }
}

/** What to do with an event: run the dialogs for a person, mark an unfollow, or nothing. */
export function actionOf(event: OaEvent, flows: FlowRegistry, receivedAt: number): OaAction {
  const userId = idString(
    event.event_name === "follow" || event.event_name === "unfollow" ? event.follower?.id : event.sender?.id,
  );
  // Events the OA itself caused (oa_send_*), receipts and reactions carry no input.
  if (!userId) return { kind: "ignore", why: "no user" };
  if (event.event_name === "unfollow") return { kind: "unfollow", userId };
  const inputs = inputsOf(event, flows);
  if (!inputs) return { kind: "ignore", why: event.event_name };
  const messageId = idString(event.message?.msg_id);
  const timestamp = Number(idString(event.timestamp));
  const seq = Number.isFinite(timestamp) && timestamp > 0 ? timestamp : receivedAt;
  const key = messageId ?? `${userId}:${idString(event.timestamp) ?? seq}`;
  const name =
    typeof event.info?.name === "string" && event.info.name.trim()
      ? event.info.name.trim()
      : `Zalo ${userId.slice(-4)}`;
  return {
    kind: "dialog",
    userId,
    // Several images in one message: one delivery each, in their order.
    deliveries: inputs.map((input, i) => ({
      key: `${event.event_name}:${key}${inputs.length > 1 ? `:${i}` : ""}`,
      seq: seq + i / 1000,
      update: { channel: CHANNEL, chatId: userId, user: { externalId: userId, displayName: name }, input },
    })),
  };
}

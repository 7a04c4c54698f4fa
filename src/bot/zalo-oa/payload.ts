import type { Input } from "../../dialogs/input.ts";

/**
 * Payloads of our `oa.query.hide` buttons. Zalo sends a pressed button's payload back as an
 * ordinary user_send_text whose text is the payload, hidden from the chat:
 * - `#c<nonce>.<index>` — a choice of the prompt with that nonce (stale once the nonce moves on);
 * - `#a:<action>:<target>` — a decision button of a notification (the server checks the right).
 */

export function encodePick(nonce: number, index: number): string {
  return `#c${nonce}.${index}`;
}

export function encodeAction(action: string, target: string): string {
  return `#a:${action}:${target}`;
}

/** The button press a text stands for, or null for a text the person typed. */
export function decodePayload(text: string): Extract<Input, { kind: "pick" | "action" }> | null {
  const pick = /^#c(\d{1,9})\.(\d{1,4})$/.exec(text);
  if (pick) return { kind: "pick", nonce: Number(pick[1]), index: Number(pick[2]) };
  const action = /^#a:([a-z_]{1,30}):([A-Za-z0-9_-]{1,64})$/.exec(text);
  if (action) return { kind: "action", action: action[1]!, target: action[2]! };
  return null;
}

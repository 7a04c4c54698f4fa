/**
 * Callback data of our inline buttons, within Telegram's 64 bytes:
 * - `c<nonce>.<index>` — a choice of the prompt with that nonce (stale once the nonce moves on);
 * - `a:<action>:<submission id>` — a decision button of a notification (checked server-side).
 */
export type Callback =
  | { kind: "pick"; nonce: number; index: number }
  | { kind: "action"; action: string; target: string };

export const MAX_CALLBACK_BYTES = 64;

export function encodePick(nonce: number, index: number): string {
  return `c${nonce}.${index}`;
}

export function encodeAction(action: string, target: string): string {
  const data = `a:${action}:${target}`;
  if (Buffer.byteLength(data) > MAX_CALLBACK_BYTES)
    throw new Error(`callback data over ${MAX_CALLBACK_BYTES} bytes: ${data}`);
  return data;
}

export function decodeCallback(data: string | undefined): Callback | null {
  if (!data) return null;
  const pick = /^c(\d{1,9})\.(\d{1,4})$/.exec(data);
  if (pick) return { kind: "pick", nonce: Number(pick[1]), index: Number(pick[2]) };
  const action = /^a:([a-z_]{1,20}):([A-Za-z0-9-]{1,40})$/.exec(data);
  if (action) return { kind: "action", action: action[1]!, target: action[2]! };
  return null;
}

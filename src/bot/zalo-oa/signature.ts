import { createHash, timingSafeEqual } from "node:crypto";

/**
 * The OA webhook's `X-ZEvent-Signature: mac=<hex>`, where hex = sha256(app_id + raw body +
 * timestamp + OA secret key): plain SHA-256 (not HMAC) over the body's bytes exactly as received;
 * `timestamp` is the string field inside the body.
 */
export function oaSignature(appId: string, rawBody: Buffer, timestamp: string, secretKey: string): string {
  return createHash("sha256")
    .update(appId, "utf8")
    .update(rawBody)
    .update(timestamp, "utf8")
    .update(secretKey, "utf8")
    .digest("hex");
}

/** Whether a header proves the body came from Zalo (compared in constant time). */
export function verifyOaSignature(
  header: string | string[] | undefined,
  input: { appId: string; rawBody: Buffer; timestamp: string | undefined; secretKey: string },
): boolean {
  if (typeof header !== "string" || !input.timestamp || !input.secretKey) return false;
  const received = /^\s*mac=([0-9a-fA-F]{64})\s*$/.exec(header)?.[1];
  if (!received) return false;
  const expected = oaSignature(input.appId, input.rawBody, input.timestamp, input.secretKey);
  return timingSafeEqual(Buffer.from(received.toLowerCase(), "hex"), Buffer.from(expected, "hex"));
}

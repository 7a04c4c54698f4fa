import { createHash, timingSafeEqual } from "node:crypto";

/**
 * Compares a received secret with the expected one in constant time: both are hashed first, so
 * neither the content nor the length of the expected secret leaks through timing.
 */
export function secretsEqual(received: string | string[] | undefined, expected: string): boolean {
  if (typeof received !== "string" || expected === "") return false;
  const digest = (s: string) => createHash("sha256").update(s, "utf8").digest();
  return timingSafeEqual(digest(received), digest(expected));
}

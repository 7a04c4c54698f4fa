// Shared row ↔ domain conversions: JSON columns, encrypted columns and string columns holding a
// closed set of values.
import type { Cipher } from "../cipher.ts";

/** JSON columns hold what a repository wrote from a domain value, so reading one back trusts its shape. */
export function fromJson<T>(text: string): T {
  return JSON.parse(text) as T;
}

export function toJson(value: unknown): string {
  return JSON.stringify(value);
}

/**
 * A string column narrowed to its domain type; any other value means the row is corrupt. The
 * domain's own string is returned, so the row's copy is garbage at once (a report keeps 100,000).
 */
export function oneOf<T extends string>(allowed: readonly T[], value: string, column: string): T {
  const index = (allowed as readonly string[]).indexOf(value);
  if (index >= 0) return allowed[index]!;
  throw new Error(`Unexpected value ${JSON.stringify(value)} in ${column}`);
}

export function oneOfOrNull<T extends string>(
  allowed: readonly T[],
  value: string | null,
  column: string,
): T | null {
  return value === null ? null : oneOf(allowed, value, column);
}

/** A personal value as stored: encrypted (null stays null). */
export function seal(cipher: Cipher, value: string | null): string | null {
  return value === null ? null : cipher.encrypt(value);
}

/** A stored personal value as written (null stays null). */
export function unseal(cipher: Cipher, stored: string | null): string | null {
  return stored === null ? null : cipher.decrypt(stored);
}

/** A JSON value stored encrypted (dialog state, payloads that may quote what a person typed). */
export function sealJson(cipher: Cipher, value: unknown): string {
  return cipher.encrypt(toJson(value));
}

export function unsealJson<T>(cipher: Cipher, stored: string): T {
  return fromJson<T>(cipher.decrypt(stored));
}

// Shared row ↔ domain conversions: JSON columns and string columns holding a closed set of values.

/** JSON columns hold what a repository wrote from a domain value, so reading one back trusts its shape. */
export function fromJson<T>(text: string): T {
  return JSON.parse(text) as T;
}

export function toJson(value: unknown): string {
  return JSON.stringify(value);
}

/** A string column narrowed to its domain type; any other value means the row is corrupt. */
export function oneOf<T extends string>(allowed: readonly T[], value: string, column: string): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new Error(`Unexpected value ${JSON.stringify(value)} in ${column}`);
}

export function oneOfOrNull<T extends string>(
  allowed: readonly T[],
  value: string | null,
  column: string,
): T | null {
  return value === null ? null : oneOf(allowed, value, column);
}

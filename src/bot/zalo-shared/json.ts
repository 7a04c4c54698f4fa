/**
 * JSON.parse that never loses an id: Zalo ids exceed 2^53, and although they arrive as strings in
 * every payload we know, an integer literal too long to be exact is kept as its digits (a string)
 * instead of being rounded into a wrong number.
 */
export function parseJsonKeepingIds(text: string): unknown {
  return JSON.parse(quoteLongIntegers(text));
}

/** Wraps integer literals of 16 or more digits (outside strings) in quotes. */
function quoteLongIntegers(text: string): string {
  let out = "";
  let i = 0;
  let copiedTo = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === '"') {
      // Skip the string, escapes included.
      i++;
      while (i < text.length && text[i] !== '"') i += text[i] === "\\" ? 2 : 1;
      i++;
      continue;
    }
    if (c === "-" || (c >= "0" && c <= "9")) {
      const match = /^-?\d+(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
      const literal = match?.[0] ?? c;
      const digits = literal.replace(/^-/, "");
      if (match && !match[1] && !match[2] && digits.length >= 16) {
        out += `${text.slice(copiedTo, i)}"${literal}"`;
        copiedTo = i + literal.length;
      }
      i += literal.length;
      continue;
    }
    i++;
  }
  return out + text.slice(copiedTo);
}

/** A field that should hold an id or a timestamp, as a string (a number is written out exactly). */
export function idString(value: unknown): string | undefined {
  if (typeof value === "string" && value !== "") return value;
  if (typeof value === "number" && Number.isSafeInteger(value)) return String(value);
  return undefined;
}

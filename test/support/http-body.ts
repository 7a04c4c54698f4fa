import type { IncomingMessage } from "node:http";
import type { UploadedFile } from "./telegram-schema.ts";

// Request bodies the way the Bot API accepts them: JSON, urlencoded forms, multipart forms
// (grammY uploads files that way), plus parameters in the query string.

export type Transport = "json" | "urlencoded" | "multipart" | "query" | "webhook-reply";

export interface ParsedRequest {
  transport: Transport;
  params: Record<string, unknown>;
  /** File parts by part name; a file sent under a parameter's own name is also in `params`. */
  files: Map<string, UploadedFile>;
}

export class BodyError extends Error {}

const MAX_BODY = 64 * 1024 * 1024;

export async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) throw new BodyError("Request Entity Too Large");
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

export function parseRequest(
  contentType: string | undefined,
  body: Buffer,
  query: URLSearchParams,
): ParsedRequest {
  const params: Record<string, unknown> = Object.fromEntries(query);
  const files = new Map<string, UploadedFile>();
  const type = (contentType ?? "").split(";")[0]!.trim().toLowerCase();
  if (body.length === 0) return { transport: query.size ? "query" : "json", params, files };
  if (type === "application/json") {
    return { transport: "json", params: { ...params, ...parseJsonObject(body) }, files };
  }
  if (type === "application/x-www-form-urlencoded") {
    const form = Object.fromEntries(new URLSearchParams(body.toString("utf8")));
    return { transport: "urlencoded", params: { ...params, ...form }, files };
  }
  if (type === "multipart/form-data") {
    const boundary = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType ?? "");
    if (!boundary) throw new BodyError("multipart/form-data without a boundary");
    const parts = parseMultipart(body, boundary[1] ?? boundary[2]!);
    for (const part of parts) {
      if (part.file) files.set(part.name, part.file);
      else params[part.name] = part.value;
    }
    return { transport: "multipart", params, files };
  }
  throw new BodyError(`unsupported content type "${contentType ?? ""}"`);
}

function parseJsonObject(body: Buffer): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString("utf8"));
  } catch {
    throw new BodyError("can't parse JSON object");
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw new BodyError("JSON body must be an object");
  }
  return parsed as Record<string, unknown>;
}

interface Part {
  name: string;
  value: string;
  file?: UploadedFile;
}

/** Splits a multipart body on its boundary; each part is headers, a blank line, then content. */
export function parseMultipart(body: Buffer, boundary: string): Part[] {
  const delimiter = Buffer.from(`--${boundary}`);
  const parts: Part[] = [];
  let pos = body.indexOf(delimiter);
  if (pos < 0) throw new BodyError("multipart body without its boundary");
  while (true) {
    pos += delimiter.length;
    if (body.subarray(pos, pos + 2).toString() === "--") break; // closing delimiter
    const next = body.indexOf(delimiter, pos);
    if (next < 0) throw new BodyError("multipart body is not terminated");
    // Content runs from after the CRLF that ends the delimiter line to before the CRLF preceding the next one.
    const raw = body.subarray(skipCrlf(body, pos), next - 2);
    parts.push(parsePart(raw));
    pos = next;
  }
  return parts;
}

function skipCrlf(body: Buffer, pos: number): number {
  return body[pos] === 0x0d && body[pos + 1] === 0x0a ? pos + 2 : pos;
}

function parsePart(raw: Buffer): Part {
  const split = raw.indexOf("\r\n\r\n");
  if (split < 0) throw new BodyError("multipart part without headers");
  const headers = raw.subarray(0, split).toString("utf8").split("\r\n");
  const content = raw.subarray(split + 4);
  let disposition = "";
  let contentType: string | undefined;
  for (const line of headers) {
    const colon = line.indexOf(":");
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (name === "content-disposition") disposition = value;
    if (name === "content-type") contentType = value;
  }
  const name = dispositionParam(disposition, "name");
  if (name === undefined) throw new BodyError("multipart part without a name");
  const filename = dispositionFilename(disposition);
  if (filename === undefined) return { name, value: content.toString("utf8") };
  const file: UploadedFile = { field: name, filename, size: content.length, data: Buffer.from(content) };
  if (contentType) file.contentType = contentType;
  return { name, value: "", file };
}

function dispositionParam(disposition: string, key: string): string | undefined {
  const m = new RegExp(`(?:^|;)\\s*${key}=(?:"([^"]*)"|([^;]*))`, "i").exec(disposition);
  return m ? (m[1] ?? m[2]!.trim()) : undefined;
}

/**
 * grammY writes `filename=<name>` unquoted (spaces and all), browsers quote it, and RFC 5987
 * clients send `filename*=UTF-8''<percent-encoded>`; all three are accepted.
 */
function dispositionFilename(disposition: string): string | undefined {
  const extended = /filename\*=(?:UTF-8|utf-8)''([^;]*)/.exec(disposition);
  if (extended) return decodeURIComponent(extended[1]!);
  const quoted = /;\s*filename="([^"]*)"/i.exec(disposition);
  if (quoted) return quoted[1];
  const bare = /;\s*filename=(.*)$/i.exec(disposition);
  return bare ? bare[1]!.trim() : undefined;
}

import { cleanText } from "./text.ts";
import type { Attachment, Problem } from "./types.ts";

/**
 * What a registration accepts as a file: photos and office documents an officer can open, of a
 * size the platforms can deliver. Anything else (programs, scripts, archives, a 2 GB "document")
 * is refused with the reason, before it reaches a draft an officer reads.
 */

export interface AttachmentLimits {
  /** The largest file, in bytes. */
  maxBytes: number;
  /** Files in one registration (or one proposal's results). */
  maxFiles: number;
}

/** 20 MB: Telegram bots cannot download a larger file anyway. */
export const ATTACHMENT_LIMITS: AttachmentLimits = { maxBytes: 20 * 1024 * 1024, maxFiles: 10 };

/** The allowed types, each by its file-name extensions and its MIME types. */
const FILE_TYPES: readonly { extensions: readonly string[]; mimes: readonly string[] }[] = [
  { extensions: ["jpg", "jpeg", "jfif"], mimes: ["image/jpeg", "image/jpg", "image/pjpeg"] },
  { extensions: ["png"], mimes: ["image/png"] },
  { extensions: ["webp"], mimes: ["image/webp"] },
  {
    extensions: ["heic", "heif"],
    mimes: ["image/heic", "image/heif", "image/heic-sequence", "image/heif-sequence"],
  },
  { extensions: ["gif"], mimes: ["image/gif"] },
  { extensions: ["pdf"], mimes: ["application/pdf", "application/x-pdf"] },
  { extensions: ["doc"], mimes: ["application/msword"] },
  {
    extensions: ["docx"],
    mimes: ["application/vnd.openxmlformats-officedocument.wordprocessingml.document"],
  },
  { extensions: ["xls"], mimes: ["application/vnd.ms-excel"] },
  { extensions: ["xlsx"], mimes: ["application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"] },
  { extensions: ["ppt"], mimes: ["application/vnd.ms-powerpoint"] },
  {
    extensions: ["pptx"],
    mimes: ["application/vnd.openxmlformats-officedocument.presentationml.presentation"],
  },
  { extensions: ["odt"], mimes: ["application/vnd.oasis.opendocument.text"] },
  { extensions: ["ods"], mimes: ["application/vnd.oasis.opendocument.spreadsheet"] },
  { extensions: ["odp"], mimes: ["application/vnd.oasis.opendocument.presentation"] },
];

/** MIME types that say nothing of the content (a client that did not look): the name decides. */
const UNTYPED = new Set(["application/octet-stream", "binary/octet-stream", "application/unknown"]);

/**
 * The extension a file name ends with, lower case, as the officer's computer will read it: after
 * cleaning (an override cannot hide ".exe"), and without trailing dots and spaces, which Windows
 * drops ("x.exe." opens as x.exe).
 */
export function extensionOf(name: string): string | null {
  const visible = cleanText(name).replace(/[.\s]+$/u, "");
  const dot = visible.lastIndexOf(".");
  return dot >= 0 && dot < visible.length - 1 ? visible.slice(dot + 1).toLowerCase() : null;
}

function mimeOf(file: Attachment): string | null {
  const mime = (file.mime ?? "").split(";")[0]!.trim().toLowerCase();
  return mime && !UNTYPED.has(mime) ? mime : null;
}

/** The parameters every file problem is worded with: the limits. */
export function attachmentLimitParams(limits: AttachmentLimits = ATTACHMENT_LIMITS) {
  return { max: limits.maxFiles, mb: Math.floor(limits.maxBytes / (1024 * 1024)) };
}

/**
 * Whether one more file may join the `attached` ones: a problem (`file_too_many`, `file_type`,
 * `file_mismatch`, `file_too_large`) or null. The type is read from the MIME type and from the
 * name's extension; when both are known they must name the same type. A photo with neither is
 * the platform's own picture (Telegram and Zalo re-encode photos) and is accepted; a document
 * with neither cannot be told apart from a program and is refused. A size the platform did not
 * give is not held against the file (Telegram refuses to hand over more than 20 MB anyway).
 */
export function checkAttachment(
  file: Attachment,
  attached: number,
  limits: AttachmentLimits = ATTACHMENT_LIMITS,
): Problem | null {
  const params = attachmentLimitParams(limits);
  if (attached >= limits.maxFiles) return { code: "file_too_many", params };
  const extension = file.name ? extensionOf(file.name) : null;
  const mime = mimeOf(file);
  const byName = extension === null ? undefined : FILE_TYPES.find((t) => t.extensions.includes(extension));
  const byMime = mime === null ? undefined : FILE_TYPES.find((t) => t.mimes.includes(mime));
  if ((extension !== null && !byName) || (mime !== null && !byMime)) return { code: "file_type", params };
  if (byName && byMime && byName !== byMime) return { code: "file_mismatch", params };
  if (!byName && !byMime && file.kind !== "photo") return { code: "file_type", params };
  if (file.size !== undefined && file.size > limits.maxBytes) return { code: "file_too_large", params };
  return null;
}

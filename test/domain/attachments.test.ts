import { describe, expect, it } from "vitest";
import { ATTACHMENT_LIMITS, checkAttachment, extensionOf } from "../../src/domain/attachments.ts";
import type { Attachment } from "../../src/domain/types.ts";

const MB = 1024 * 1024;
const doc = (name: string | undefined, mime?: string, size?: number): Attachment => ({
  kind: "document",
  channel: "telegram",
  ref: "f",
  ...(name === undefined ? {} : { name }),
  ...(mime === undefined ? {} : { mime }),
  ...(size === undefined ? {} : { size }),
});
const photo = (extra: Partial<Attachment> = {}): Attachment => ({
  kind: "photo",
  channel: "telegram",
  ref: "p",
  ...extra,
});
const codeOf = (file: Attachment, attached = 0) => checkAttachment(file, attached)?.code ?? null;

describe("attachments", () => {
  it("refuses a 2 GB program dressed as a photo by a right-to-left override", () => {
    const file = doc("photo\u202Egpj.exe", "application/x-msdownload", 2 * 1024 * MB);
    expect(checkAttachment(file, 0)).toEqual({ code: "file_type", params: { max: 10, mb: 20 } });
  });

  it("accepts a 3 MB PDF and a JPEG photo", () => {
    expect(codeOf(doc("Kế hoạch.pdf", "application/pdf", 3 * MB))).toBeNull();
    expect(codeOf(photo({ size: 180_000 }))).toBeNull();
    expect(codeOf(doc("IMG_0001.JPG", "image/jpeg", 4 * MB))).toBeNull();
  });

  it("refuses an 11th file", () => {
    expect(codeOf(photo(), 9)).toBeNull();
    expect(checkAttachment(photo(), ATTACHMENT_LIMITS.maxFiles)).toEqual({
      code: "file_too_many",
      params: { max: 10, mb: 20 },
    });
  });

  it.each([
    ["a.jpg", "image/jpeg"],
    ["a.jpeg", "image/jpg"],
    ["a.png", "image/png"],
    ["a.webp", "image/webp"],
    ["a.HEIC", "image/heic"],
    ["a.heic", "image/heif"],
    ["a.heif", "image/heif"],
    ["a.gif", "image/gif"],
    ["a.pdf", "application/pdf"],
    ["a.doc", "application/msword"],
    ["a.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"],
    ["a.xls", "application/vnd.ms-excel"],
    ["a.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"],
    ["a.ppt", "application/vnd.ms-powerpoint"],
    ["a.pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation"],
    ["a.odt", "application/vnd.oasis.opendocument.text"],
    ["a.ods", "application/vnd.oasis.opendocument.spreadsheet"],
    ["a.odp", "application/vnd.oasis.opendocument.presentation"],
    ["Báo cáo.PDF", "Application/PDF; charset=binary"],
  ])("accepts %s as %s", (name, mime) => {
    expect(codeOf(doc(name, mime, MB))).toBeNull();
    // Either alone decides when the other is unknown (Zalo gives names only).
    expect(codeOf(doc(name))).toBeNull();
    expect(codeOf(doc(undefined, mime))).toBeNull();
  });

  it.each([
    ["setup.exe", "application/x-msdownload"],
    ["screen.scr", undefined],
    ["script.js", "text/javascript"],
    ["run.bat", undefined],
    ["run.cmd", undefined],
    ["tool.msi", undefined],
    ["macro.vbs", undefined],
    ["page.html", "text/html"],
    ["drawing.svg", "image/svg+xml"],
    ["archive.zip", "application/zip"],
    ["archive.rar", undefined],
    ["app.apk", "application/vnd.android.package-archive"],
    ["macro.docm", "application/vnd.ms-word.document.macroEnabled.12"],
    ["notes.txt", "text/plain"],
    ["clip.mp4", "video/mp4"],
    ["report.pdf.exe", "application/pdf"],
    ["report.exe.", "application/pdf"],
    ["report.exe  ", undefined],
    [`report\u202Efdp.exe`, "application/pdf"],
  ])("refuses %s (%s)", (name, mime) => {
    expect(codeOf(doc(name, mime, MB))).toBe("file_type");
  });

  it("refuses a file whose name and type name different allowed types", () => {
    expect(codeOf(doc("scan.pdf", "image/jpeg"))).toBe("file_mismatch");
    expect(codeOf(doc("table.xlsx", "application/msword"))).toBe("file_mismatch");
  });

  it("lets the name decide when the MIME type says nothing", () => {
    expect(codeOf(doc("ke-hoach.docx", "application/octet-stream"))).toBeNull();
    expect(codeOf(doc("virus.exe", "application/octet-stream"))).toBe("file_type");
  });

  it("refuses a document that gives neither a usable name nor a type, but not a platform's photo", () => {
    expect(codeOf(doc(undefined))).toBe("file_type");
    expect(codeOf(doc("scan"))).toBe("file_type");
    expect(codeOf(doc("scan", "application/octet-stream"))).toBe("file_type");
    expect(codeOf(photo())).toBeNull();
    expect(codeOf(photo({ name: "x.exe" }))).toBe("file_type");
  });

  it("refuses a file over 20 MB, and does not hold an unknown size against one", () => {
    expect(codeOf(doc("a.pdf", "application/pdf", 20 * MB))).toBeNull();
    expect(checkAttachment(doc("a.pdf", "application/pdf", 20 * MB + 1), 0)).toEqual({
      code: "file_too_large",
      params: { max: 10, mb: 20 },
    });
    expect(codeOf(photo({ size: 25 * MB }))).toBe("file_too_large");
    expect(codeOf(doc("a.pdf", "application/pdf"))).toBeNull();
  });

  it("takes other limits", () => {
    const limits = { maxBytes: 5 * MB, maxFiles: 3 };
    expect(checkAttachment(doc("a.pdf", undefined, 6 * MB), 0, limits)).toEqual({
      code: "file_too_large",
      params: { max: 3, mb: 5 },
    });
    expect(checkAttachment(photo(), 3, limits)?.code).toBe("file_too_many");
  });

  it.each([
    ["a.PDF", "pdf"],
    ["a.tar.gz", "gz"],
    ["photo\u202Egpj.exe", "exe"],
    ["x.exe. . ", "exe"],
    [".pdf", "pdf"],
    ["README", null],
    ["a.", null],
  ])("reads the extension of %j as %j", (name, extension) => {
    expect(extensionOf(name)).toBe(extension);
  });
});

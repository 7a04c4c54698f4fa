import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { strFromU8, unzipSync } from "fflate";
import { root } from "../support/fixtures.ts";

/**
 * Reading the documents back as a person would: a DOCX's text from word/document.xml, a PDF's
 * through poppler's pdftotext and pdffonts; and each rendered to PNG pages under .tmp/documents
 * for a look (pdftoppm; a DOCX through LibreOffice first).
 */

export const OUT = join(root, ".tmp/documents");

export function docxParts(bytes: Uint8Array): Record<string, Uint8Array> {
  return unzipSync(bytes);
}

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };
const decodeXml = (xml: string) => xml.replace(/&(amp|lt|gt|quot|apos);/g, (_, e: string) => ENTITIES[e]!);

/** The text of a piece of WordprocessingML: its runs' text, joined. */
const textOf = (xml: string) =>
  [...xml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => decodeXml(m[1]!)).join("");

/** The document's paragraphs (a table's cells are paragraphs too), in order, as text; empty ones left out. */
export function docxParagraphs(bytes: Uint8Array): string[] {
  return docxXml(bytes)
    .split("</w:p>")
    .map(textOf)
    .filter((text) => text !== "");
}

/** The document's tables: rows of cells' text. */
export function docxTables(bytes: Uint8Array): string[][][] {
  return [...docxXml(bytes).matchAll(/<w:tbl>([\s\S]*?)<\/w:tbl>/g)].map((table) =>
    [...table[1]!.matchAll(/<w:tr[ >]([\s\S]*?)<\/w:tr>/g)].map((row) =>
      [...row[1]!.matchAll(/<w:tc>([\s\S]*?)<\/w:tc>/g)].map((cell) => textOf(cell[1]!)),
    ),
  );
}

export function docxXml(bytes: Uint8Array, part = "word/document.xml"): string {
  return strFromU8(docxParts(bytes)[part]!);
}

/** This process's own folder for the files the tools read (test files run side by side). */
const scratch = mkdtempSync(join(tmpdir(), "dvk-documents-"));
process.on("exit", () => rmSync(scratch, { recursive: true, force: true }));

function saved(name: string, bytes: Uint8Array, dir = scratch): string {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, name);
  writeFileSync(file, bytes);
  return file;
}

/** pdftotext's text: `layout` keeps the columns of each line (a table's rows). */
export function pdfText(bytes: Uint8Array, mode: "flow" | "layout" = "flow"): string {
  const file = saved("read.pdf", bytes);
  return execFileSync("pdftotext", [...(mode === "layout" ? ["-layout"] : []), file, "-"], {
    encoding: "utf8",
  });
}

/** pdftotext's text with every run of white space one space: sentences read across line breaks. */
export function pdfFlow(bytes: Uint8Array): string {
  return pdfText(bytes).replace(/\s+/g, " ");
}

/** The fonts the PDF uses, as pdffonts lists them: name and whether it is embedded. */
export function pdfFonts(bytes: Uint8Array): { name: string; embedded: boolean }[] {
  const lines = execFileSync("pdffonts", [saved("fonts.pdf", bytes)], { encoding: "utf8" })
    .split("\n")
    .slice(2);
  return lines
    .filter((l) => l.trim())
    .map((l) => {
      const [name, ...rest] = l.trim().split(/\s+/);
      // Columns after the name: type (one or two words), encoding, emb, sub, uni, object, generation.
      return { name: name!, embedded: rest[rest.length - 5] === "yes" };
    });
}

export function pdfInfo(bytes: Uint8Array): Record<string, string> {
  const text = execFileSync("pdfinfo", [saved("info.pdf", bytes)], { encoding: "utf8" });
  return Object.fromEntries(
    text
      .split("\n")
      .filter((l) => l.includes(":"))
      .map((l) => [l.slice(0, l.indexOf(":")), l.slice(l.indexOf(":") + 1).trim()]),
  );
}

/**
 * Saves a document under .tmp/documents and renders its pages to PNG (`<name>-<page>.png`, 60
 * dpi). A DOCX is converted to PDF by LibreOffice first (Debian's libreoffice-writer-nogui, which
 * `.ci/run` installs). Returns the PNG files.
 */
export function renderPages(name: string, bytes: Uint8Array, kind: "pdf" | "docx"): string[] {
  const file = saved(`${name}.${kind}`, bytes, OUT);
  let pdf = file;
  if (kind === "docx") {
    // A profile of its own: two LibreOffice processes cannot share one.
    const profile = `-env:UserInstallation=file://${join(scratch, "libreoffice")}`;
    execFileSync("libreoffice", [profile, "--headless", "--convert-to", "pdf", "--outdir", scratch, file], {
      stdio: "ignore",
      timeout: 120_000,
    });
    pdf = join(scratch, `${name}.pdf`);
  }
  const base = `${name}${kind === "docx" ? "-docx" : ""}`;
  const page = new RegExp(`^${base}-\\d+\\.png$`);
  for (const f of readdirSync(OUT)) if (page.test(f)) rmSync(join(OUT, f));
  execFileSync("pdftoppm", ["-png", "-r", "60", pdf, join(OUT, base)]);
  return readdirSync(OUT)
    .filter((f) => page.test(f))
    .map((f) => join(OUT, f));
}

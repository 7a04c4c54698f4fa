import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

/**
 * The documents' typeface: DejaVu Serif Condensed from the `dejavu-fonts-ttf` package, a serif
 * with every Vietnamese glyph and about the width of Times New Roman, which offices use. The PDF
 * embeds it and the DOCX carries it, so the machine's fonts never matter.
 */

export const FONT_FAMILY = "DejaVu Serif Condensed";

export type Face = "regular" | "bold" | "italic";

const FILES: Record<Face, string> = {
  regular: "DejaVuSerifCondensed.ttf",
  bold: "DejaVuSerifCondensed-Bold.ttf",
  italic: "DejaVuSerifCondensed-Italic.ttf",
};

const loaded = new Map<Face, Buffer>();

/** The bytes of a face's TTF file, read once. */
export function fontFile(face: Face): Buffer {
  let data = loaded.get(face);
  if (!data) {
    const require = createRequire(import.meta.url);
    data = readFileSync(require.resolve(`dejavu-fonts-ttf/ttf/${FILES[face]}`));
    loaded.set(face, data);
  }
  return data;
}

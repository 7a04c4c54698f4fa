/**
 * A printed document as a Vietnamese office lays it out (Nghị định 30/2020/NĐ-CP), independent of
 * the file format: the issuing body on the left and the national heading on the right, the place
 * and date, the title, the body, the signature. docx.ts and pdf.ts render it; the documents only
 * fill it in, every sentence already translated.
 */

export interface Run {
  text: string;
  bold?: boolean;
  italic?: boolean;
}

export type Align = "left" | "center" | "right" | "justify";

export interface Column {
  heading: string;
  /** Its share of the table's width (any unit: millimetres, characters). */
  width: number;
  align: Align;
}

export type TableRow =
  /** A row of cells, one per column; `bold` for a total. */
  | { cells: string[]; bold?: boolean }
  /** A heading across the whole table (a field's group in the summary list). */
  | { group: string };

export type Block =
  /** A section's heading: "I. THÔNG TIN ĐĂNG KÝ". */
  | { kind: "section"; text: string }
  | { kind: "paragraph"; runs: Run[]; align?: Align; size?: "normal" | "large" }
  /**
   * A bordered table, its heading row repeated on every page; `dense` in small type, `whole` kept
   * on one page when it fits on one.
   */
  | { kind: "table"; columns: Column[]; rows: TableRow[]; dense?: boolean; whole?: boolean };

export interface OfficialDocument {
  /** The file's title (its metadata). */
  name: string;
  orientation: "portrait" | "landscape";
  /** The issuing body, upper case, on the left above a short rule; none for an individual. */
  issuer: string[];
  /** "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" and "Độc lập – Tự do – Hạnh phúc" (underlined). */
  country: string;
  motto: string;
  /** "Ninh Bình, ngày 10 tháng 3 năm 2026": under the motto, or above the signature. */
  placeAndDate: string;
  dateAt: "heading" | "signature";
  /** The title, centred and bold; the first line the largest. */
  title: string[];
  body: Block[];
  /** Right-aligned: "TM. BAN CHỈ ĐẠO", "TRƯỞNG BAN" (bold), a note in italics, room to sign, a name. */
  signature: { lines: string[]; note?: string; name?: string };
  /** An office's letter or form; a certificate is framed, with larger type and airier lines (PDF only). */
  style: "letter" | "certificate";
}

/** The page, in millimetres: A4, margins of Nghị định 30/2020 (top, bottom 20; left 30; right 15). */
export const PAGE = {
  width: 210,
  height: 297,
  margin: { top: 20, bottom: 20, left: 30, right: 15 },
  /** The share of the width the issuer's column takes (the national heading has the rest). */
  issuerShare: 0.4,
};

/** Lines left blank under a signature's title, to sign and seal in. */
export const SIGNING_ROOM = 4;

/** Type sizes in points. */
export const SIZE = {
  body: 12,
  issuer: 12,
  country: 12,
  motto: 13,
  title: 15,
  subtitle: 13,
  large: 14,
  table: 11,
  /** The summary list's table, landscape with eleven columns. */
  dense: 9,
};

/** A certificate's type sizes, in place of those of a letter. */
export const CERTIFICATE_SIZE: Partial<typeof SIZE> = { title: 30, body: 14, large: 18 };

/** Shading of a table's heading row and of its group rows, as RGB hex. */
export const SHADE = { heading: "DDEBF7", group: "F2F2F2" };

/** The page's size in millimetres, turned for landscape. */
export function pageSize(doc: Pick<OfficialDocument, "orientation">): { width: number; height: number } {
  return doc.orientation === "portrait"
    ? { width: PAGE.width, height: PAGE.height }
    : { width: PAGE.height, height: PAGE.width };
}

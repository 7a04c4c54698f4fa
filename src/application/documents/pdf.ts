import PDFDocument from "pdfkit";
import { fontFile } from "./fonts.ts";
import {
  type Block,
  CERTIFICATE_SIZE,
  type OfficialDocument,
  PAGE,
  pageSize,
  type Run,
  SHADE,
  SIGNING_ROOM,
  SIZE,
} from "./layout.ts";

/**
 * An official document as a PDF (pdfkit): the same layout as the Word file, drawn on A4 with the
 * typeface embedded, the customary rules under the issuer and the motto drawn to their text; a
 * section's heading and a table start a new page rather than leave the heading alone at the bottom.
 */

const pt = (mm: number) => (mm * 72) / 25.4;

const FACE = { regular: "dvk-serif", bold: "dvk-serif-bold", italic: "dvk-serif-italic" } as const;
const faceOf = (r: Run) => (r.bold ? FACE.bold : r.italic ? FACE.italic : FACE.regular);

type Pdf = PDFKit.PDFDocument;
type Table = Extract<Block, { kind: "table" }>;

/** The page's columns (the issuer's on the left, the national heading's on the right) and its type. */
interface Sheet {
  x: number;
  width: number;
  leftWidth: number;
  rightX: number;
  rightWidth: number;
  size: typeof SIZE;
  /** Space after a paragraph, in lines. */
  gap: number;
}

const CELL_PADDING = [3, 4] as const;

function rule(pdf: Pdf, centre: number, y: number, length: number): void {
  pdf
    .moveTo(centre - length / 2, y)
    .lineTo(centre + length / 2, y)
    .lineWidth(0.7)
    .stroke();
}

function heading(pdf: Pdf, doc: OfficialDocument, s: Sheet): void {
  const top = pdf.y;
  let left = top;
  if (doc.issuer.length) {
    pdf.font(FACE.bold).fontSize(s.size.issuer);
    for (const line of doc.issuer) {
      pdf.text(line, s.x, left, { width: s.leftWidth, align: "center" });
      left = pdf.y;
    }
    const widest = Math.max(...doc.issuer.map((line) => pdf.widthOfString(line)));
    rule(pdf, s.x + s.leftWidth / 2, left + 3, Math.min(widest, s.leftWidth) / 3);
    left += 6;
  }
  pdf.font(FACE.bold).fontSize(s.size.country);
  pdf.text(doc.country, s.rightX, top, { width: s.rightWidth, align: "center" });
  pdf.fontSize(s.size.motto).text(doc.motto, s.rightX, pdf.y, { width: s.rightWidth, align: "center" });
  rule(pdf, s.rightX + s.rightWidth / 2, pdf.y + 3, pdf.widthOfString(doc.motto));
  if (doc.dateAt === "heading") {
    pdf.font(FACE.italic).fontSize(s.size.body);
    pdf.text(doc.placeAndDate, s.rightX, pdf.y + 12, { width: s.rightWidth, align: "center" });
  }
  pdf.x = s.x;
  pdf.y = Math.max(left, pdf.y);
}

/** Starts a new page unless `height` points still fit on this one. */
function keep(pdf: Pdf, height: number): void {
  if (pdf.y + height > pdf.page.maxY()) pdf.addPage();
}

function columnWidths(b: Table, s: Sheet): number[] {
  const total = b.columns.reduce((sum, c) => sum + c.width, 0);
  return b.columns.map((c) => (s.width * c.width) / total);
}

/** A table's height as pdfkit will draw it: each row as tall as its tallest cell. */
function tableHeight(pdf: Pdf, b: Table, s: Sheet): number {
  const widths = columnWidths(b, s);
  const [v, h] = CELL_PADDING;
  const height = (text: string, face: string, width: number) =>
    pdf.font(face).heightOfString(text, { width: width - 2 * h }) + 2 * v;
  pdf.fontSize(b.dense ? s.size.dense : s.size.table);
  const rows = [
    Math.max(...b.columns.map((c, i) => height(c.heading, FACE.bold, widths[i]!))),
    ...b.rows.map((row) =>
      "group" in row
        ? height(row.group, FACE.bold, s.width)
        : Math.max(
            ...row.cells.map((text, i) => height(text, row.bold ? FACE.bold : FACE.regular, widths[i]!)),
          ),
    ),
  ];
  return rows.reduce((a, b) => a + b, 0);
}

/** The height of what must stand on the same page as a section's heading above it. */
function opening(pdf: Pdf, b: Block | undefined, s: Sheet): number {
  if (b?.kind === "table") return Math.min(tableHeight(pdf, b, s), 160);
  return s.size.body * 3;
}

function table(pdf: Pdf, b: Table, s: Sheet): void {
  const size = b.dense ? s.size.dense : s.size.table;
  const font = (face: string) => ({ src: face, size });
  // Whole on one page when it fits on one, else at least its heading and first rows.
  keep(pdf, b.whole ? Math.min(tableHeight(pdf, b, s), pdf.page.maxY() - pdf.page.margins.top) : size * 8);
  pdf.table({
    position: { x: s.x, y: pdf.y },
    columnStyles: columnWidths(b, s),
    defaultStyle: { border: 0.6, padding: [...CELL_PADDING] },
    data: [
      b.columns.map((c) => ({
        text: c.heading,
        font: font(FACE.bold),
        backgroundColor: `#${SHADE.heading}`,
        align: { x: "center" as const, y: "center" as const },
      })),
      ...b.rows.map((row) =>
        "group" in row
          ? [
              {
                text: row.group,
                colSpan: b.columns.length,
                font: font(FACE.bold),
                backgroundColor: `#${SHADE.group}`,
              },
            ]
          : row.cells.map((text, i) => ({
              text,
              font: font(row.bold ? FACE.bold : FACE.regular),
              align: { x: b.columns[i]!.align, y: "center" as const },
            })),
      ),
    ],
  });
  pdf.x = s.x;
  pdf.moveDown(0.6);
}

function block(pdf: Pdf, b: Block, next: Block | undefined, s: Sheet): void {
  switch (b.kind) {
    case "section":
      pdf.font(FACE.bold).fontSize(s.size.body);
      keep(pdf, pdf.currentLineHeight(true) * 2.5 + opening(pdf, next, s));
      pdf.font(FACE.bold).fontSize(s.size.body).moveDown(0.5);
      pdf.text(b.text, s.x, pdf.y, { width: s.width });
      pdf.moveDown(0.3);
      return;
    case "paragraph": {
      const options = { width: s.width, align: b.align ?? "justify", lineGap: 1.5 };
      pdf.fontSize(b.size === "large" ? s.size.large : s.size.body);
      pdf.x = s.x;
      b.runs.forEach((r, i) => {
        pdf.font(faceOf(r)).text(r.text, { ...options, continued: i < b.runs.length - 1 });
      });
      pdf.moveDown(s.gap);
      return;
    }
    case "table":
      table(pdf, b, s);
  }
}

/** Right of the page, centred in the national heading's column, kept together on one page. */
function signature(pdf: Pdf, doc: OfficialDocument, s: Sheet): void {
  const sig = doc.signature;
  const lines = [
    ...(doc.dateAt === "signature" ? [{ text: doc.placeAndDate, face: FACE.italic }] : []),
    ...sig.lines.map((text) => ({ text, face: FACE.bold })),
    ...(sig.note ? [{ text: sig.note, face: FACE.italic }] : []),
  ];
  pdf.fontSize(s.size.body);
  // A line of space, the lines, room to sign (and seal), the name.
  keep(pdf, pdf.currentLineHeight(true) * (1 + lines.length + SIGNING_ROOM + (sig.name ? 1 : 0)));
  pdf.moveDown(1);
  for (const l of lines)
    pdf.font(l.face).text(l.text, s.rightX, pdf.y, { width: s.rightWidth, align: "center" });
  if (sig.name) {
    pdf.moveDown(SIGNING_ROOM);
    pdf.font(FACE.bold).text(sig.name, s.rightX, pdf.y, { width: s.rightWidth, align: "center" });
  }
}

/** A certificate's double border round the page. */
function border(pdf: Pdf): void {
  const { width, height } = pdf.page;
  const outer = pt(10);
  const inner = pt(11.5);
  pdf
    .lineWidth(2.2)
    .rect(outer, outer, width - 2 * outer, height - 2 * outer)
    .stroke();
  pdf
    .lineWidth(0.7)
    .rect(inner, inner, width - 2 * inner, height - 2 * inner)
    .stroke();
}

export function renderPdf(doc: OfficialDocument): Promise<Uint8Array> {
  const page = pageSize(doc);
  const m = PAGE.margin;
  const pdf = new PDFDocument({
    size: [pt(page.width), pt(page.height)],
    margins: { top: pt(m.top), bottom: pt(m.bottom), left: pt(m.left), right: pt(m.right) },
    info: { Title: doc.name, Creator: "DVK Bot" },
  });
  const chunks: Uint8Array[] = [];
  const done = new Promise<Uint8Array>((resolve, reject) => {
    pdf.on("data", (chunk: Uint8Array) => chunks.push(chunk));
    pdf.on("end", () => resolve(Buffer.concat(chunks)));
    pdf.on("error", reject);
  });
  pdf.registerFont(FACE.regular, fontFile("regular"));
  pdf.registerFont(FACE.bold, fontFile("bold"));
  pdf.registerFont(FACE.italic, fontFile("italic"));
  const certificate = doc.style === "certificate";
  if (certificate) {
    border(pdf);
    pdf.on("pageAdded", () => border(pdf));
  }
  const x = pt(m.left);
  const width = pt(page.width - m.left - m.right);
  const leftWidth = width * PAGE.issuerShare;
  const s: Sheet = {
    x,
    width,
    leftWidth,
    rightX: x + leftWidth,
    rightWidth: width - leftWidth,
    size: certificate ? { ...SIZE, ...CERTIFICATE_SIZE } : SIZE,
    gap: certificate ? 0.45 : 0.3,
  };

  heading(pdf, doc, s);
  pdf.moveDown(certificate ? 1.5 : 1.2);
  doc.title.forEach((line, i) => {
    pdf.font(FACE.bold).fontSize(i === 0 ? s.size.title : s.size.subtitle);
    pdf.text(line, s.x, pdf.y, { width, align: "center" });
  });
  pdf.moveDown(1);
  for (const [i, b] of doc.body.entries()) block(pdf, b, doc.body[i + 1], s);
  signature(pdf, doc, s);
  pdf.end();
  return done;
}

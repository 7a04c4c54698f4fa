import {
  AlignmentType,
  BorderStyle,
  Document,
  Packer,
  PageOrientation,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlignTable,
  WidthType,
} from "docx";
import { FONT_FAMILY, fontFile } from "./fonts.ts";
import {
  type Align,
  type Block,
  type OfficialDocument,
  PAGE,
  pageSize,
  type Run,
  SHADE,
  SIGNING_ROOM,
  SIZE,
} from "./layout.ts";

/**
 * An official document as a Word file (docx): the heading as a borderless two-column table, the
 * tables with their heading row repeated on each page, and the typeface embedded so the document
 * reads the same on a machine without it.
 */

const twips = (mm: number) => Math.round((mm * 1440) / 25.4);
const halfPoints = (pt: number) => pt * 2;

const ALIGN = {
  left: AlignmentType.LEFT,
  center: AlignmentType.CENTER,
  right: AlignmentType.RIGHT,
  justify: AlignmentType.JUSTIFIED,
} as const;

const NONE = { style: BorderStyle.NONE, size: 0, color: "auto" };
const NO_BORDERS = {
  top: NONE,
  bottom: NONE,
  left: NONE,
  right: NONE,
  insideHorizontal: NONE,
  insideVertical: NONE,
};
const RULE = { style: BorderStyle.SINGLE, size: 6, color: "000000" };

interface LineOptions {
  size?: number;
  align?: Align;
  before?: number;
  after?: number;
  keepNext?: boolean;
  indent?: number;
}

function paragraph(runs: Run[], o: LineOptions = {}): Paragraph {
  return new Paragraph({
    alignment: ALIGN[o.align ?? "left"],
    spacing: { before: o.before ?? 0, after: o.after ?? 0 },
    keepNext: o.keepNext,
    keepLines: true,
    ...(o.indent ? { indent: { left: o.indent } } : {}),
    children: runs.map(
      (r) =>
        new TextRun({ text: r.text, bold: r.bold, italics: r.italic, size: halfPoints(o.size ?? SIZE.body) }),
    ),
  });
}

/** A short rule under the issuer's name (a third of its column, centred). */
function shortRule(columnWidth: number): Paragraph {
  const indent = Math.round(columnWidth / 3);
  return new Paragraph({
    border: { bottom: RULE },
    indent: { left: indent, right: indent },
    spacing: { after: 0, line: 120, lineRule: "exact" },
    children: [new TextRun({ text: "", size: 2 })],
  });
}

function heading(doc: OfficialDocument, width: number): Table {
  const left = Math.round(width * PAGE.issuerShare);
  const right = width - left;
  const center = { align: "center" as const };
  const issuer = doc.issuer.length
    ? [
        ...doc.issuer.map((line) =>
          paragraph([{ text: line, bold: true }], { ...center, size: SIZE.issuer }),
        ),
        shortRule(left),
      ]
    : [paragraph([])];
  const national = [
    paragraph([{ text: doc.country, bold: true }], { ...center, size: SIZE.country }),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      children: [new TextRun({ text: doc.motto, bold: true, underline: {}, size: halfPoints(SIZE.motto) })],
    }),
    ...(doc.dateAt === "heading"
      ? [paragraph([{ text: doc.placeAndDate, italic: true }], { ...center, before: 200 })]
      : []),
  ];
  const cell = (children: Paragraph[], w: number) =>
    new TableCell({ children, width: { size: w, type: WidthType.DXA }, borders: NO_BORDERS });
  return new Table({
    width: { size: width, type: WidthType.DXA },
    columnWidths: [left, right],
    layout: TableLayoutType.FIXED,
    borders: NO_BORDERS,
    rows: [new TableRow({ children: [cell(issuer, left), cell(national, right)] })],
  });
}

function table(block: Extract<Block, { kind: "table" }>, width: number): Table {
  const size = block.dense ? SIZE.dense : SIZE.table;
  const total = block.columns.reduce((sum, c) => sum + c.width, 0);
  const widths = block.columns.map((c) => Math.floor((width * c.width) / total));
  const margins = { top: 40, bottom: 40, left: 70, right: 70 };
  const cell = (runs: Run[], align: Align, w: number, shade?: string, span?: number) =>
    new TableCell({
      children: [paragraph(runs, { size, align })],
      width: { size: w, type: WidthType.DXA },
      margins,
      verticalAlign: VerticalAlignTable.CENTER,
      ...(span ? { columnSpan: span } : {}),
      ...(shade ? { shading: { type: ShadingType.CLEAR, color: "auto", fill: shade } } : {}),
    });
  const headingRow = new TableRow({
    tableHeader: true,
    cantSplit: true,
    keepNext: block.whole,
    children: block.columns.map((c, i) =>
      cell([{ text: c.heading, bold: true }], "center", widths[i]!, SHADE.heading),
    ),
  });
  const rows = block.rows.map((row, n) => {
    const o = { cantSplit: true, keepNext: block.whole === true && n < block.rows.length - 1 };
    return "group" in row
      ? new TableRow({
          ...o,
          children: [cell([{ text: row.group, bold: true }], "left", width, SHADE.group, widths.length)],
        })
      : new TableRow({
          ...o,
          children: row.cells.map((text, i) =>
            cell([{ text, bold: row.bold }], block.columns[i]!.align, widths[i]!),
          ),
        });
  });
  return new Table({
    width: { size: widths.reduce((a, b) => a + b, 0), type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    rows: [headingRow, ...rows],
  });
}

function block(b: Block, width: number): (Paragraph | Table)[] {
  switch (b.kind) {
    case "section":
      return [paragraph([{ text: b.text, bold: true }], { before: 200, after: 80, keepNext: true })];
    case "paragraph":
      return [
        paragraph(b.runs, {
          align: b.align ?? "justify",
          size: b.size === "large" ? SIZE.large : SIZE.body,
          after: 80,
        }),
      ];
    case "table":
      return [table(b, width), paragraph([], { after: 80 })];
  }
}

/** Right of the page, centred in the national heading's column, kept together on one page. */
function signature(doc: OfficialDocument, width: number): Paragraph[] {
  const o = { align: "center" as const, indent: Math.round(width * PAGE.issuerShare), keepNext: true };
  const s = doc.signature;
  return [
    paragraph([], { ...o, before: 200 }),
    ...(doc.dateAt === "signature" ? [paragraph([{ text: doc.placeAndDate, italic: true }], o)] : []),
    ...s.lines.map((line) => paragraph([{ text: line, bold: true }], o)),
    ...(s.note ? [paragraph([{ text: s.note, italic: true }], o)] : []),
    ...Array.from({ length: SIGNING_ROOM }, () => paragraph([], o)),
    paragraph(s.name ? [{ text: s.name, bold: true }] : [], { ...o, keepNext: false }),
  ];
}

export async function renderDocx(doc: OfficialDocument): Promise<Uint8Array> {
  const page = pageSize(doc);
  const m = PAGE.margin;
  const width = twips(page.width - m.left - m.right);
  const title = doc.title.map((line, i) =>
    paragraph([{ text: line, bold: true }], {
      align: "center",
      size: i === 0 ? SIZE.title : SIZE.subtitle,
      before: i === 0 ? 360 : 0,
      after: i === doc.title.length - 1 ? 240 : 0,
    }),
  );
  const document = new Document({
    creator: "DVK Bot",
    title: doc.name,
    fonts: [
      { name: FONT_FAMILY, data: fontFile("regular"), bold: fontFile("bold"), italic: fontFile("italic") },
    ],
    styles: { default: { document: { run: { font: FONT_FAMILY, size: halfPoints(SIZE.body) } } } },
    sections: [
      {
        properties: {
          page: {
            size: {
              width: twips(PAGE.width),
              height: twips(PAGE.height),
              orientation:
                doc.orientation === "portrait" ? PageOrientation.PORTRAIT : PageOrientation.LANDSCAPE,
            },
            margin: {
              top: twips(m.top),
              bottom: twips(m.bottom),
              left: twips(m.left),
              right: twips(m.right),
            },
          },
        },
        children: [
          heading(doc, width),
          ...title,
          ...doc.body.flatMap((b) => block(b, width)),
          ...signature(doc, width),
        ],
      },
    ],
  });
  return Packer.toBuffer(document);
}

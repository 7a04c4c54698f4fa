import { createTranslator } from "../../src/application/i18n.ts";
import { buildReport, type Report } from "../../src/application/reports/report.ts";
import { demoTree, threeTier } from "../support/fixtures.ts";
import { dataset } from "./dataset.ts";

export const tree = demoTree(threeTier);
export const translator = createTranslator(threeTier);
/** 05/11/2026 01:30 in Vietnam, still 04/11 in UTC: the date shown must be Vietnam's. */
export const NOW = new Date("2026-11-04T18:30:00Z");

/** The report of Huyện Hoa Lư for 2026 over the generated data set (13 models). */
export function hoaLuReport(copies = 1): Report {
  return buildReport({
    submissions: dataset(tree, threeTier, copies),
    tree,
    rulebook: threeTier,
    bodyCode: "NB-HL",
    from: 2026,
    now: NOW,
  });
}

export function emptyReport(): Report {
  return buildReport({
    submissions: [],
    tree,
    rulebook: threeTier,
    bodyCode: "NB-HL-TY",
    from: 2026,
    now: NOW,
  });
}

/** A strict RFC 4180 reader: records end with CRLF; quoted fields may hold commas, quotes and line breaks. */
export function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = "";
  let i = 0;
  while (i < text.length) {
    if (text[i] === '"' && field === "") {
      i++;
      for (;;) {
        if (i >= text.length) throw new Error("unterminated quote");
        if (text[i] === '"' && text[i + 1] === '"') {
          field += '"';
          i += 2;
        } else if (text[i] === '"') {
          i++;
          break;
        } else field += text[i++];
      }
      if (text[i] !== "," && text[i] !== "\r") throw new Error(`text after a closing quote at ${i}`);
    } else if (text[i] === ",") {
      record.push(field);
      field = "";
      i++;
    } else if (text[i] === "\r") {
      if (text[i + 1] !== "\n") throw new Error(`CR without LF at ${i}`);
      record.push(field);
      records.push(record);
      record = [];
      field = "";
      i += 2;
    } else {
      if (text[i] === "\n" || text[i] === '"') throw new Error(`bare ${JSON.stringify(text[i])} at ${i}`);
      field += text[i++];
    }
  }
  if (field !== "" || record.length) throw new Error("last record not ended by CRLF");
  return records;
}

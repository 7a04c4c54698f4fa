import { beforeAll, describe, expect, it } from "vitest";
import { summaryListDocx } from "../../src/application/documents/index.ts";
import { formatDay } from "../../src/application/reports/labels.ts";
import { emptyReport, hoaLuReport, translator, tree } from "../reports/support.ts";
import { docxParagraphs, docxTables, docxXml, renderPages } from "./support.ts";

const FIELDS: Record<string, string> = {
  economy: "Kinh tế",
  culture_society: "Văn hóa – xã hội",
  defense_security: "Quốc phòng – An ninh",
  political_system: "Xây dựng hệ thống chính trị",
};
const TIERS: Record<string, string> = { commune: "Cấp xã", district: "Cấp huyện", province: "Cấp tỉnh" };
const STATUSES: Record<string, string> = {
  submitted: "Đã gửi, chờ tiếp nhận",
  accepted: "Đã tiếp nhận",
  returned: "Cần bổ sung",
  rejected: "Không tiếp nhận",
  proposed: "Đã đề nghị công nhận",
  recognized: "Đã được công nhận",
  not_recognized: "Chưa được công nhận",
  nominated: "Đã đề nghị lên cấp trên",
};
const BANDS: Record<string, string> = { excellent: "Xuất sắc", good: "Tốt", pass: "Đạt", fail: "Chưa đạt" };
const LATE: Record<string, string> = { registration: "đăng ký", proposal: "đề nghị", decision: "công nhận" };

describe("summary list, DOCX (Vietnamese)", () => {
  const report = hoaLuReport();
  let bytes: Uint8Array;
  let table: string[][];

  beforeAll(async () => {
    bytes = await summaryListDocx({ report, tree, translator, language: "vi" });
    table = docxTables(bytes).find((t) => t[0]?.[0] === "STT")!;
  });

  it("has the national heading, the body, the place and the date in Vietnam, the title", () => {
    const paragraphs = docxParagraphs(bytes);
    expect(paragraphs.slice(0, 4)).toEqual([
      "BAN DÂN VẬN HUYỆN ỦY HOA LƯ",
      "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
      "Độc lập – Tự do – Hạnh phúc",
      // NOW is 04/11 in UTC, 05/11 in Vietnam.
      "Ninh Bình, ngày 05 tháng 11 năm 2026",
    ]);
    expect(paragraphs).toContain("DANH SÁCH TỔNG HỢP, RÀ SOÁT MÔ HÌNH “DÂN VẬN KHÉO”");
    expect(paragraphs).toContain("Ban Dân vận Huyện ủy Hoa Lư — năm 2026");
    expect(paragraphs.slice(-3)).toEqual(["Tổng số: 13 mô hình.", "TM. BAN CHỈ ĐẠO", "TRƯỞNG BAN"]);
  });

  it("is landscape A4, its heading row repeated on every page", () => {
    const xml = docxXml(bytes);
    expect(xml).toMatch(/<w:pgSz w:w="16838" w:h="11906" w:orient="landscape"\/>/);
    expect(xml).toContain("<w:tblHeader/>");
  });

  it("has the meeting's columns", () => {
    expect(table[0]).toEqual([
      "STT",
      "Mã hồ sơ",
      "Tên mô hình",
      "Đơn vị thực hiện",
      "Lĩnh vực",
      "Cấp tiếp nhận",
      "Tình trạng",
      "Điểm tự chấm",
      "Xếp loại",
      "Ngày đăng ký",
      "Quá hạn",
    ]);
  });

  it("lists every model under its field's group, numbered across the groups", () => {
    expect(table.filter((row) => row.length === 1).map((row) => row[0])).toEqual([
      "I. Lĩnh vực Kinh tế (4 mô hình)",
      "II. Lĩnh vực Văn hóa – xã hội (5 mô hình)",
      "III. Lĩnh vực Quốc phòng – An ninh (2 mô hình)",
      "IV. Lĩnh vực Xây dựng hệ thống chính trị (2 mô hình)",
    ]);
    const rows = table.slice(1).filter((row) => row.length > 1);
    expect(rows).toEqual(
      report.list.map((r, i) => [
        String(i + 1),
        r.code,
        r.modelName,
        r.unitName,
        FIELDS[r.field],
        TIERS[r.tier],
        STATUSES[r.status],
        r.score === null ? "" : String(r.score),
        r.band === null ? "" : BANDS[r.band],
        r.registeredAt ? formatDay(r.registeredAt, "Asia/Ho_Chi_Minh") : "",
        r.lateness.map((k) => LATE[k]).join(", "),
      ]),
    );
    // One row as a person reads it: a late registration in Trường Yên, proposed at the district.
    expect(rows[3]).toEqual([
      "4",
      "DVK-2026-000004",
      "Mô hình số 4",
      "Đơn vị số 4",
      "Kinh tế",
      "Cấp xã",
      "Đã đề nghị công nhận",
      "88",
      "Tốt",
      "05/04/2026",
      "đăng ký",
    ]);
    expect(rows.find((r) => r[2] === 'Tổ tự quản "Đường hoa", thôn Đông')?.[3]).toBe(
      "Chi bộ thôn Đông, xã Ninh Hải",
    );
  });

  it("renders to PNG pages through LibreOffice", () => {
    const pages = renderPages("summary-list", bytes, "docx");
    expect(pages.length).toBeGreaterThan(0);
  });
});

describe("summary list, DOCX (other cases)", () => {
  it("says so when there is no model", async () => {
    const bytes = await summaryListDocx({ report: emptyReport(), tree, translator, language: "vi" });
    const paragraphs = docxParagraphs(bytes);
    expect(paragraphs).toContain("Chưa có mô hình nào.");
    expect(paragraphs[0]).toBe("KHỐI DÂN VẬN ĐẢNG ỦY XÃ TRƯỜNG YÊN");
    expect(docxTables(bytes).find((t) => t[0]?.[0] === "STT")).toHaveLength(1);
  });

  it("has an English version", async () => {
    const bytes = await summaryListDocx({ report: hoaLuReport(), tree, translator, language: "en" });
    const paragraphs = docxParagraphs(bytes);
    expect(paragraphs).toContain("SOCIALIST REPUBLIC OF VIETNAM");
    expect(paragraphs).toContain("Ninh Bình, 5 November 2026");
    expect(paragraphs).toContain("“DÂN VẬN KHÉO” MODELS: SUMMARY LIST");
    expect(paragraphs).toContain("I. Economy (4 models)");
    expect(paragraphs).toContain("Total: 13 models.");
    expect(paragraphs).toContain("FOR THE STEERING COMMITTEE");
    const table = docxTables(bytes).find((t) => t[0]?.[0] === "No.")!;
    expect(table[0]).toContain("Self-score");
    expect(paragraphs.join("\n")).not.toMatch(/\b(document|report|status|rb)[.:][a-z_]/);
  });
});

import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { reportXlsx } from "../../src/application/reports/xlsx.ts";
import { hoaLuReport, translator } from "./support.ts";

async function read(buffer: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buffer as unknown as ExcelJS.Buffer);
  return workbook;
}

const text = (sheet: ExcelJS.Worksheet, address: string) => sheet.getCell(address).value;

/** The row whose first cell reads `label`, searching from `after`. */
function rowOf(sheet: ExcelJS.Worksheet, label: string | number, after = 0): number {
  for (let r = after + 1; r <= sheet.rowCount; r++) if (sheet.getCell(r, 1).value === label) return r;
  throw new Error(`no row "${label}"`);
}

const values = (sheet: ExcelJS.Worksheet, row: number, from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => sheet.getCell(row, from + i).value);

/** Every text cell of a workbook, to check no translation key leaked. */
function strings(workbook: ExcelJS.Workbook): string[] {
  const out: string[] = [];
  workbook.eachSheet((sheet) =>
    sheet.eachRow((row) =>
      row.eachCell((cell) => {
        if (typeof cell.value === "string") out.push(cell.value);
      }),
    ),
  );
  return out;
}

describe("XLSX export (Vietnamese)", () => {
  let workbook: ExcelJS.Workbook;
  let stats: ExcelJS.Worksheet;
  let list: ExcelJS.Worksheet;

  beforeAll(async () => {
    const buffer = await reportXlsx(hoaLuReport(), translator, "vi");
    expect(buffer.subarray(0, 2).toString("latin1")).toBe("PK"); // a zip, as XLSX is
    workbook = await read(buffer);
    stats = workbook.worksheets[0]!;
    list = workbook.worksheets[1]!;
  });

  it("has the statistics sheet, then the summary list", () => {
    expect(workbook.worksheets.map((s) => s.name)).toEqual(["Thống kê", "Danh sách"]);
    expect(strings(workbook).filter((s) => /^(report|status|rb|tier)[.:]/.test(s))).toEqual([]);
  });

  it("titles the statistics with the body, the period and the date in Vietnam", () => {
    expect(text(stats, "A1")).toBe("BÁO CÁO THỐNG KÊ MÔ HÌNH “DÂN VẬN KHÉO”");
    expect(stats.getCell("A1").font.bold).toBe(true);
    expect(text(stats, "A2")).toBe("Ban Dân vận Huyện ủy Hoa Lư — năm 2026");
    expect(text(stats, "A3")).toBe("Phạm vi: Ban Dân vận Huyện ủy Hoa Lư và các cơ quan tiếp nhận cấp dưới");
    expect(text(stats, "A4")).toBe("Ngày lập: 05/11/2026");
    expect([text(stats, "A6"), text(stats, "B6")]).toEqual(["Tổng số mô hình", 13]);
  });

  it("tabulates field × status with totals", () => {
    const head = rowOf(stats, "1. Số mô hình theo lĩnh vực và tình trạng") + 1;
    expect(values(stats, head, 1, 10)).toEqual([
      "Lĩnh vực",
      "Đã gửi, chờ tiếp nhận",
      "Đã tiếp nhận",
      "Cần bổ sung",
      "Không tiếp nhận",
      "Đã đề nghị công nhận",
      "Đã được công nhận",
      "Chưa được công nhận",
      "Đã đề nghị lên cấp trên",
      "Tổng cộng",
    ]);
    expect(stats.getCell(head, 2).font.bold).toBe(true);
    expect(values(stats, head + 1, 1, 10)).toEqual(["Kinh tế", 1, 1, 0, 0, 1, 1, 0, 0, 4]);
    expect(values(stats, head + 2, 1, 10)).toEqual(["Văn hóa – xã hội", 0, 0, 1, 1, 1, 1, 1, 0, 5]);
    expect(values(stats, head + 3, 1, 10)).toEqual(["Quốc phòng – An ninh", 0, 0, 0, 0, 0, 1, 1, 0, 2]);
    expect(values(stats, head + 4, 1, 10)).toEqual([
      "Xây dựng hệ thống chính trị",
      0,
      1,
      0,
      0,
      0,
      1,
      0,
      0,
      2,
    ]);
    expect(values(stats, head + 5, 1, 10)).toEqual(["Tổng cộng", 1, 2, 1, 1, 2, 4, 2, 0, 13]);
    expect(stats.getCell(head + 5, 10).font.bold).toBe(true);
  });

  it("tabulates field × receiving tier, recognition per tier and the other figures", () => {
    const tiers = rowOf(stats, "2. Số mô hình theo lĩnh vực và cấp tiếp nhận") + 1;
    expect(values(stats, tiers, 1, 5)).toEqual(["Lĩnh vực", "Cấp xã", "Cấp huyện", "Cấp tỉnh", "Tổng cộng"]);
    expect(values(stats, tiers + 2, 1, 5)).toEqual(["Văn hóa – xã hội", 3, 2, 0, 5]);
    expect(values(stats, tiers + 5, 1, 5)).toEqual(["Tổng cộng", 9, 4, 0, 13]);

    const recognized = rowOf(stats, "3. Số mô hình được công nhận theo cấp") + 1;
    expect(values(stats, recognized, 1, 2)).toEqual(["Cấp", "Số mô hình"]);
    expect(values(stats, recognized + 1, 1, 2)).toEqual(["Cấp xã", 5]);
    expect(values(stats, recognized + 2, 1, 2)).toEqual(["Cấp huyện", 3]);
    expect(values(stats, recognized + 3, 1, 2)).toEqual(["Cấp tỉnh", 1]);

    const other = rowOf(stats, "4. Các chỉ số khác") + 1;
    expect(values(stats, other + 1, 1, 2)).toEqual(["Mô hình xây dựng mới", 10]);
    expect(values(stats, other + 2, 1, 2)).toEqual(["Mô hình nhân rộng", 3]);
    expect(values(stats, other + 3, 1, 2)).toEqual(["Tập thể đăng ký", 10]);
    expect(values(stats, other + 4, 1, 2)).toEqual(["Cá nhân đăng ký", 3]);
    expect(values(stats, other + 5, 1, 2)).toEqual(["Đăng ký quá hạn", 3]);
    expect(values(stats, other + 6, 1, 2)).toEqual(["Được công nhận (ít nhất một cấp)", 6]);

    const scores = rowOf(stats, "5. Điểm tự chấm bình quân theo lĩnh vực") + 1;
    expect(values(stats, scores, 1, 3)).toEqual(["Lĩnh vực", "Số mô hình có điểm", "Điểm bình quân"]);
    expect(values(stats, scores + 1, 1, 3)).toEqual(["Kinh tế", 4, 88.5]);
    expect(values(stats, scores + 4, 1, 3)).toEqual(["Xây dựng hệ thống chính trị", 1, 89]);
    expect(values(stats, scores + 5, 1, 3)).toEqual(["Tổng cộng", 12, 85.8]);
    expect(stats.getCell(scores + 1, 3).numFmt).toBe("0.0");
  });

  it("heads the summary list with the body and the date, bold headings and a frozen header", () => {
    expect(text(list, "A1")).toBe("DANH SÁCH TỔNG HỢP, RÀ SOÁT MÔ HÌNH “DÂN VẬN KHÉO”");
    expect(text(list, "A2")).toBe("Ban Dân vận Huyện ủy Hoa Lư — năm 2026");
    expect(text(list, "A3")).toBe("Ngày lập: 05/11/2026");
    expect(values(list, 5, 1, 17)).toEqual([
      "STT",
      "Mã hồ sơ",
      "Tên mô hình",
      "Đơn vị thực hiện",
      "Địa chỉ",
      "Lĩnh vực",
      "Cấp tiếp nhận",
      "Cơ quan tiếp nhận",
      "Tập thể / cá nhân",
      "Mới / nhân rộng",
      "Tình trạng",
      "Điểm tự chấm",
      "Xếp loại",
      "Ngày đăng ký",
      "Ngày quyết định",
      "Công nhận cao nhất",
      "Quá hạn",
    ]);
    for (let c = 1; c <= 17; c++) expect(list.getCell(5, c).font.bold).toBe(true);
    expect(list.views[0]).toMatchObject({ state: "frozen", ySplit: 5 });
    expect(list.getColumn(3).width).toBe(36);
    expect(list.getColumn(1).width).toBe(6);
  });

  it("lists the models under a heading per field, numbers as numbers and dates as dates", () => {
    expect(text(list, "A6")).toBe("I. Lĩnh vực Kinh tế (4 mô hình)");
    expect(values(list, 7, 1, 17)).toEqual([
      1,
      "DVK-2026-000001",
      "Mô hình số 1",
      "Đơn vị số 1",
      "Thôn 1, Xã Ninh Hải",
      "Kinh tế",
      "Cấp xã",
      "Khối Dân vận Đảng ủy xã Ninh Hải",
      "Tập thể",
      "Mới",
      "Đã gửi, chờ tiếp nhận",
      90,
      "Tốt",
      new Date(Date.UTC(2026, 2, 10)),
      null,
      null,
      null,
    ]);
    expect(list.getCell("N7").numFmt).toBe("dd/mm/yyyy");
    expect(text(list, "A11")).toBe("II. Lĩnh vực Văn hóa – xã hội (5 mô hình)");
    // Model 7: commune-level, recognised up to the province; quotes, comma and line break kept.
    const seven = rowOf(list, 7, 11);
    expect(values(list, seven, 2, 17)).toEqual([
      "DVK-2026-000007",
      'Tổ tự quản "Đường hoa", thôn Đông',
      "Chi bộ thôn Đông, xã Ninh Hải",
      "Thôn Đông\nxã Ninh Hải",
      "Văn hóa – xã hội",
      "Cấp xã",
      "Khối Dân vận Đảng ủy xã Ninh Hải",
      "Tập thể",
      "Mới",
      "Đã được công nhận",
      95,
      "Xuất sắc",
      new Date(Date.UTC(2026, 2, 10)),
      new Date(Date.UTC(2026, 9, 10)),
      "Cấp tỉnh",
      null,
    ]);
    const four = rowOf(list, 4);
    expect(values(list, four, 11, 17)).toEqual([
      "Đã đề nghị công nhận",
      88,
      "Tốt",
      new Date(Date.UTC(2026, 3, 5)),
      new Date(Date.UTC(2026, 3, 20)),
      "Cấp xã",
      "đăng ký",
    ]);
    // 13 models under 4 field headings, nothing after.
    const last = rowOf(list, 13);
    expect(last).toBe(5 + 13 + 4);
    expect(values(list, last, 2, 13)).toEqual([
      "DVK-2026-000012",
      "Mô hình số 12",
      "Đơn vị số 12",
      "Thôn 12, Xã Ninh Hải",
      "Xây dựng hệ thống chính trị",
      "Cấp xã",
      "Khối Dân vận Đảng ủy xã Ninh Hải",
      "Tập thể",
      "Mới",
      "Đã được công nhận",
      89,
      "Tốt",
    ]);
    expect(list.getCell(last + 1, 1).value).toBeNull();
  });

  it("stores Vietnamese as Unicode, unchanged (precomposed as typed)", () => {
    const name = text(list, "C7");
    expect(name).toBe("Mô hình số 1");
    const title = text(stats, "A1") as string;
    expect(title).toBe(title.normalize("NFC"));
    expect([...title].some((ch) => ch.codePointAt(0)! > 0x1e00)).toBe(true); // Ố, Ậ, É…
  });
});

describe("XLSX export (English)", () => {
  it("puts headings and labels in English, names as they are", async () => {
    const workbook = await read(await reportXlsx(hoaLuReport(), translator, "en"));
    const [stats, list] = workbook.worksheets;
    expect(workbook.worksheets.map((s) => s.name)).toEqual(["Statistics", "Summary list"]);
    expect(text(stats!, "A2")).toBe("Ban Dân vận Huyện ủy Hoa Lư — 2026");
    expect(text(stats!, "A4")).toBe("Date: 05/11/2026");
    expect(values(list!, 5, 1, 3)).toEqual(["No.", "Code", "Model"]);
    expect(text(list!, "A6")).toBe("I. Economy (4 models)");
    expect(values(list!, 7, 6, 13)).toEqual([
      "Economy",
      "Commune",
      "Khối Dân vận Đảng ủy xã Ninh Hải",
      "Collective",
      "New",
      "Submitted, awaiting acceptance",
      90,
      "Good",
    ]);
    expect(strings(workbook).filter((s) => /^(report|status|rb|tier)[.:]/.test(s))).toEqual([]);
  });
});

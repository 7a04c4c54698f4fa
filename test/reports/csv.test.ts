import { describe, expect, it } from "vitest";
import { csvField, summaryCsv } from "../../src/application/reports/csv.ts";
import { emptyReport, hoaLuReport, parseCsv, translator } from "./support.ts";

describe("CSV export of the summary list", () => {
  const buffer = summaryCsv(hoaLuReport(), translator, "vi");
  const text = buffer.toString("utf8");

  it("is UTF-8 with a byte-order mark, for Excel", () => {
    expect([...buffer.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(text.startsWith("\uFEFFSTT,Mã hồ sơ,Tên mô hình,")).toBe(true);
  });

  it("has a heading row and one row per model, each of 17 fields, CRLF-terminated", () => {
    const records = parseCsv(text.slice(1));
    expect(records).toHaveLength(1 + 13);
    for (const r of records) expect(r).toHaveLength(17);
    expect(records[0]).toEqual([
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
    expect(records.slice(1).map((r) => r[1])).toEqual(
      [1, 2, 3, 4, 8, 9, 7, 5, 6, 10, 11, 13, 12].map((n) => `DVK-2026-${String(n).padStart(6, "0")}`),
    );
    expect(text.endsWith("\r\n")).toBe(true);
  });

  it("quotes commas, quotes and line breaks (RFC 4180) and keeps Vietnamese intact", () => {
    expect(text).toContain(
      '7,DVK-2026-000007,"Tổ tự quản ""Đường hoa"", thôn Đông","Chi bộ thôn Đông, xã Ninh Hải","Thôn Đông\nxã Ninh Hải",',
    );
    const seven = parseCsv(text.slice(1)).find((r) => r[1] === "DVK-2026-000007")!;
    expect(seven).toEqual([
      "7",
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
      "95",
      "Xuất sắc",
      "2026-03-10",
      "2026-10-10",
      "Cấp tỉnh",
      "",
    ]);
    const four = parseCsv(text.slice(1)).find((r) => r[1] === "DVK-2026-000004")!;
    expect(four.slice(10)).toEqual([
      "Đã đề nghị công nhận",
      "88",
      "Tốt",
      "2026-04-05",
      "2026-04-20",
      "Cấp xã",
      "đăng ký",
    ]);
  });

  it("quotes only what needs it", () => {
    expect(csvField("plain")).toBe("plain");
    expect(csvField("a,b")).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField("two\r\nlines")).toBe('"two\r\nlines"');
    expect(csvField("")).toBe("");
  });

  it("writes English headings, and just the heading row for an empty report", () => {
    const en = summaryCsv(hoaLuReport(), translator, "en").toString("utf8");
    expect(parseCsv(en.slice(1))[0]!.slice(0, 4)).toEqual(["No.", "Code", "Model", "Unit"]);
    const empty = summaryCsv(emptyReport(), translator, "vi").toString("utf8");
    expect(parseCsv(empty.slice(1))).toHaveLength(1);
  });
});

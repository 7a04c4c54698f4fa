import { describe, expect, it } from "vitest";
import en from "../../locales/en.json" with { type: "json" };
import vi from "../../locales/vi.json" with { type: "json" };
import { buildReport, formatNumber, reportText } from "../../src/application/reports/index.ts";
import { threeTier } from "../support/fixtures.ts";
import { dataset } from "./dataset.ts";
import { emptyReport, hoaLuReport, NOW, translator, tree } from "./support.ts";

function keys(value: unknown, prefix = ""): string[] {
  return value !== null && typeof value === "object"
    ? Object.entries(value).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k))
    : [prefix];
}

describe("report texts", () => {
  it("has the same keys in Vietnamese and English", () => {
    expect(keys(vi.report).sort()).toEqual(keys(en.report).sort());
  });

  it("formats numbers the Vietnamese way (4.110) and the English way (4,110)", () => {
    expect(formatNumber(4110, "vi")).toBe("4.110");
    expect(formatNumber(4110, "en")).toBe("4,110");
    expect(formatNumber(87.5, "vi")).toBe("87,5");
    expect(formatNumber(1234567, "en")).toBe("1,234,567");
  });

  it("summarises a report for chat in the style of the published figures", () => {
    const report = hoaLuReport();
    expect(reportText(report, translator, "vi").split("\n")).toEqual([
      "Ban Dân vận Huyện ủy Hoa Lư, năm 2026: 13 mô hình — 4 Kinh tế, 5 Văn hóa – xã hội, 2 Quốc phòng – An ninh, 2 Xây dựng hệ thống chính trị.",
      "Tình trạng — Đã gửi, chờ tiếp nhận: 1; Đã tiếp nhận: 2; Cần bổ sung: 1; Không tiếp nhận: 1; Đã đề nghị công nhận: 2; Đã được công nhận: 4; Chưa được công nhận: 2.",
      "Được công nhận — Cấp xã: 5; Cấp huyện: 3; Cấp tỉnh: 1.",
      "Mới 10, nhân rộng 3; tập thể 10, cá nhân 3; đăng ký quá hạn 3.",
    ]);
    expect(reportText(report, translator, "en").split("\n")).toEqual([
      "Ban Dân vận Huyện ủy Hoa Lư, 2026: 13 models — 4 Economy, 5 Culture and society, 2 Defence and security, 2 Building the political system.",
      "Status — Submitted, awaiting acceptance: 1; Accepted: 2; Returned for more information: 1; Not accepted: 1; Proposed for recognition: 2; Recognised: 4; Not recognised: 2.",
      "Recognised — Commune: 5; District: 3; Province: 1.",
      "New 10, replication 3; collective 10, individual 3; late registrations 3.",
    ]);
  });

  it("writes thousands and periods per language", () => {
    const report = buildReport({
      submissions: dataset(tree, threeTier, 400),
      tree,
      rulebook: threeTier,
      bodyCode: "NB",
      from: 2025,
      to: 2026,
      now: NOW,
    });
    expect(reportText(report, translator, "vi").split("\n")[0]).toBe(
      "Ban Dân vận Tỉnh ủy Ninh Bình, giai đoạn 2025–2026: 6.800 mô hình — 2.400 Kinh tế, 2.400 Văn hóa – xã hội, 800 Quốc phòng – An ninh, 1.200 Xây dựng hệ thống chính trị.",
    );
    expect(reportText(report, translator, "en").split("\n")[0]).toBe(
      "Ban Dân vận Tỉnh ủy Ninh Bình, 2025–2026: 6,800 models — 2,400 Economy, 2,400 Culture and society, 800 Defence and security, 1,200 Building the political system.",
    );
  });

  it("says so when there is nothing to count", () => {
    expect(reportText(emptyReport(), translator, "vi")).toBe(
      "Khối Dân vận Đảng ủy xã Trường Yên, năm 2026: chưa có mô hình nào.",
    );
    expect(reportText(emptyReport(), translator, "en")).toBe(
      "Khối Dân vận Đảng ủy xã Trường Yên, 2026: no models yet.",
    );
  });

  it("builds a report of a known body only, stamped with its time zone and date", () => {
    const report = hoaLuReport();
    expect(report.body).toEqual({ code: "NB-HL", name: "Ban Dân vận Huyện ủy Hoa Lư", tier: "district" });
    expect([report.from, report.to, report.generatedAt, report.timeZone]).toEqual([
      2026,
      2026,
      NOW,
      "Asia/Ho_Chi_Minh",
    ]);
    expect(report.list).toHaveLength(report.statistics.total);
    expect(() =>
      buildReport({ submissions: [], tree, rulebook: threeTier, bodyCode: "XX", from: 2026, now: NOW }),
    ).toThrow(/XX/);
  });
});

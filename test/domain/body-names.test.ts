import { describe, expect, it } from "vitest";
import { parseUnitType, splitLocality } from "../../src/domain/admin-units.ts";
import { bodyName, bodyNames } from "../../src/domain/body-names.ts";
import { OrgTree } from "../../src/domain/org.ts";
import { importOrgTree, parseOrgRows } from "../../src/domain/org-import.ts";
import type { Tier } from "../../src/domain/types.ts";
import { demoTree, threeTier, twoTier } from "../support/fixtures.ts";

// Bodies named as people write them, from the unit's kind (item 4).
describe("bodyNames (three-tier-2021-2025)", () => {
  it.each<[locality: string, tier: Tier, name: string]>([
    ["Thị xã Sơn Tây", "district", "Ban Dân vận Thị ủy Sơn Tây"],
    ["Quận Ba Đình", "district", "Ban Dân vận Quận ủy Ba Đình"],
    ["Thành phố Hà Nội", "province", "Ban Dân vận Thành ủy Hà Nội"],
    ["Huyện Hoa Lư", "district", "Ban Dân vận Huyện ủy Hoa Lư"],
    ["Thành phố Ninh Bình", "district", "Ban Dân vận Thành ủy Ninh Bình"],
    ["Tỉnh Ninh Bình", "province", "Ban Dân vận Tỉnh ủy Ninh Bình"],
    ["Ninh Bình", "province", "Ban Dân vận Tỉnh ủy Ninh Bình"],
    ["Thành phố Hồ Chí Minh", "province", "Ban Dân vận Thành ủy Thành phố Hồ Chí Minh"],
    ["Xã Trường Yên", "commune", "Khối Dân vận Đảng ủy xã Trường Yên"],
    ["Phường Đông Thành", "commune", "Khối Dân vận Đảng ủy phường Đông Thành"],
    ["Thị trấn Me", "commune", "Khối Dân vận Đảng ủy thị trấn Me"],
    ["TX. Sơn Tây", "district", "Ban Dân vận Thị ủy Sơn Tây"],
  ])("%s (%s) → %s", (locality, tier, name) => {
    expect(bodyNames(locality, tier, threeTier).vi).toBe(name);
  });

  it("says them in English too", () => {
    expect(bodyNames("Thị xã Sơn Tây", "district", threeTier).en).toBe(
      "Mass Mobilisation Board of the Sơn Tây Town Party Committee",
    );
    expect(bodyNames("Thành phố Hồ Chí Minh", "province", threeTier).en).toBe(
      "Mass Mobilisation Board of the Hồ Chí Minh City Party Committee",
    );
  });
});

describe("bodyNames (two-tier-2026-2030)", () => {
  it.each<[locality: string, tier: Tier, name: string]>([
    ["Thành phố Hồ Chí Minh", "province", "Ban Tuyên giáo và Dân vận Thành ủy Thành phố Hồ Chí Minh"],
    ["Thành phố Hà Nội", "province", "Ban Tuyên giáo và Dân vận Thành ủy Hà Nội"],
    ["Tỉnh Ninh Bình", "province", "Ban Tuyên giáo và Dân vận Tỉnh ủy Ninh Bình"],
    ["Phường Phủ Lý", "commune", "Ban Xây dựng Đảng Đảng ủy phường Phủ Lý"],
    ["Xã Gia Viễn", "commune", "Ban Xây dựng Đảng Đảng ủy xã Gia Viễn"],
    ["Đặc khu Phú Quốc", "commune", "Ban Xây dựng Đảng Đảng ủy đặc khu Phú Quốc"],
  ])("%s (%s) → %s", (locality, tier, name) => {
    expect(bodyNames(locality, tier, twoTier).vi).toBe(name);
  });
});

describe("the kind of unit", () => {
  it.each<[locality: string, tier: Tier, type: string | null, name: string]>([
    ["Thị xã Sơn Tây", "district", "thi_xa", "Sơn Tây"],
    ["Thành phố Hà Nội", "province", "thanh_pho_tw", "Hà Nội"],
    ["Thành phố Ninh Bình", "district", "thanh_pho", "Ninh Bình"],
    ["TP. Hồ Chí Minh", "province", "thanh_pho_tw", "Hồ Chí Minh"],
    ["Đặc khu Phú Quốc", "commune", "dac_khu", "Phú Quốc"],
    ["Quảng Ninh", "province", null, "Quảng Ninh"],
    ["Huyện Hoa Lư", "province", null, "Huyện Hoa Lư"],
  ])("reads %s (%s) as %s", (locality, tier, type, name) => {
    expect(splitLocality(locality, tier)).toEqual({ type, name });
  });

  it.each<[value: string, tier: Tier, type: string | null | undefined]>([
    ["thi_xa", "district", "thi_xa"],
    ["Thị xã", "district", "thi_xa"],
    ["Thành phố", "province", "thanh_pho_tw"],
    ["Thành phố", "district", "thanh_pho"],
    ["Thành phố trực thuộc trung ương", "province", "thanh_pho_tw"],
    ["Đặc khu", "commune", "dac_khu"],
    ["", "commune", null],
    ["Ấp", "commune", undefined],
  ])("reads the unit_type %j (%s) as %s", (value, tier, type) => {
    expect(parseUnitType(value, tier)).toBe(type);
  });
});

describe("org import: body names", () => {
  const header = "code,name,tier,parent_code,kind,body_name,unit_type\n";
  const tree = (rows: string, rulebook = threeTier) => {
    const result = importOrgTree(parseOrgRows(header + rows), rulebook);
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    return new OrgTree(result.units);
  };

  it("takes the kind from the unit_type column when the name has no prefix", () => {
    const t = tree("HN,Hà Nội,province,,p,,thanh_pho_tw\nHN-ST,Sơn Tây,district,HN,d,,Thị xã\n");
    expect(t.get("HN")?.name).toBe("Ban Dân vận Thành ủy Hà Nội");
    expect(t.get("HN-ST")?.name).toBe("Ban Dân vận Thị ủy Sơn Tây");
  });

  it("keeps an explicit body_name", () => {
    const t = tree("HN,Thành phố Hà Nội,province,,p,Ban Dân vận Thành ủy Thủ đô,\n");
    expect(t.get("HN")?.name).toBe("Ban Dân vận Thành ủy Thủ đô");
  });

  it("refuses an unknown unit_type with its line", () => {
    const result = importOrgTree(parseOrgRows(`${header}HN,Hà Nội,province,,p,,Vương quốc\n`), threeTier);
    expect(result).toEqual({
      ok: false,
      problems: [{ code: "org_bad_unit_type", params: { line: 2, unitType: "Vương quốc" } }],
    });
  });

  it("reads unitType from JSON too", () => {
    const rows = parseOrgRows(
      JSON.stringify([
        { code: "Q", name: "Ba Đình", tier: "district", parentCode: "", kind: "d", unitType: "quan" },
      ]),
    );
    expect(rows[0]?.unitType).toBe("quan");
  });
});

describe("bodyName: what the dialogs say instead of a fixed “Ban Dân vận”", () => {
  const tree = demoTree(threeTier);

  it("is the stored name in Vietnamese and the rulebook's English name", () => {
    expect(bodyName(tree.get("NB-HL")!, "vi", threeTier)).toBe("Ban Dân vận Huyện ủy Hoa Lư");
    expect(bodyName(tree.get("NB-HL")!, "en", threeTier)).toBe(
      "Mass Mobilisation Board of the Hoa Lư District Party Committee",
    );
    expect(bodyName(tree.get("NB-TP-NN")!, "en", threeTier)).toBe(
      "Mass Mobilisation Bloc of the Ninh Nhất Commune Party Committee",
    );
  });

  it("shows an explicit name as written in both languages", () => {
    const unit = { ...tree.get("NB-HL")!, name: "Ban Dân vận Huyện ủy Hoa Lư (mới)" };
    expect(bodyName(unit, "en", threeTier)).toBe("Ban Dân vận Huyện ủy Hoa Lư (mới)");
  });
});

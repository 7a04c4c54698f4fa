import { describe, expect, it } from "vitest";
import { OrgTree } from "../../src/domain/org.ts";
import { importOrgTree } from "../../src/domain/org-import.ts";
import { route } from "../../src/domain/routing.ts";
import { VN_UNITS_2025, vnUnitRows, vnUnits2025Rows } from "../../src/domain/vn-units.ts";
import { demoTree, threeTier, twoTier } from "../support/fixtures.ts";

function countryTree(options: { province?: string } = {}) {
  const rows = vnUnits2025Rows(options);
  if (!rows.ok) throw new Error(JSON.stringify(rows.problems));
  const result = importOrgTree(rows.rows, twoTier);
  if (!result.ok) throw new Error(JSON.stringify(result.problems.slice(0, 5)));
  return new OrgTree(result.units);
}

describe("the country's units (vn-units-2025)", () => {
  const tree = countryTree();

  it("has 34 provinces and 3,321 communes, with unique codes in the org alphabet", () => {
    expect(VN_UNITS_2025).toHaveLength(34);
    expect(tree.units).toHaveLength(3355);
    expect(tree.roots()).toHaveLength(34);
    expect(tree.units.filter((u) => u.tier === "commune")).toHaveLength(3321);
    expect(new Set(tree.units.map((u) => u.code)).size).toBe(3355);
    for (const u of tree.units) expect(u.code).toMatch(/^[A-Za-z0-9_.-]{1,40}$/);
  });

  it("uses the official codes: province 37, commune 37-13285", () => {
    expect(tree.get("37")).toMatchObject({
      locality: "Tỉnh Ninh Bình",
      name: "Ban Tuyên giáo và Dân vận Tỉnh ủy Ninh Bình",
      tier: "province",
      parentCode: null,
    });
    expect(tree.get("37-13285")).toMatchObject({
      locality: "Phường Phủ Lý",
      name: "Ban Xây dựng Đảng Đảng ủy phường Phủ Lý",
      tier: "commune",
      parentCode: "37",
    });
  });

  it("names the centrally run cities' bodies Thành ủy", () => {
    expect(tree.get("01")?.name).toBe("Ban Tuyên giáo và Dân vận Thành ủy Hà Nội");
    expect(tree.get("79")?.name).toBe("Ban Tuyên giáo và Dân vận Thành ủy Thành phố Hồ Chí Minh");
    expect(tree.get("46")?.name).toBe("Ban Tuyên giáo và Dân vận Thành ủy Huế");
  });

  it("names every commune body by its kind: xã, phường, đặc khu", () => {
    const kinds = new Map<string, number>();
    for (const u of tree.units.filter((x) => x.tier === "commune")) {
      const m = /^Ban Xây dựng Đảng Đảng ủy (xã|phường|đặc khu) /.exec(u.name);
      expect(m, u.name).not.toBeNull();
      kinds.set(m![1]!, (kinds.get(m![1]!) ?? 0) + 1);
    }
    expect(Object.fromEntries(kinds)).toEqual({ xã: 2611, phường: 697, "đặc khu": 13 });
  });

  it("finds a commune among 3,321 by part of its name without diacritics", () => {
    const found = tree.search("phu ly", "commune", 5);
    expect(found.map((u) => tree.placeLabel(u))[0]).toBe("Phường Phủ Lý, Tỉnh Ninh Bình");
    expect(tree.search("phủ lý ninh bình", "commune").map((u) => u.code)).toEqual(["37-13285"]);
  });

  it("routes a registration at a real commune", () => {
    const result = route("party_cell", "37-13285", tree, twoTier);
    expect(result.ok && result.route.body.name).toBe("Ban Xây dựng Đảng Đảng ủy phường Phủ Lý");
    const up = route("commune_police", "37-13285", tree, twoTier);
    expect(up.ok && up.route.body.code).toBe("37");
  });

  it.each([["37"], ["Ninh Bình"], ["Tỉnh Ninh Bình"], ["ninh binh"]])("takes one province by %j", (p) => {
    const one = countryTree({ province: p });
    expect(one.roots().map((u) => u.code)).toEqual(["37"]);
    expect(one.units).toHaveLength(1 + 129);
  });

  it("says which province it does not know", () => {
    expect(vnUnitRows(VN_UNITS_2025, { province: "Atlantis" })).toEqual({
      ok: false,
      problems: [{ code: "org_unknown_province", params: { province: "Atlantis" } }],
    });
  });
});

describe("OrgTree.search", () => {
  const tree = demoTree(threeTier);
  const codes = (q: string, tier?: "commune" | "district" | "province") =>
    tree.search(q, tier).map((u) => u.code);

  it.each<[query: string, tier: "commune" | "district" | undefined, expected: string[]]>([
    ["ninh nhat", "commune", ["NB-TP-NN"]],
    ["nhat", "commune", ["NB-TP-NN"]],
    ["dong th", "commune", ["NB-TP-DT"]],
    ["Ninh", "commune", ["NB-HL-NH", "NB-TP-NN"]],
    ["hoa lu", undefined, ["NB-HL"]],
    ["   ", "commune", []],
    ["xyz", "commune", []],
  ])("%j at %s finds %j", (query, tier, expected) => {
    expect(codes(query, tier)).toEqual(expected);
  });

  it("ranks the exact name, then word prefixes, then substrings", () => {
    const rows = [
      { code: "P", locality: "Tỉnh A", name: "P", tier: "province" as const, kind: "p", parentCode: null },
      { code: "C1", locality: "Xã An Hòa", name: "", tier: "commune" as const, kind: "c", parentCode: "P" },
      { code: "C2", locality: "Xã Hòa", name: "", tier: "commune" as const, kind: "c", parentCode: "P" },
      { code: "C3", locality: "Xã Hòa An", name: "", tier: "commune" as const, kind: "c", parentCode: "P" },
      { code: "C4", locality: "Xã Khoa", name: "", tier: "commune" as const, kind: "c", parentCode: "P" },
    ];
    const t = new OrgTree(rows);
    expect(t.search("hoa", "commune").map((u) => u.code)).toEqual(["C2", "C1", "C3", "C4"]);
    expect(t.search("hoa", "commune", 2).map((u) => u.code)).toEqual(["C2", "C1"]);
  });

  it("labels a place with the place above it", () => {
    expect(tree.placeLabel("NB-TP-NN")).toBe("Xã Ninh Nhất, Thành phố Ninh Bình");
    expect(tree.placeLabel("NB")).toBe("Ninh Bình");
  });
});

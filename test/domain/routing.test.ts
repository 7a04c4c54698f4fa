import { describe, expect, it } from "vitest";
import { nextTier, route } from "../../src/domain/routing.ts";
import { demoTree, threeTier, twoTier } from "../support/fixtures.ts";

// One row per unit category of DESIGN §2.2 (seed 001 §4): where the registrant is, which body
// receives it, and which body it passes through first.
const threeTierCases: [category: string, location: string, body: string, via?: string][] = [
  ["party_cell", "NB-HL-TY", "NB-HL-TY"],
  ["commune_party_unit", "NB-HL-TY", "NB-HL-TY"],
  ["front_work_committee", "NB-HL-TY", "NB-HL-TY"],
  ["residential_area", "NB-TP-DT", "NB-TP-DT"],
  ["branch_association", "NB-TP-NN", "NB-TP-NN"],
  ["team_group", "NB-TP-NN", "NB-TP-NN"],
  ["commune_resident", "NB-HL-NH", "NB-HL-NH"],
  ["district_armed_forces", "NB-HL", "NB-HL"],
  ["district_front_organisation", "NB-HL", "NB-HL"],
  ["district_office", "NB-TP", "NB-TP"],
  ["district_individual", "NB-TP", "NB-TP"],
  ["commune_party_committee", "NB-HL-TY", "NB-HL"],
  ["commune_government", "NB-TP-NN", "NB-TP"],
  ["commune_armed_forces", "NB-TP-DT", "NB-TP"],
  ["commune_front_organisation", "NB-HL-NH", "NB-HL"],
  ["provincial_party_committee", "NB", "NB"],
  ["provincial_party_agency", "NB", "NB"],
  ["provincial_department", "NB", "NB"],
  ["provincial_front_organisation", "NB", "NB"],
  // District party committees reach the province through the district Ban Dân vận.
  ["district_party_committee", "NB-HL", "NB", "NB-HL"],
];

const twoTierCases: [category: string, location: string, body: string][] = [
  ["party_cell", "NB-GV", "NB-GV"],
  ["commune_party_unit", "NB-GV", "NB-GV"],
  ["front_work_committee", "NB-DH", "NB-DH"],
  ["residential_area", "NB-HL", "NB-HL"],
  ["branch_association", "NB-NHL", "NB-NHL"],
  ["team_group", "NB-NHL", "NB-NHL"],
  ["commune_resident", "NB-DH", "NB-DH"],
  ["district_armed_forces", "NB", "NB"],
  ["district_front_organisation", "NB", "NB"],
  ["district_office", "NB", "NB"],
  ["district_individual", "NB", "NB"],
  ["commune_party_committee", "NB-GV", "NB"],
  ["commune_government", "NB-GV", "NB"],
  ["commune_armed_forces", "NB-DH", "NB"],
  ["commune_front_organisation", "NB-HL", "NB"],
  ["provincial_party_committee", "NB", "NB"],
  ["provincial_party_agency", "NB", "NB"],
  ["provincial_department", "NB", "NB"],
  ["provincial_front_organisation", "NB", "NB"],
  ["district_party_committee", "NB", "NB"],
];

describe("route (three-tier-2021-2025)", () => {
  const tree = demoTree(threeTier);

  it("has a case for every unit category of the rulebook", () => {
    expect(threeTierCases.map((c) => c[0]).sort()).toEqual(threeTier.unitCategories.map((c) => c.id).sort());
  });

  it.each(threeTierCases)("%s at %s goes to %s", (category, location, body, via) => {
    const result = route(category, location, tree, threeTier);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.route.body.code).toBe(body);
    expect(result.route.via?.code).toBe(via);
  });

  it("takes a commune for a district-level category and routes to its district", () => {
    const result = route("district_office", "NB-HL-TY", tree, threeTier);
    expect(result.ok && result.route.body.code).toBe("NB-HL");
  });

  it("asks for a commune when a commune-level category is placed at a district", () => {
    const result = route("party_cell", "NB-HL", tree, threeTier);
    expect(result).toEqual({
      ok: false,
      problem: { code: "location_too_coarse", params: { tier: "commune", location: "Huyện Hoa Lư" } },
    });
  });

  it("refuses an unknown category or location", () => {
    expect(route("club", "NB", tree, threeTier)).toMatchObject({
      ok: false,
      problem: { code: "unknown_category" },
    });
    expect(route("party_cell", "XX", tree, threeTier)).toMatchObject({
      ok: false,
      problem: { code: "unknown_location" },
    });
  });

  it("names the receiving bodies as the rulebook says", () => {
    expect(tree.get("NB-TP-NN")?.name).toBe("Khối Dân vận Đảng ủy xã Ninh Nhất");
    expect(tree.get("NB-HL")?.name).toBe("Ban Dân vận Huyện ủy Hoa Lư");
    expect(tree.get("NB")?.name).toBe("Ban Dân vận Tỉnh ủy Ninh Bình");
  });

  it("nominates commune → district → province, and nothing above the province", () => {
    expect(nextTier("commune", threeTier)).toBe("district");
    expect(nextTier("district", threeTier)).toBe("province");
    expect(nextTier("province", threeTier)).toBeNull();
  });
});

describe("route (two-tier-2026-2030)", () => {
  const tree = demoTree(twoTier);

  it("has a case for every unit category of the rulebook", () => {
    expect(twoTierCases.map((c) => c[0]).sort()).toEqual(twoTier.unitCategories.map((c) => c.id).sort());
  });

  it.each(twoTierCases)("%s at %s goes to %s", (category, location, body) => {
    const result = route(category, location, tree, twoTier);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.route.body.code).toBe(body);
    expect(result.route.via).toBeUndefined();
  });

  it("maps every category to commune or province", () => {
    for (const c of twoTier.unitCategories) expect(["commune", "province"]).toContain(c.receivingTier);
  });

  it("uses today's receiving bodies", () => {
    expect(tree.get("NB-GV")?.name).toBe("Ban Xây dựng Đảng Đảng ủy xã Gia Viễn");
    expect(tree.get("NB")?.name).toBe("Ban Tuyên giáo và Dân vận Tỉnh ủy Ninh Bình");
  });

  it("nominates commune → province", () => {
    expect(nextTier("commune", twoTier)).toBe("province");
    expect(nextTier("province", twoTier)).toBeNull();
  });

  it("routes with a three-tier tree too, skipping the districts", () => {
    const old = demoTree(threeTier);
    const result = route("commune_government", "NB-HL-TY", old, twoTier);
    expect(result.ok && result.route.body.code).toBe("NB");
  });
});

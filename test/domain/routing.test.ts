import { describe, expect, it } from "vitest";
import { OrgTree } from "../../src/domain/org.ts";
import { importOrgTree, parseOrgRows } from "../../src/domain/org-import.ts";
import { nextTier, route } from "../../src/domain/routing.ts";
import type { Rulebook } from "../../src/domain/rulebook/schema.ts";
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
  ["business", "NB-HL", "NB-HL"],
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

// The two-tier rulebook describes the units that exist after 1/7/2025: no district bodies.
const twoTierCases: [category: string, location: string, body: string][] = [
  ["party_cell", "NB-GV", "NB-GV"],
  ["commune_party_unit", "NB-GV", "NB-GV"],
  ["front_work_committee", "NB-DH", "NB-DH"],
  ["residential_area", "NB-HL", "NB-HL"],
  ["branch_association", "NB-NHL", "NB-NHL"],
  ["team_group", "NB-NHL", "NB-NHL"],
  ["commune_resident", "NB-DH", "NB-DH"],
  ["commune_party_committee", "NB-GV", "NB"],
  ["commune_party_organ", "NB-GV", "NB"],
  ["commune_government", "NB-GV", "NB"],
  ["commune_police", "NB-DH", "NB"],
  ["commune_military", "NB-DH", "NB"],
  ["commune_front_organisation", "NB-HL", "NB"],
  ["provincial_party_committee", "NB", "NB"],
  ["provincial_police", "NB", "NB"],
  ["provincial_fire_rescue", "NB", "NB"],
  ["provincial_military", "NB", "NB"],
  ["provincial_border_guard", "NB", "NB"],
  ["provincial_party_agency", "NB", "NB"],
  ["provincial_department", "NB", "NB"],
  ["provincial_front_organisation", "NB", "NB"],
  ["public_service_unit", "NB", "NB"],
  ["business", "NB", "NB"],
  ["provincial_individual", "NB", "NB"],
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

  it("has no category for the units dissolved on 1/7/2025", () => {
    const dissolved = /huyện|huyen|khu vực|district/i;
    for (const c of twoTier.unitCategories) {
      expect(c.id).not.toMatch(/^district_/);
      expect(c.label.vi).not.toMatch(dissolved);
      expect(c.label.en).not.toMatch(dissolved);
    }
  });

  it("labels every category as a default a province adjusts", () => {
    for (const c of twoTier.unitCategories) expect(c.default).toBe(true);
  });

  it("routes with a three-tier tree too, skipping the districts", () => {
    const old = demoTree(threeTier);
    const result = route("commune_government", "NB-HL-TY", old, twoTier);
    expect(result.ok && result.route.body.code).toBe("NB");
  });
});

describe("route: a ward whose Mặt trận standing board collects registrations", () => {
  const rows = (extra: string) =>
    `code,name,tier,parent_code,kind\nNB,Ninh Bình,province,,p\nNB-HL,Phường Hoa Lư,commune,NB,c\nNB-GV,Xã Gia Viễn,commune,NB,c\n${extra}`;
  const treeWith = (extra: string, rulebook = twoTier) => {
    const result = importOrgTree(parseOrgRows(rows(extra)), rulebook);
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    return new OrgTree(result.units);
  };
  const tree = treeWith("NB-HL.MT,Phường Hoa Lư,commune,NB-HL,front_standing_board\n");

  it("names the attached body from the rulebook", () => {
    expect(tree.get("NB-HL.MT")?.name).toBe("Ban Thường trực Ủy ban Mặt trận Tổ quốc Việt Nam phường Hoa Lư");
    expect(tree.isAttached(tree.get("NB-HL.MT")!)).toBe(true);
  });

  it.each([
    ["party_cell", "NB-HL", "NB-HL.MT"],
    ["residential_area", "NB-HL", "NB-HL.MT"],
    ["commune_resident", "NB-HL", "NB-HL.MT"],
    // Elsewhere, and for what the commune does not receive, nothing changes.
    ["party_cell", "NB-GV", "NB-GV"],
    ["commune_government", "NB-HL", "NB"],
  ])("%s at %s goes to %s", (category, location, body) => {
    const result = route(category, location, tree, twoTier);
    expect(result.ok && result.route.body.code).toBe(body);
  });

  it("collects only the categories the rulebook lists, when it lists them", () => {
    const rulebook: Rulebook = {
      ...twoTier,
      attachedBodyKinds: twoTier.attachedBodyKinds.map((k) => ({
        ...k,
        categories: ["residential_area", "front_work_committee"],
      })),
    };
    const limited = treeWith("NB-HL.MT,Phường Hoa Lư,commune,NB-HL,front_standing_board\n", rulebook);
    expect(route("residential_area", "NB-HL", limited, rulebook)).toMatchObject({
      ok: true,
      route: { body: { code: "NB-HL.MT" } },
    });
    expect(route("party_cell", "NB-HL", limited, rulebook)).toMatchObject({
      ok: true,
      route: { body: { code: "NB-HL" } },
    });
  });

  it("is not a place to choose: searching finds the ward once", () => {
    expect(tree.search("hoa lu", "commune").map((u) => u.code)).toEqual(["NB-HL"]);
  });

  it.each([
    [
      "an attached body without its locality",
      "X,Phường Y,commune,,front_standing_board\n",
      "org_attached_without_parent",
    ],
    [
      "an attached body under the province",
      "X,Phường Y,commune,NB,front_standing_board\n",
      "org_attached_parent_tier",
    ],
  ])("refuses %s", (_label, extra, code) => {
    const result = importOrgTree(parseOrgRows(rows(extra)), twoTier);
    expect(!result.ok && result.problems.map((p) => p.code)).toContain(code);
  });
});

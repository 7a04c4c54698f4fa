import { describe, expect, it } from "vitest";
import { criteriaFor } from "../../src/domain/criteria.ts";
import type { Rulebook } from "../../src/domain/rulebook/schema.ts";
import { threeTier, twoTier } from "../support/fixtures.ts";

// Criteria per kind of unit (seed 003), attached to unit categories in both rulebooks.
const KINDS = [
  "party_organisation",
  "state_office",
  "health",
  "culture_sports",
  "school",
  "front",
  "mass_organisation",
  "military",
  "police",
  "fire_rescue",
  "border_guard",
  "business",
];

const ids = (categoryId: string, rulebook: Rulebook) => criteriaFor(categoryId, rulebook).map((s) => s.id);

describe("criteriaFor", () => {
  it.each([
    ["three-tier", threeTier],
    ["two-tier", twoTier],
  ])("has every kind of unit of seed 003, in both languages (%s)", (_name, book) => {
    expect(book.unitKindCriteria.map((s) => s.id)).toEqual(KINDS);
    for (const set of book.unitKindCriteria) {
      expect(set.criteria.length).toBeGreaterThan(0);
      for (const c of set.criteria) {
        expect(c.vi.length).toBeGreaterThan(30);
        expect(c.en.length).toBeGreaterThan(20);
      }
    }
  });

  it.each<[category: string, rulebook: Rulebook, sets: string[]]>([
    ["party_cell", threeTier, ["party_organisation"]],
    ["commune_party_unit", threeTier, ["health", "culture_sports", "school"]],
    ["front_work_committee", threeTier, ["front"]],
    ["branch_association", threeTier, ["mass_organisation"]],
    ["commune_front_organisation", threeTier, ["front", "mass_organisation"]],
    ["commune_armed_forces", threeTier, ["military", "police"]],
    ["district_armed_forces", threeTier, ["military", "police", "fire_rescue", "border_guard"]],
    ["district_office", threeTier, ["state_office", "health", "culture_sports", "school"]],
    ["business", threeTier, ["business"]],
    ["commune_resident", threeTier, []],
    ["commune_police", twoTier, ["police"]],
    ["commune_military", twoTier, ["military"]],
    ["provincial_fire_rescue", twoTier, ["fire_rescue"]],
    ["provincial_border_guard", twoTier, ["border_guard"]],
    ["public_service_unit", twoTier, ["health", "culture_sports", "school"]],
    ["provincial_department", twoTier, ["state_office"]],
    ["commune_government", twoTier, ["state_office"]],
    ["business", twoTier, ["business"]],
    ["club", twoTier, []],
  ])("%s (%s) → %j", (category, book, sets) => {
    expect(ids(category, book)).toEqual(sets);
  });

  it("carries the seed's Vietnamese, with its typos fixed", () => {
    const text = (book: Rulebook) =>
      book.unitKindCriteria.flatMap((s) => s.criteria.map((c) => c.vi)).join("\n");
    for (const book of [threeTier, twoTier]) {
      const all = text(book);
      expect(all).toContain("“Xây dựng trường học thân thiện, học sinh tích cực”");
      expect(all).toContain("“cổng trường sạch đẹp, an toàn”");
      expect(all).toContain("“Toàn dân bảo vệ an ninh Tổ quốc”");
      expect(all).toContain("không nợ lương, nợ bảo hiểm xã hội");
      // The source's typos: "Tố quốc", "phối họp", "cún hộ", "thấm quyền", "pháp iuật"…
      for (const typo of ["Tố quốc", "phối họp", "cún hộ", "thấm quyền", "pháp iuật", "tố chức", "đế xảy ra"])
        expect(all).not.toContain(typo);
    }
  });
});

import { describe, expect, it } from "vitest";
import type { OrgTree } from "../../src/domain/org.ts";
import { importOrgTree, parseOrgRows } from "../../src/domain/org-import.ts";
import {
  formatSubmissionCode,
  isInvitationCode,
  parseSubmissionCode,
} from "../../src/domain/submission-code.ts";
import { demoTree, threeTier } from "../support/fixtures.ts";

describe("org tree import", () => {
  it("reads CSV and JSON alike", () => {
    const csv = 'code,name,tier,parent_code,kind\nP,"Tỉnh A, mới",province,,x\nP-1,Xã B,commune,P,y\n';
    const json = JSON.stringify([
      { code: "P", name: "Tỉnh A, mới", tier: "province", parentCode: "", kind: "x" },
      { code: "P-1", name: "Xã B", tier: "commune", parent_code: "P", kind: "y" },
    ]);
    expect(parseOrgRows(csv)).toEqual(parseOrgRows(json));
  });

  it("names bodies from the rulebook and keeps explicit names", () => {
    const tree = demoTree(threeTier);
    expect(tree.get("NB-TP")?.name).toBe("Ban Dân vận Thành ủy Ninh Bình");
    expect(tree.get("NB-HL-TY")?.name).toBe("Khối Dân vận Đảng ủy xã Trường Yên");
  });

  it.each([
    ["a duplicate code", "A,Tỉnh,province,,\nA,Xã,commune,A,", "org_duplicate_code"],
    ["an unknown tier", "A,Tỉnh,state,,", "org_bad_tier"],
    ["an unknown parent", "A,Xã,commune,Z,", "org_unknown_parent"],
    ["a parent at the same tier", "A,Xã,commune,,\nB,Xã,commune,A,", "org_parent_not_higher"],
    ["a missing name", "A,,province,,", "org_missing_name"],
    ["a bad code", "A B,Tỉnh,province,,", "org_bad_code"],
  ])("refuses %s with its line", (_label, rows, code) => {
    const result = importOrgTree(parseOrgRows(`code,name,tier,parent_code,kind\n${rows}`), threeTier);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems.map((p) => p.code)).toContain(code);
  });

  it("walks the tree: lineage, tier ancestors, subtrees", () => {
    const tree: OrgTree = demoTree(threeTier);
    expect(tree.lineage("NB-HL-TY").map((u) => u.code)).toEqual(["NB-HL-TY", "NB-HL", "NB"]);
    expect(tree.atTier("NB-HL-TY", "district")?.code).toBe("NB-HL");
    expect(
      tree
        .subtree("NB-HL")
        .map((u) => u.code)
        .sort(),
    ).toEqual(["NB-HL", "NB-HL-NH", "NB-HL-TY"]);
    expect(tree.roots().map((u) => u.code)).toEqual(["NB"]);
    expect(tree.children("NB").map((u) => u.locality)).toEqual(["Huyện Hoa Lư", "Thành phố Ninh Bình"]);
  });
});

describe("codes", () => {
  it("formats and reads submission codes", () => {
    expect(formatSubmissionCode(2026, 123)).toBe("DVK-2026-000123");
    expect(parseSubmissionCode(" dvk 2026 123 ")).toBe("DVK-2026-000123");
    expect(parseSubmissionCode("DVK-2026-000123")).toBe("DVK-2026-000123");
    expect(parseSubmissionCode("DVK-26-1")).toBeNull();
  });

  it("keeps invitation codes inside Telegram's deep-link alphabet", () => {
    expect(isInvitationCode("aZ09_-")).toBe(true);
    expect(isInvitationCode("a".repeat(65))).toBe(false);
    expect(isInvitationCode("mã mời")).toBe(false);
  });
});

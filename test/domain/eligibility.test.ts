import { describe, expect, it } from "vitest";
import { checkProposal, checkRegistration, dedupeKey } from "../../src/domain/eligibility.ts";
import type { Rulebook } from "../../src/domain/rulebook/schema.ts";
import type { RecognitionResults, Submission } from "../../src/domain/types.ts";
import { completeDraft, demoTree, threeTier, twoTier, vn } from "../support/fixtures.ts";

const tree = demoTree(threeTier);
const now = vn("2026-03-10T10:00:00");

function codes(s: Submission, at = now, rulebook: Rulebook = threeTier, duplicateOf?: string) {
  return checkRegistration({
    submission: s,
    rulebook,
    tree: rulebook === threeTier ? tree : demoTree(rulebook),
    now: at,
    duplicateOf: duplicateOf as never,
  }).problems.map((p) => p.code);
}

describe("checkRegistration", () => {
  it("accepts a complete registration and routes it", () => {
    const result = checkRegistration({ submission: completeDraft(), rulebook: threeTier, tree, now });
    expect(result).toMatchObject({ ok: true, problems: [], cycleYear: 2026, late: false });
    expect(result.route?.body.code).toBe("NB-TP-NN");
  });

  it.each<[string, Partial<Submission>, string]>([
    ["no field", { field: null }, "field_missing"],
    ["an unknown field", { field: "sports" as never }, "field_missing"],
    ["no registrant kind", { registrantKind: null }, "registrant_kind_missing"],
    ["no unit category", { unitCategory: null }, "category_missing"],
    ["an individual in a collective category", { registrantKind: "individual" }, "category_kind_mismatch"],
    ["no location", { localityCode: null }, "location_missing"],
    ["no unit name", { unitName: " " }, "unit_name_missing"],
    ["an emoji unit name", { unitName: "🎉🎉🎉" }, "unit_name_missing"],
    ["a vague address", { address: "gần chợ" }, "address_not_concrete"],
    ["no contact person", { contactName: "" }, "contact_name_missing"],
    ["a bad phone number", { contactPhone: "12345" }, "phone_invalid"],
    ["no model kind", { modelKind: null }, "model_kind_missing"],
    ["a location too coarse for the category", { localityCode: "NB-TP" }, "location_too_coarse"],
    ["an unknown location", { localityCode: "XX" }, "unknown_location"],
  ])("refuses %s", (_label, change, code) => {
    expect(codes(completeDraft(change))).toContain(code);
  });

  it("names each missing, short, long or wordless description item", () => {
    const base = completeDraft().description;
    const problems = checkRegistration({
      submission: completeDraft({
        description: {
          ...base,
          goals: undefined,
          area: "ngắn",
          outputs: "x".repeat(2001),
          forces: "!!!!!!!!!!!!!!",
        },
      }),
      rulebook: threeTier,
      tree,
      now,
    }).problems;
    expect(problems).toContainEqual({ code: "item_missing", params: { item: "goals" } });
    expect(problems).toContainEqual({ code: "item_too_short", params: { item: "area", min: 10, length: 4 } });
    expect(problems).toContainEqual({
      code: "item_too_long",
      params: { item: "outputs", max: 2000, length: 2001 },
    });
    expect(problems).toContainEqual({ code: "item_no_words", params: { item: "forces" } });
  });

  it("needs a complete self-score within range", () => {
    const scores = { ...completeDraft().scores, impact: 99 } as Record<string, number>;
    delete scores.support;
    expect(codes(completeDraft({ scores }))).toEqual(["score_missing", "score_out_of_range"]);
  });

  it("refuses a duplicate (same unit, same model name, same cycle)", () => {
    expect(codes(completeDraft(), now, threeTier, "DVK-2026-000007")).toEqual(["duplicate"]);
    expect(dedupeKey("Chi bộ thôn Đông", "Tổ tự quản đường hoa")).toBe(
      dedupeKey("  chi bo thon dong ", "TỔ TỰ QUẢN ĐƯỜNG HOA"),
    );
  });

  it("keeps a late registration and flags it (accept_flagged)", () => {
    const result = checkRegistration({
      submission: completeDraft(),
      rulebook: threeTier,
      tree,
      now: vn("2026-03-30T00:00:00"),
    });
    expect(result).toMatchObject({ ok: true, late: true, cycleYear: 2026 });
    const onTime = checkRegistration({
      submission: completeDraft(),
      rulebook: threeTier,
      tree,
      now: vn("2026-03-29T23:59:59"),
    });
    expect(onTime.late).toBe(false);
  });

  it("moves a late registration to the next cycle when the rulebook says so", () => {
    const rulebook = {
      ...threeTier,
      calendar: { ...threeTier.calendar, lateRegistration: "next_cycle" as const },
    };
    const result = checkRegistration({
      submission: completeDraft(),
      rulebook,
      tree,
      now: vn("2026-04-02T10:00:00"),
    });
    expect(result).toMatchObject({ ok: true, late: false, cycleYear: 2027 });
  });

  it("counts a registration made after 15/10 as an early one for next year", () => {
    const result = checkRegistration({
      submission: completeDraft(),
      rulebook: threeTier,
      tree,
      now: vn("2026-11-22T10:00:00"),
    });
    expect(result).toMatchObject({ ok: true, late: false, cycleYear: 2027 });
  });

  it("routes with the two-tier rulebook", () => {
    const s = completeDraft({ localityCode: "NB-GV" });
    const result = checkRegistration({ submission: s, rulebook: twoTier, tree: demoTree(twoTier), now });
    expect(result.ok && result.route?.body.code).toBe("NB-GV");
  });
});

function results(total: "high" | "low" = "high"): RecognitionResults {
  const scores =
    total === "high"
      ? {
          identity: 10,
          leadership: 15,
          coordination: 14,
          support: 14,
          urgency: 13,
          impact: 13,
          sustainability: 13,
        }
      : {
          identity: 8,
          leadership: 10,
          coordination: 10,
          support: 10,
          urgency: 10,
          impact: 10,
          sustainability: 10,
        };
  return {
    outcomes: { outputs: "2 km đường hoa, 156/156 hộ ký cam kết, không còn điểm rác." },
    scores,
    attachments: [],
    late: false,
  };
}

describe("checkProposal", () => {
  const accepted = (extra: Partial<Submission> = {}) =>
    completeDraft({
      status: "accepted",
      code: "DVK-2026-000001",
      bodyCode: "NB-TP-NN",
      tier: "commune",
      results: results(),
      ...extra,
    });
  const at = vn("2026-09-20T10:00:00");

  it("accepts results with a fresh score above the tier's minimum", () => {
    expect(
      checkProposal({
        submission: accepted(),
        tier: "commune",
        rulebook: threeTier,
        now: at,
        recognizedBelow: false,
      }),
    ).toEqual({
      ok: true,
      problems: [],
      late: false,
    });
  });

  it("needs the results achieved", () => {
    const s = accepted({ results: { ...results(), outcomes: {} } });
    const r = checkProposal({
      submission: s,
      tier: "commune",
      rulebook: threeTier,
      now: at,
      recognizedBelow: false,
    });
    expect(r.problems.map((p) => p.code)).toEqual(["results_missing"]);
  });

  it("needs the tier's minimum score (75 / 85 / 90)", () => {
    const low = accepted({ results: results("low") }); // 68
    const r = checkProposal({
      submission: low,
      tier: "commune",
      rulebook: threeTier,
      now: at,
      recognizedBelow: false,
    });
    expect(r.problems).toContainEqual({
      code: "score_below_minimum",
      params: { total: 68, minimum: 75, tier: "commune" },
    });
    const mid = accepted({ results: { ...results(), scores: { ...results().scores, leadership: 9 } } }); // 86
    expect(
      checkProposal({
        submission: mid,
        tier: "district",
        rulebook: threeTier,
        now: at,
        recognizedBelow: true,
      }).ok,
    ).toBe(true);
    expect(
      checkProposal({
        submission: mid,
        tier: "province",
        rulebook: threeTier,
        now: at,
        recognizedBelow: true,
      }).problems,
    ).toContainEqual({ code: "score_below_minimum", params: { total: 86, minimum: 90, tier: "province" } });
  });

  it("needs a recognition one tier lower above the lowest tier", () => {
    const r = checkProposal({
      submission: accepted(),
      tier: "district",
      rulebook: threeTier,
      now: at,
      recognizedBelow: false,
    });
    expect(r.problems).toEqual([{ code: "prior_recognition_missing", params: { tier: "district" } }]);
  });

  it("lets a unit that registers at a tier directly be proposed there", () => {
    const s = accepted({ unitCategory: "district_office", bodyCode: "NB-HL", tier: "district" });
    expect(
      checkProposal({ submission: s, tier: "district", rulebook: threeTier, now: at, recognizedBelow: false })
        .ok,
    ).toBe(true);
  });

  it("flags a province-level proposal from 1/10 and any proposal from 15/10", () => {
    const check = (tier: "commune" | "province", iso: string) =>
      checkProposal({
        submission: accepted(),
        tier,
        rulebook: threeTier,
        now: vn(iso),
        recognizedBelow: true,
      }).late;
    expect(check("province", "2026-09-30T23:59:59")).toBe(false);
    expect(check("province", "2026-10-01T00:00:00")).toBe(true);
    expect(check("commune", "2026-10-14T23:59:59")).toBe(false);
    expect(check("commune", "2026-10-15T00:00:00")).toBe(true);
  });
});

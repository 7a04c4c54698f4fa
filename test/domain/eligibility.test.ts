import { describe, expect, it } from "vitest";
import {
  checkNomination,
  checkProposal,
  checkRecognition,
  checkRegistration,
  dedupeKey,
} from "../../src/domain/eligibility.ts";
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

  it.each(["Ban Dân vận huyện Hoa Lư", "Sở Y tế tỉnh", "0912345678"])(
    "refuses %j as an address",
    (address) => {
      expect(codes(completeDraft({ address }))).toEqual(["address_not_concrete"]);
    },
  );

  it("counts duplicates whatever the punctuation and spacing", () => {
    expect(dedupeKey("Chi bộ thôn Đông", "Tổ tự quản đường hoa")).toBe(
      dedupeKey("Chi bộ thôn-Đông", "Tổ tự quản, đường hoa!"),
    );
    expect(dedupeKey("Chi bộ thôn Đông", "Tổ tự quản đường hoa")).toBe(
      dedupeKey("Chibộ thôn Đông", "Tổ tựquản đường  hoa"),
    );
  });

  it("warns, without refusing, of a self-score below the tier's recognition minimum", () => {
    const scores = { ...completeDraft().scores, impact: 5, urgency: 5 }; // 74 < 75
    const result = checkRegistration({
      submission: completeDraft({ scores }),
      rulebook: threeTier,
      tree,
      now,
    });
    expect(result.ok).toBe(true);
    expect(result.warnings).toEqual([
      { code: "score_below_recognition_minimum", params: { total: 74, minimum: 75, tier: "commune" } },
    ]);
    const fine = checkRegistration({ submission: completeDraft(), rulebook: threeTier, tree, now });
    expect(fine.warnings).toEqual([]);
  });

  it("measures the warning against the receiving tier's minimum", () => {
    // 90 points: enough for the district (85) and the province (90).
    const district = completeDraft({ unitCategory: "district_office", localityCode: "NB-HL" });
    expect(checkRegistration({ submission: district, rulebook: threeTier, tree, now }).warnings).toEqual([]);
    const scores = { ...completeDraft().scores, impact: 12 }; // 89
    const province = completeDraft({
      unitCategory: "provincial_department",
      localityCode: "NB",
      address: "Số 1 đường Tràng An, Ninh Bình",
      scores,
    });
    expect(checkRegistration({ submission: province, rulebook: threeTier, tree, now }).warnings).toEqual([
      { code: "score_below_recognition_minimum", params: { total: 89, minimum: 90, tier: "province" } },
    ]);
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

describe("checkRegistration: a model's name across cycles", () => {
  const key = dedupeKey("Chi bộ thôn Đông", "Tổ tự quản đường hoa thôn Đông");
  const earlier = [{ key, cycleYear: 2025, code: "DVK-2025-000042" as const, modelName: "Tổ tự quản…" }];
  const check = (extra: Partial<Submission>, models = earlier) =>
    checkRegistration({ submission: completeDraft(extra), rulebook: threeTier, tree, now, earlier: models });

  it("refuses a new model that takes the name of the unit's model of an earlier cycle", () => {
    expect(check({}).problems).toEqual([
      { code: "model_name_used_before", params: { code: "DVK-2025-000042", year: 2025 } },
    ]);
  });

  it("lets a replication of it through, naming what it replicates", () => {
    const r = check({
      modelKind: "replication",
      replicates: { code: "DVK-2025-000042", name: "Tổ tự quản" },
    });
    expect(r).toMatchObject({ ok: true, problems: [] });
  });

  it("ignores other names, other units and this cycle (the duplicate rule's business)", () => {
    expect(check({}, [{ ...earlier[0]!, key: dedupeKey("Chi bộ thôn Tây", "Tổ tự quản") }]).ok).toBe(true);
    expect(check({}, [{ ...earlier[0]!, cycleYear: 2026 }]).ok).toBe(true);
    expect(check({}, []).ok).toBe(true);
  });
});

describe("checkRegistration: a replication names the model it replicates", () => {
  const check = (extra: Partial<Submission>) =>
    checkRegistration({
      submission: completeDraft({ modelKind: "replication", ...extra }),
      rulebook: threeTier,
      tree,
      now,
    }).problems;

  it.each<[string, Partial<Submission>, string[]]>([
    ["none named", { replicates: null }, ["replicates_missing"]],
    ["an empty name", { replicates: { name: "  " } }, ["replicates_missing"]],
    ["a name", { replicates: { name: "Đường hoa thôn Tây" } }, []],
    ["a code and a name", { replicates: { code: "DVK-2025-000001", name: "Đường hoa" } }, []],
    // A caller that does not carry the field yet is not refused.
    ["a caller without the field", { replicates: undefined }, []],
  ])("%s", (_label, extra, expected) => {
    expect(check(extra).map((p) => p.code)).toEqual(expected);
  });

  it("is not asked of a new model", () => {
    expect(check({ modelKind: "new", replicates: null })).toEqual([]);
  });
});

/** Results whose fresh self-score totals `total`: points taken off the last criteria first. */
const lowTier = (total: number) => {
  const scores: Record<string, number> = {
    identity: 10,
    leadership: 15,
    coordination: 15,
    support: 15,
    urgency: 15,
    impact: 15,
    sustainability: 15,
  };
  let off = 100 - total;
  for (const id of ["sustainability", "impact", "urgency", "support", "coordination", "leadership"]) {
    const take = Math.min(off, scores[id]!);
    scores[id]! -= take;
    off -= take;
  }
  return { ...results(), scores };
};

describe("checkNomination", () => {
  const recognizedAt = (tier: "commune" | "district", total = 95, extra: Partial<Submission> = {}) =>
    completeDraft({
      id: `lower-${tier}`,
      status: "recognized",
      code: "DVK-2026-000001",
      bodyCode: tier === "commune" ? "NB-TP-NN" : "NB-TP",
      tier,
      results: lowTier(total),
      ...extra,
    });

  it("applies the upper tier's minimum: a 76-point model is not nominated to the district (85)", () => {
    const r = checkNomination({
      submission: recognizedAt("commune", 76),
      upperTier: "district",
      rulebook: threeTier,
      now: vn("2026-09-22T09:00:00"),
    });
    expect(r).toEqual({
      ok: false,
      problems: [{ code: "score_below_minimum", params: { total: 76, minimum: 85, tier: "district" } }],
      late: false,
    });
  });

  it("takes results revised for the upper tier", () => {
    const r = checkNomination({
      submission: recognizedAt("commune", 76),
      upperTier: "district",
      rulebook: threeTier,
      now: vn("2026-09-22T09:00:00"),
      results: lowTier(88),
    });
    expect(r.ok).toBe(true);
  });

  it("flags a nomination to the province from 1/10 (accept_flagged) and refuses it (refuse)", () => {
    const at = vn("2026-10-06T09:00:00");
    const s = recognizedAt("district");
    expect(checkNomination({ submission: s, upperTier: "province", rulebook: threeTier, now: at })).toEqual({
      ok: true,
      problems: [],
      late: true,
    });
    expect(
      checkNomination({
        submission: s,
        upperTier: "province",
        rulebook: threeTier,
        now: vn("2026-09-30T23:59:00"),
      }).late,
    ).toBe(false);
    const strict = { ...threeTier, calendar: { ...threeTier.calendar, lateNomination: "refuse" as const } };
    expect(
      checkNomination({ submission: s, upperTier: "province", rulebook: strict, now: at }).problems,
    ).toEqual([{ code: "deadline_passed", params: { deadline: "province_proposal", date: "01/10/2026" } }]);
  });

  it("gives a nomination to the district until 15/10", () => {
    const s = recognizedAt("commune");
    const check = (iso: string) =>
      checkNomination({ submission: s, upperTier: "district", rulebook: threeTier, now: vn(iso) }).late;
    expect(check("2026-10-06T09:00:00")).toBe(false);
    expect(check("2026-10-15T00:00:00")).toBe(true);
  });
});

describe("checkRecognition", () => {
  const nominated = (total: number, extra: Partial<Submission> = {}) =>
    completeDraft({
      id: "upper",
      status: "proposed",
      code: "DVK-2026-000002",
      bodyCode: "NB-TP",
      queueBodyCode: "NB-TP",
      tier: "district",
      parentId: "lower",
      results: lowTier(total),
      ...extra,
    });
  const lower = completeDraft({ id: "lower", status: "nominated", tier: "commune", bodyCode: "NB-TP-NN" });
  const at = vn("2026-09-25T09:00:00");

  it("refuses the district's recognition of a 76-point model, naming the minimum", () => {
    expect(
      checkRecognition({ submission: nominated(76), rulebook: threeTier, now: at, lower }).problems,
    ).toEqual([{ code: "score_below_minimum", params: { total: 76, minimum: 85, tier: "district" } }]);
    expect(checkRecognition({ submission: nominated(86), rulebook: threeTier, now: at, lower }).ok).toBe(
      true,
    );
  });

  it("reads the prior recognition from the lower decision", () => {
    const notThat = { ...lower, id: "other" };
    const notRecognized = { ...lower, status: "not_recognized" as const };
    for (const l of [notThat, notRecognized])
      expect(
        checkRecognition({ submission: nominated(90), rulebook: threeTier, now: at, lower: l }).problems,
      ).toEqual([{ code: "prior_recognition_missing", params: { tier: "district" } }]);
    // Without it, the parent link stands for it (a nomination only starts from a recognition).
    expect(checkRecognition({ submission: nominated(90), rulebook: threeTier, now: at }).ok).toBe(true);
    expect(
      checkRecognition({ submission: nominated(90, { parentId: null }), rulebook: threeTier, now: at })
        .problems,
    ).toEqual([{ code: "prior_recognition_missing", params: { tier: "district" } }]);
  });

  it("flags a recognition on 20/11 (accept_flagged) and refuses it (refuse)", () => {
    const late = vn("2026-11-20T09:00:00");
    expect(checkRecognition({ submission: nominated(90), rulebook: threeTier, now: late, lower })).toEqual({
      ok: true,
      problems: [],
      late: true,
    });
    const strict = { ...threeTier, calendar: { ...threeTier.calendar, lateRecognition: "refuse" as const } };
    expect(
      checkRecognition({ submission: nominated(90), rulebook: strict, now: late, lower }).problems,
    ).toEqual([{ code: "deadline_passed", params: { deadline: "recognition", date: "15/10/2026" } }]);
  });
});

describe("checkProposal: late proposals and the lower decision", () => {
  const accepted = completeDraft({
    status: "accepted",
    code: "DVK-2026-000001",
    bodyCode: "NB",
    tier: "province",
    unitCategory: "provincial_department",
    results: results(),
  });

  it("refuses a late proposal when the rulebook says so", () => {
    const strict = { ...threeTier, calendar: { ...threeTier.calendar, lateProposal: "refuse" as const } };
    const r = checkProposal({
      submission: accepted,
      tier: "province",
      rulebook: strict,
      now: vn("2026-10-02T09:00:00"),
    });
    expect(r).toEqual({
      ok: false,
      problems: [{ code: "deadline_passed", params: { deadline: "province_proposal", date: "01/10/2026" } }],
      late: true,
    });
  });

  it("lets a nominated proposal returned at the district be proposed again", () => {
    const returned = completeDraft({
      id: "upper",
      status: "accepted",
      bodyCode: "NB-TP",
      tier: "district",
      parentId: "lower",
      results: results(),
    });
    const lower = completeDraft({ id: "lower", status: "nominated", tier: "commune" });
    const at = vn("2026-09-28T09:00:00");
    expect(
      checkProposal({ submission: returned, tier: "district", rulebook: threeTier, now: at, lower }).ok,
    ).toBe(true);
    // The callers' old `recognizedBelow: false` no longer hides the parent link.
    expect(
      checkProposal({
        submission: returned,
        tier: "district",
        rulebook: threeTier,
        now: at,
        recognizedBelow: false,
      }).ok,
    ).toBe(true);
  });
});

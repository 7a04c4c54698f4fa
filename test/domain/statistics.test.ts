import { describe, expect, it } from "vitest";
import { collectModels, computeStatistics, MODEL_STATUSES } from "../../src/domain/statistics.ts";
import { summaryList } from "../../src/domain/summary-list.ts";
import { dataset, modelRows } from "../reports/dataset.ts";
import { completeDraft, demoTree, threeTier, twoTier, vn } from "../support/fixtures.ts";

const tree = demoTree(threeTier);
const submissions = dataset(tree, threeTier);
const hoaLu = (copies = 1) =>
  computeStatistics({
    submissions: copies === 1 ? submissions : dataset(tree, threeTier, copies),
    tree,
    rulebook: threeTier,
    bodyCode: "NB-HL",
    from: 2026,
  });

describe("report statistics (DESIGN §2.8)", () => {
  it("counts the models of a body and the bodies below it, for the cycle year", () => {
    const s = hoaLu();
    expect(s.total).toBe(13);
    expect([s.bodyCode, s.from, s.to]).toEqual(["NB-HL", 2026, 2026]);
    expect(s.fields).toEqual(["economy", "culture_society", "defense_security", "political_system"]);
    expect(s.tiers).toEqual(["commune", "district", "province"]);
    expect(s.statuses).toEqual(MODEL_STATUSES);
    expect(s.statuses).not.toContain("draft");
    expect(s.byField).toEqual({ economy: 4, culture_society: 5, defense_security: 2, political_system: 2 });
  });

  it("counts field × status by each model's latest status along its chain", () => {
    const s = hoaLu();
    const none = Object.fromEntries(MODEL_STATUSES.map((st) => [st, 0]));
    expect(s.byFieldStatus).toEqual({
      economy: { ...none, submitted: 1, accepted: 1, recognized: 1, proposed: 1 },
      culture_society: { ...none, returned: 1, rejected: 1, recognized: 1, proposed: 1, not_recognized: 1 },
      defense_security: { ...none, not_recognized: 1, recognized: 1 },
      political_system: { ...none, recognized: 1, accepted: 1 },
    });
    expect(s.byStatus).toEqual({
      submitted: 1,
      accepted: 2,
      returned: 1,
      rejected: 1,
      proposed: 2,
      recognized: 4,
      not_recognized: 2,
      nominated: 0,
    });
  });

  it("counts field × tier by the tier of the body that received the registration", () => {
    const s = hoaLu();
    expect(s.byTier).toEqual({ commune: 9, district: 4, province: 0 });
    expect(s.byFieldTier).toEqual({
      economy: { commune: 4, district: 0, province: 0 },
      culture_society: { commune: 3, district: 2, province: 0 },
      defense_security: { commune: 1, district: 1, province: 0 },
      political_system: { commune: 1, district: 1, province: 0 },
    });
  });

  it("counts new and replicated models, collectives and individuals, and late registrations", () => {
    const s = hoaLu();
    expect(s.byModelKind).toEqual({ new: 10, replication: 3 });
    expect(s.byRegistrantKind).toEqual({ collective: 10, individual: 3 });
    expect(s.late).toBe(3);
  });

  it("counts a model recognised at every tier it reached: recognized, or nominated after it", () => {
    const s = hoaLu();
    // commune: 3, 4 (nominated), 7 (nominated), 11, 12 (nominated); district: 7, 10, 12; province: 7.
    expect(s.recognizedByTier).toEqual({ commune: 5, district: 3, province: 1 });
    expect(s.recognized).toBe(6);
  });

  it("averages the latest self-score per field to one decimal, leaving out models without one", () => {
    const s = hoaLu();
    expect(s.scoreByField).toEqual({
      economy: { scored: 4, average: 88.5 }, // 90, 80, 96 and 88 (fresh score of the proposal, not 70)
      culture_society: { scored: 5, average: 78.6 }, // 75, 60, 95, 86, 77
      defense_security: { scored: 2, average: 96.5 }, // 93, 100
      political_system: { scored: 1, average: 89 }, // 89; model 13 has no score
    });
    expect(s.score).toEqual({ scored: 12, average: 85.8 }); // 1029 / 12 = 85.75
  });

  it("scales linearly: the data set 25 times over gives 25 times every count", () => {
    const one = hoaLu();
    const many = hoaLu(25);
    expect(many.total).toBe(325);
    expect(many.byFieldStatus.culture_society.recognized).toBe(25);
    expect(many.byFieldTier.culture_society.district).toBe(50);
    expect(many.recognizedByTier).toEqual({ commune: 125, district: 75, province: 25 });
    expect(many.late).toBe(75);
    for (const f of one.fields) {
      expect(many.scoreByField[f].scored).toBe(25 * one.scoreByField[f].scored);
      expect(many.scoreByField[f].average).toBe(one.scoreByField[f].average);
    }
  });

  it("leaves out drafts, bodies outside the scope and other years; a period takes them in", () => {
    const province = computeStatistics({
      submissions,
      tree,
      rulebook: threeTier,
      bodyCode: "NB",
      from: 2026,
    });
    // Hoa Lư's 13, plus Ninh Nhất (52), Đông Thành (53, nominated up to the province) and the province's own (54).
    expect(province.total).toBe(16);
    expect(province.byTier).toEqual({ commune: 11, district: 4, province: 1 });
    expect(province.recognizedByTier).toEqual({ commune: 6, district: 4, province: 3 });

    const commune = computeStatistics({
      submissions,
      tree,
      rulebook: threeTier,
      bodyCode: "NB-HL-NH",
      from: 2026,
    });
    expect(commune.total).toBe(6); // 1, 2, 3, 7, 11, 12: its proposals up the tree stay its models
    expect(commune.recognizedByTier).toEqual({ commune: 4, district: 2, province: 1 });

    const period = computeStatistics({
      submissions,
      tree,
      rulebook: threeTier,
      bodyCode: "NB-HL",
      from: 2025,
      to: 2026,
    });
    expect(period.total).toBe(14);
    expect(period.byField.economy).toBe(5);

    const other = computeStatistics({
      submissions,
      tree,
      rulebook: threeTier,
      bodyCode: "NB-TP",
      from: 2026,
    });
    expect(other.total).toBe(2);
    expect(other.byStatus.recognized).toBe(1);
  });

  it("counts nothing for an unknown body and refuses a period that runs backwards", () => {
    expect(
      computeStatistics({ submissions, tree, rulebook: threeTier, bodyCode: "XX", from: 2026 }).total,
    ).toBe(0);
    expect(() =>
      computeStatistics({ submissions, tree, rulebook: threeTier, bodyCode: "NB", from: 2026, to: 2025 }),
    ).toThrow(RangeError);
  });

  it("resolves each chain, whatever order the rows come in", () => {
    const models = collectModels({
      submissions: [...submissions].reverse(),
      tree,
      rulebook: threeTier,
      bodyCode: "NB-HL",
      from: 2026,
    });
    const seven = models.find((m) => m.root.id === "c0-m7")!;
    expect(seven.chain.map((r) => r.bodyCode)).toEqual(["NB-HL-NH", "NB-HL", "NB"]);
    expect(seven.latest.id).toBe("c0-m7-2");
    expect(seven.status).toBe("recognized");
    expect(seven.recognizedTiers).toEqual(["commune", "district", "province"]);
    expect(seven.decidedAt).toEqual(vn("2026-10-10T08:00:00"));
  });

  it("works with the two-tier rulebook (commune and province only)", () => {
    const tree2 = demoTree(twoTier);
    const rows = [
      ...modelRows(
        { n: 1, body: "NB-HL", field: "economy", chain: ["nominated", "recognized"], score: 90 },
        tree2,
        twoTier,
      ),
      ...modelRows({ n: 2, body: "NB-GV", field: "economy", chain: ["accepted"], score: 70 }, tree2, twoTier),
      completeDraft({ id: "d", bodyCode: "NB-GV", tier: "commune" }),
    ];
    const s = computeStatistics({
      submissions: rows,
      tree: tree2,
      rulebook: twoTier,
      bodyCode: "NB",
      from: 2026,
    });
    expect(s.tiers).toEqual(["commune", "province"]);
    expect(s.total).toBe(2);
    expect(s.recognizedByTier).toMatchObject({ commune: 1, province: 1 });
    expect(s.byFieldTier.economy).toMatchObject({ commune: 2, province: 0 });
  });
});

describe("summary list (mẫu tổng hợp, rà soát mô hình)", () => {
  const list = summaryList({ submissions, tree, rulebook: threeTier, bodyCode: "NB-HL", from: 2026 });

  it("has one row per model, grouped by field, then province → commune, then body, then code", () => {
    expect(list.map((r) => r.code)).toEqual(
      [1, 2, 3, 4, 8, 9, 7, 5, 6, 10, 11, 13, 12].map((n) => `DVK-2026-${String(n).padStart(6, "0")}`),
    );
    expect(list.map((r) => r.field)).toEqual([
      ...Array(4).fill("economy"),
      ...Array(5).fill("culture_society"),
      ...Array(2).fill("defense_security"),
      ...Array(2).fill("political_system"),
    ]);
  });

  it("describes a model by its registration and where its chain stands now", () => {
    const seven = list.find((r) => r.code === "DVK-2026-000007")!;
    expect(seven).toEqual({
      code: "DVK-2026-000007",
      modelName: 'Tổ tự quản "Đường hoa", thôn Đông',
      unitName: "Chi bộ thôn Đông, xã Ninh Hải",
      address: "Thôn Đông\nxã Ninh Hải",
      field: "culture_society",
      tier: "commune",
      bodyCode: "NB-HL-NH",
      bodyName: "Khối Dân vận Đảng ủy xã Ninh Hải",
      registrantKind: "collective",
      modelKind: "new",
      status: "recognized",
      score: 95,
      band: "excellent",
      registeredAt: vn("2026-03-10T09:00:00"),
      decidedAt: vn("2026-10-10T08:00:00"),
      highestRecognizedTier: "province",
      late: false,
      lateness: [],
    });
    const four = list.find((r) => r.code === "DVK-2026-000004")!;
    expect(four).toMatchObject({
      status: "proposed",
      score: 88,
      band: "good",
      decidedAt: vn("2026-04-20T10:00:00"),
      highestRecognizedTier: "commune",
      late: true,
      registeredAt: vn("2026-04-05T09:00:00"),
    });
    const thirteen = list.find((r) => r.code === "DVK-2026-000013")!;
    expect(thirteen).toMatchObject({
      score: null,
      band: null,
      highestRecognizedTier: null,
      tier: "district",
    });
    const one = list.find((r) => r.code === "DVK-2026-000001")!;
    expect(one).toMatchObject({ status: "submitted", decidedAt: null, band: "good", score: 90 });
  });
});

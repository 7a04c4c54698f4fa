import { describe, expect, it } from "vitest";
import {
  band,
  checkCriterionScore,
  maxScore,
  minimumForRecognition,
  quickPicks,
  scoreProblems,
  totalScore,
} from "../../src/domain/scoring.ts";
import { threeTier, twoTier } from "../support/fixtures.ts";

describe("self-scoring rubric", () => {
  it("scores the seven criteria of seed 001 §2 out of 100", () => {
    expect(threeTier.scoring.criteria.map((c) => [c.id, c.max])).toEqual([
      ["identity", 10],
      ["leadership", 15],
      ["coordination", 15],
      ["support", 15],
      ["urgency", 15],
      ["impact", 15],
      ["sustainability", 15],
    ]);
    expect(maxScore(threeTier)).toBe(100);
  });

  it("adds the criteria, ignoring ids that are not in the rubric", () => {
    expect(totalScore({ identity: 10, leadership: 15, unknown: 50 }, threeTier)).toBe(25);
  });

  it.each([
    [100, "excellent"],
    [95, "excellent"],
    [94, "good"],
    [85, "good"],
    [84, "pass"],
    [75, "pass"],
    [74, "fail"],
    [0, "fail"],
  ])("puts %i in band %s", (total, id) => {
    expect(band(total, threeTier).id).toBe(id);
  });

  it("offers quick picks from full marks to nothing", () => {
    expect(quickPicks(threeTier.scoring.criteria[0]!)).toEqual([10, 8, 6, 3, 0]);
    expect(quickPicks(threeTier.scoring.criteria[1]!)).toEqual([15, 12, 9, 5, 0]);
  });

  it("accepts whole numbers from 0 to the criterion's maximum only", () => {
    const c = threeTier.scoring.criteria[1]!;
    expect(checkCriterionScore(c, 0)).toBeNull();
    expect(checkCriterionScore(c, 15)).toBeNull();
    expect(checkCriterionScore(c, 16)).toMatchObject({
      code: "score_out_of_range",
      params: { max: 15, value: 16 },
    });
    expect(checkCriterionScore(c, -1)?.code).toBe("score_out_of_range");
    expect(checkCriterionScore(c, 7.5)?.code).toBe("score_out_of_range");
  });

  it("reports each missing or out-of-range criterion", () => {
    const problems = scoreProblems({ identity: 11, leadership: 15 }, threeTier);
    expect(problems).toContainEqual({
      code: "score_out_of_range",
      params: { criterion: "identity", max: 10, value: 11 },
    });
    expect(problems.filter((p) => p.code === "score_missing")).toHaveLength(5);
  });

  it("has a minimum per tier for recognition", () => {
    expect(minimumForRecognition("commune", threeTier)).toBe(75);
    expect(minimumForRecognition("district", threeTier)).toBe(85);
    expect(minimumForRecognition("province", threeTier)).toBe(90);
    expect(minimumForRecognition("province", twoTier)).toBe(90);
  });
});

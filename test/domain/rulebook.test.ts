import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  builtInRulebook,
  builtInRulebookNames,
  parseRulebook,
  RulebookError,
} from "../../src/domain/rulebook/load.ts";
import { FIELD_IDS } from "../../src/domain/types.ts";
import { root, threeTier, twoTier } from "../support/fixtures.ts";

const raw = () =>
  JSON.parse(readFileSync(join(root, "src/domain/rulebooks/three-tier-2021-2025.json"), "utf8"));

function errorOf(mutate: (book: ReturnType<typeof raw>) => void): RulebookError {
  const book = raw();
  mutate(book);
  try {
    parseRulebook(book, "test");
  } catch (error) {
    if (error instanceof RulebookError) return error;
    throw error;
  }
  throw new Error("expected the rulebook to be refused");
}

describe("rulebooks", () => {
  it("ships every rulebook file as a built-in that validates", () => {
    const files = readdirSync(join(root, "src/domain/rulebooks")).map((f) => f.replace(/\.json$/, ""));
    expect(builtInRulebookNames.sort()).toEqual(files.sort());
    for (const name of files) expect(builtInRulebook(name)?.id).toBe(name);
  });

  it("has exactly the four fields, each with Vietnamese and English help", () => {
    for (const book of [threeTier, twoTier]) {
      expect(book.fields.map((f) => f.id)).toEqual([...FIELD_IDS]);
      for (const f of book.fields) {
        expect(f.help.vi.length).toBeGreaterThan(200);
        expect(f.help.en.length).toBeGreaterThan(200);
      }
    }
  });

  // The seeds live in shared/, beside the repository.
  const seedFile = join(root, "../shared/seeds/001_de61758f5089ae97.txt");
  it.skipIf(!existsSync(seedFile))("takes the field help texts from seed 001", () => {
    const seed = readFileSync(seedFile, "utf8");
    const economy = threeTier.fields.find((f) => f.id === "economy")!;
    expect(seed).toContain("khéo vận động nhân dân thi đua lao động sản xuất");
    expect(economy.help.vi).toContain("khéo vận động nhân dân thi đua lao động sản xuất");
  });

  it("uses the seed's calendar: 30/3 (1/5 in 2021), 1/10, 15/10, Asia/Ho_Chi_Minh", () => {
    expect(threeTier.calendar).toMatchObject({
      registrationDeadline: "03-30",
      registrationDeadlineByYear: { "2021": "05-01" },
      provinceProposalDeadline: "10-01",
      recognitionDeadline: "10-15",
      nudgeOffsetsDays: [14, 7, 3, 1],
    });
    expect(threeTier.timeZone).toBe("Asia/Ho_Chi_Minh");
  });

  it("labels the two-tier rulebook as defaults a province adjusts", () => {
    expect(twoTier.tiers).toEqual(["commune", "province"]);
    expect(twoTier.note?.vi).toMatch(/mặc định/);
  });

  it.each<[string, (b: ReturnType<typeof raw>) => void, string]>([
    [
      "a malformed deadline",
      (b) => (b.calendar.registrationDeadline = "30/3"),
      "calendar.registrationDeadline",
    ],
    ["a fifth field", (b) => b.fields.push(b.fields[0]), "fields"],
    ["an unknown group", (b) => (b.unitCategories[2].group = "nowhere"), "unitCategories.2.group"],
    [
      "a via tier above the receiving tier",
      (b) => (b.unitCategories[0].viaTier = "province"),
      "unitCategories.0.viaTier",
    ],
    [
      "a quick pick above the maximum",
      (b) => (b.scoring.criteria[0].quickPicks = [11]),
      "scoring.criteria.0.quickPicks.0",
    ],
    [
      "a missing tier minimum",
      (b) => delete b.scoring.minimumForRecognition.district,
      "scoring.minimumForRecognition.district",
    ],
    ["a missing English label", (b) => delete b.description[3].label.en, "description.3.label.en"],
    [
      "an unknown quorum",
      (b) => (b.decisions.recognitionQuorum = { kind: "unanimous" }),
      "decisions.recognitionQuorum.kind",
    ],
  ])("refuses %s and names the path", (_label, mutate, path) => {
    const error = errorOf(mutate);
    expect(error.issues.some((i) => i.startsWith(`${path}:`))).toBe(true);
    expect(error.message).toContain(path);
  });
});

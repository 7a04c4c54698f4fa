import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { defaultNote, isDefaultCategory, isDefaultSetting } from "../../src/domain/rulebook/defaults.ts";
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

  // Every item of each field's paragraph in seed 001 (typos fixed), in both rulebooks.
  const SEED_ITEMS: Record<string, string[]> = {
    economy: [
      "thi đua lao động sản xuất",
      "chuyển dịch cơ cấu kinh tế",
      "ứng dụng khoa học kỹ thuật",
      "giống cây trồng, vật nuôi có giá trị kinh tế cao",
      "tiểu thủ công nghiệp, thương mại, dịch vụ",
      "tăng năng suất lao động",
      "thu nhập cho người dân",
      "tích tụ ruộng đất",
      "sản xuất nông nghiệp hàng hóa theo hướng hữu cơ",
      "góp công, góp của, hiến kế",
      "đạt chuẩn nông thôn mới",
      "nông thôn mới nâng cao",
      "nông thôn mới kiểu mẫu",
      "đô thị văn minh",
      "giải phóng mặt bằng",
      "giảm nghèo, giải quyết việc làm",
    ],
    culture_society: [
      "đoàn kết, tự nguyện, tự giác",
      "nếp sống văn minh trong việc cưới, việc tang, lễ hội",
      "văn minh du lịch",
      "quy ước, hương ước",
      "gia đình văn hóa",
      "khu dân cư văn hóa",
      "nếp sống văn hóa công sở",
      "xã hội học tập",
      "phòng chống dịch bệnh",
      "vệ sinh môi trường",
      "vệ sinh an toàn thực phẩm",
      "an sinh xã hội, từ thiện nhân đạo",
      "mô hình tự quản trong cộng đồng",
      "vấn đề mà đại đa số nhân dân đang quan tâm",
    ],
    defense_security: [
      "ý thức chấp hành pháp luật",
      "bảo vệ an ninh quốc gia",
      "trật tự an toàn xã hội",
      "phòng, chống tội phạm và tệ nạn xã hội",
      "hòa giải",
      "tái hòa nhập cộng đồng",
      "tín ngưỡng, tôn giáo",
      "giải quyết có hiệu quả các vấn đề bức xúc, nổi cộm từ cơ sở",
      "thanh, thiếu niên hư",
      "người có quá khứ lầm lỗi",
      "khu dân cư, cơ quan, đơn vị, nhà trường",
      "hành quân dã ngoại, huấn luyện chiến đấu",
      "tuyển quân",
      "phòng chống thiên tai",
      "tìm kiếm cứu nạn",
      "an toàn giao thông",
    ],
    political_system: [
      "tổ chức cơ sở Đảng, đoàn thể, hội quần chúng trong sạch, vững mạnh",
      "doanh nghiệp ngoài Nhà nước",
      "cải cách hành chính",
      "đội ngũ cốt cán",
      "quy chế dân chủ ở cơ sở",
      "giám sát, phản biện xã hội",
      "góp ý xây dựng Đảng, chính quyền",
      "đồng bào theo tôn giáo",
      "đồng bào dân tộc thiểu số",
    ],
  };
  const helpCases = [threeTier, twoTier].flatMap((book) =>
    Object.entries(SEED_ITEMS).flatMap(([field, phrases]) =>
      phrases.map((phrase) => [book.id, field, phrase] as const),
    ),
  );
  it.each(helpCases)("%s: the %s help says “%s”", (id, field, phrase) => {
    const book = id === threeTier.id ? threeTier : twoTier;
    expect(book.fields.find((f) => f.id === field)!.help.vi).toContain(phrase);
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

  it("has late policies, accept_flagged unless a rulebook says otherwise", () => {
    for (const book of [threeTier, twoTier])
      expect(book.calendar).toMatchObject({
        lateProposal: "accept_flagged",
        lateNomination: "accept_flagged",
        lateRecognition: "accept_flagged",
      });
    const book = raw();
    delete book.calendar.lateNomination;
    delete book.calendar.lateRecognition;
    book.calendar.lateProposal = "refuse";
    expect(parseRulebook(book, "test").calendar).toMatchObject({
      lateProposal: "refuse",
      lateNomination: "accept_flagged",
      lateRecognition: "accept_flagged",
    });
  });

  it.each([
    ["three-tier", threeTier],
    ["two-tier", twoTier],
  ])("labels every choice not taken from a published text as a default (%s)", (_name, book) => {
    expect(book.defaults.length).toBeGreaterThan(0);
    for (const d of book.defaults) {
      expect(isDefaultSetting(book, d.path)).toBe(true);
      expect(defaultNote(book, d.path)?.vi.length).toBeGreaterThan(10);
      expect(defaultNote(book, d.path)?.en.length).toBeGreaterThan(10);
    }
    for (const path of [
      "scoring.minimumForRecognition",
      "calendar.lateProposal",
      "calendar.lateNomination",
      "calendar.lateRecognition",
      "decisions.recognitionQuorum",
    ])
      expect(isDefaultSetting(book, path), path).toBe(true);
    expect(isDefaultSetting(book, "calendar.quietHours.from")).toBe(true);
    expect(isDefaultSetting(book, "timeZone")).toBe(false);
    for (const set of book.unitKindCriteria) expect(set.default && set.note?.en).toBeTruthy();
  });

  it("labels the two-tier rulebook's dates, categories and receiving bodies as defaults", () => {
    for (const path of [
      "calendar.registrationDeadline",
      "calendar.provinceProposalDeadline",
      "calendar.recognitionDeadline",
    ])
      expect(isDefaultSetting(twoTier, path), path).toBe(true);
    for (const c of twoTier.unitCategories) expect(isDefaultCategory(twoTier, c.id), c.id).toBe(true);
    expect(twoTier.bodyKinds.find((k) => k.tier === "commune")?.default).toBe(true);
    for (const k of twoTier.attachedBodyKinds) expect(k.default && k.note?.vi).toBeTruthy();
    // The three-tier rulebook's categories come from seed 001, except the one it adds.
    expect(threeTier.unitCategories.filter((c) => c.default).map((c) => c.id)).toEqual(["business"]);
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
    ["a misspelt key", (b) => (b.calendar.lateRecogniton = "refuse"), "calendar"],
    ["an unknown late policy", (b) => (b.calendar.lateRecognition = "ignore"), "calendar.lateRecognition"],
    [
      "a body name for a kind of another tier",
      (b) => (b.bodyKinds[0].byUnitType.huyen = { vi: "x", en: "x" }),
      "bodyKinds.0.byUnitType.huyen",
    ],
    [
      "criteria for an unknown category",
      (b) => b.unitKindCriteria[0].categories.push("club"),
      "unitKindCriteria.0.categories.4",
    ],
    [
      "a default for no setting",
      (b) => b.defaults.push({ path: "calendar.nope", note: b.title }),
      "defaults.16.path",
    ],
    [
      "an attached body collecting an unknown category",
      (b) => (b.attachedBodyKinds = [{ kind: "mt", tier: "commune", name: b.title, categories: ["club"] }]),
      "attachedBodyKinds.0.categories.0",
    ],
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

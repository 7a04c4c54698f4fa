// The publication scrubber (issue 22): each writing of personal data the probe found published,
// removed; what only looks like a name or an identifying number, withheld; what is no one's data
// (sums of money, years, a unit's public name, Bác Hồ, a street name), kept.
import { describe, expect, it } from "vitest";
import { contextOf, HIDDEN, type PersonalFacts, partsOf, scrubber } from "../../src/domain/scrub/scrub.ts";
import { cleanText, fold } from "../../src/domain/text.ts";

const facts: PersonalFacts = {
  names: ["Nguyễn Thị Hồng Nhung"],
  phones: ["0912 345 678"],
  addresses: ["Số 12 đường Trần Phú, tổ 3, khu phố Đông, phường Ninh Khánh"],
  publicNames: ["Chi bộ khu phố Tây"],
};
const scrub = scrubber(facts);

/** A public text still shows `planted`: its digits (a number), or its words folded, as whole words. */
function shows(text: string, planted: string): boolean {
  const digits = planted.replace(/\D/g, "");
  if (digits.length >= 8) return text.replace(/\D/g, "").includes(digits.slice(-9));
  const words = (s: string) => ` ${fold(cleanText(s)).replace(/[^\p{L}\p{N}]+/gu, " ")} `;
  return words(text).includes(` ${words(planted).trim()} `);
}

describe("the publication scrubber removes", () => {
  const cases: { name: string; text: string; planted: string[]; kinds: string[] }[] = [
    {
      name: "the contact's name and phone in a model's name (the probe's example)",
      text: "Mô hình của chị Hồng Nhung 0912345678",
      planted: ["Hồng Nhung", "Nhung", "0912345678"],
      kinds: ["name", "phone"],
    },
    {
      name: "the contact's name without diacritics",
      text: "Liên hệ Nguyen Thi Hong Nhung để biết thêm.",
      planted: ["Nguyen Thi Hong Nhung", "Hong Nhung", "Nhung"],
      kinds: ["name"],
    },
    {
      name: "a part of the name after an honorific, as written or typed without diacritics",
      text: "Cảm ơn chị Nhung đã vận động bà con; cam on chi nhung nhieu.",
      planted: ["Nhung"],
      kinds: ["name", "name"],
    },
    {
      name: "the last two words of the name, in capitals",
      text: "HỒNG NHUNG phụ trách tổ thu gom.",
      planted: ["Hồng Nhung", "Nhung"],
      kinds: ["name"],
    },
    {
      name: "a name with a zero-width (or soft-hyphen) character inside, or for a space",
      text: "Gặp Hồng Nh\u200Bung, hoặc gọi chị Hồng\u200BNhung, hay Nh\u00ADung.",
      planted: ["Nhung", "HồngNhung"],
      kinds: ["name", "name", "name"],
    },
    {
      name: "a phone written with spaces between single digits",
      text: "Gọi 0 9 8 7 6 5 4 3 2 1 để đăng ký.",
      planted: ["0987654321"],
      kinds: ["phone"],
    },
    {
      name: "other people's phones, with +84, brackets, dots, dashes, a landline",
      text: "Anh Tuấn (+84) 358.111.222, tổ trưởng 84-977-000-111, máy bàn (0229) 3871 234.",
      planted: ["0358111222", "0977000111", "02293871234"],
      kinds: ["name", "phone", "phone", "phone"],
    },
    {
      name: "e-mail addresses, also written to dodge robots",
      text: "Gửi về hongnhung.nguyen@gmail.com hoặc tdp3 (at) yahoo (chấm) com.",
      planted: ["hongnhung.nguyen@gmail.com", "tdp3", "yahoo"],
      kinds: ["email", "email"],
    },
    {
      name: "the registration's street address shortened: house number and street",
      text: "Họp tại số 12 Trần Phú, lần sau ở 12 Trần Phú hoặc nhà 12, đường Trần Phú.",
      planted: ["12 Trần Phú"],
      kinds: ["address", "address", "address"],
    },
    {
      name: "the group and the quarter of the address",
      text: "Các hộ ở tổ 3 và khu phố Đông cùng làm.",
      planted: ["tổ 3", "khu phố Đông"],
      kinds: ["address", "address"],
    },
    {
      name: "another person's name after an honorific (not the contact)",
      text: "Đ/c Lê Văn Tám cùng bà Lụa và ông Ba Đức phụ trách.",
      planted: ["Lê Văn Tám", "Lụa", "Ba Đức"],
      kinds: ["name", "name", "name"],
    },
  ];

  for (const c of cases)
    it(c.name, () => {
      const result = scrub(c.text);
      for (const p of c.planted) expect(shows(result.text, p), `${p} in ${result.text}`).toBe(false);
      expect(result.text).toContain(HIDDEN);
      expect(result.removed.map((f) => f.kind)).toEqual(c.kinds);
      for (const f of result.removed) expect(result.source.slice(f.start, f.end)).toBe(f.text);
    });

  it("an individual registrant's own name, and the registrant's name as they show it", () => {
    const own = scrubber({ names: ["Trần Văn Bảy", "Bảy Trần"], phones: [], addresses: [] });
    const result = own("Mô hình vườn cây của ông tran van bay; anh Bảy giữ sổ.");
    expect(result.text).toBe(`Mô hình vườn cây của ông ${HIDDEN}; anh ${HIDDEN} giữ sổ.`);
  });
});

describe("the publication scrubber keeps what is no one's personal data", () => {
  it("sums, years, dates, counts; the unit's public name; the movement's words; places; common words", () => {
    const texts = [
      "Chi bộ khu phố Tây vận động 156/156 hộ; kinh phí 120.000.000 đồng; giai đoạn 2021 - 2025, từ 01-3-2026 - 30-3-2026; làm 2 km đường.",
      "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh; nhớ lời Bác Hồ dạy.",
      "Trồng hoa trên đường Lê Lợi và trước trường THCS Nguyễn Du; Đoàn Thanh niên cùng bà con làm.",
      "An ninh trật tự được giữ vững; thu gom rác; hội viên ở Bà Rịa và Hà Nội đến học tập.",
    ];
    for (const text of texts) {
      const result = scrub(text);
      expect(result.text).toBe(text);
      expect([...result.removed, ...result.withheld]).toEqual([]);
    }
  });
});

describe("the publication scrubber withholds what it is unsure of", () => {
  it("a capitalised phrase starting with a family name, and a long number that is no phone", () => {
    const result = scrub("Nguyễn Văn Hùng phụ trách quỹ, tài khoản 1903 4567 8901 ở ngân hàng.");
    expect(result.text).toBe(`${HIDDEN} phụ trách quỹ, tài khoản ${HIDDEN} ở ngân hàng.`);
    expect(result.removed).toEqual([]);
    expect(result.withheld.map((f) => [f.kind, f.text])).toEqual([
      ["name", "Nguyễn Văn Hùng"],
      ["number", "1903 4567 8901"],
    ]);
    expect(partsOf(result)).toEqual([
      { text: "Nguyễn Văn Hùng", hidden: "withheld", kind: "name" },
      { text: " phụ trách quỹ, tài khoản " },
      { text: "1903 4567 8901", hidden: "withheld", kind: "number" },
      { text: " ở ngân hàng." },
    ]);
    expect(contextOf(result, result.withheld[1]!)).toEqual({
      before: `${HIDDEN} phụ trách quỹ, tài khoản `,
      after: " ở ngân hàng.",
    });
  });

  it("shows a fragment an officer released, wherever it occurs, and says so", () => {
    const released = scrubber(facts, ["Nguyễn Văn Hùng"]);
    const result = released("Nguyễn Văn Hùng phụ trách; gọi chị Nhung.");
    expect(result.text).toBe(`Nguyễn Văn Hùng phụ trách; gọi chị ${HIDDEN}.`);
    expect(result.withheld).toEqual([]);
    expect(result.released.map((f) => f.text)).toEqual(["Nguyễn Văn Hùng"]);
  });

  it("never withholds what it removes: a known name is removed, not waiting for anyone", () => {
    const result = scrub("Nguyễn Thị Hồng Nhung phụ trách.");
    expect(result.withheld).toEqual([]);
    expect(result.removed.map((f) => f.text)).toEqual(["Nguyễn Thị Hồng Nhung"]);
  });
});

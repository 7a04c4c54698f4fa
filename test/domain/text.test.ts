import { describe, expect, it } from "vitest";
import {
  cleanText,
  compactKey,
  fold,
  hasWords,
  isConcreteAddress,
  matchesQuery,
  normalizePhone,
} from "../../src/domain/text.ts";

describe("text rules", () => {
  it("folds case and diacritics, đ included", () => {
    expect(fold("  Xã  Ninh Nhất ")).toBe("xa ninh nhat");
    expect(fold("Phường Đông Thành")).toBe("phuong dong thanh");
  });

  it("finds places by part of their name without diacritics", () => {
    expect(matchesQuery("Xã Ninh Nhất", "ninh nhat")).toBe(true);
    expect(matchesQuery("Xã Ninh Nhất", "nhat")).toBe(true);
    expect(matchesQuery("Phường Đông Thành", "dong th")).toBe(true);
    expect(matchesQuery("Xã Ninh Hải", "ninh nhat")).toBe(false);
    expect(matchesQuery("Xã Ninh Hải", "   ")).toBe(false);
  });

  it.each([
    ["0912345678", "0912345678"],
    ["0912 345 678", "0912345678"],
    ["091.234.5678", "0912345678"],
    ["+84 912 345 678", "0912345678"],
    ["84912345678", "0912345678"],
    ["0387-123-456", "0387123456"],
    ["(0212) 3752 630", "02123752630"],
  ])("accepts the phone number %s", (input, expected) => {
    expect(normalizePhone(input)).toBe(expected);
  });

  it.each([
    "",
    "12345",
    "0123456789",
    "091234567",
    "09123456789",
    "0912abc678",
    "+1 650 555 0100",
    "'; DROP TABLE",
  ])("refuses %j as a phone number", (input) => {
    expect(normalizePhone(input)).toBeNull();
  });

  it("needs letters or digits, not only emoji or punctuation", () => {
    expect(hasWords("🎉🎉")).toBe(false);
    expect(hasWords("...")).toBe(false);
    expect(hasWords("Tổ 5")).toBe(true);
  });

  it("calls an address concrete when it is long enough and names a place or a number", () => {
    expect(isConcreteAddress("Thôn Đông, xã Ninh Nhất", 10)).toBe(true);
    expect(isConcreteAddress("Số 12 Trần Hưng Đạo", 10)).toBe(true);
    expect(isConcreteAddress("ở gần chợ thôi nhé", 10)).toBe(false);
    expect(isConcreteAddress("Thôn 3", 10)).toBe(false);
  });
});

describe("isConcreteAddress", () => {
  it.each([
    "Thôn Đông, xã Ninh Nhất",
    "Số 12 Trần Hưng Đạo",
    "12 Trần Hưng Đạo, Ninh Bình",
    "Tổ 5, phường Đông Thành",
    "Bản Phống, xã Mường Chiềng",
    "Ấp Bình Hòa, xã Tân Phú",
    "Khu phố Yên Bình, phường Nam Hoa Lư",
    "Đường Tràng An, Ninh Bình",
    "Xóm Chùa, xã Ninh Hải",
    "thon Dong, xa Ninh Nhat",
    // NFD input (diacritics as combining marks) reads the same.
    "Thôn Đông, xã Ninh Nhất".normalize("NFD"),
  ])("accepts %j", (address) => {
    expect(isConcreteAddress(address, 10)).toBe(true);
  });

  it.each([
    // Folded, "ban" would read as "bản" and "sở" as "số": not addresses.
    "Ban Dân vận huyện Hoa Lư",
    "Sở Y tế tỉnh",
    "ban dan van huyen Hoa Lu",
    // A phone number is not a house number.
    "0912345678",
    "0912 345 678",
    "Sở Y tế tỉnh, ĐT 0912.345.678",
    "+84 912 345 678",
    "ở gần chợ thôi nhé",
  ])("refuses %j", (address) => {
    expect(isConcreteAddress(address, 10)).toBe(false);
  });
});

describe("compactKey", () => {
  it("ignores case, accents, punctuation and spacing", () => {
    expect(compactKey("Tổ tự quản, đường hoa!")).toBe(compactKey("to tu quan duong-hoa"));
    expect(compactKey("  Tổ  tự quản  ")).toBe("totuquan");
    expect(compactKey("Tổ 5")).not.toBe(compactKey("Tổ 6"));
  });
});

describe("cleanText", () => {
  it.each([
    ["U+202E right-to-left override", "Nguyễn\u202EnóV", "NguyễnnóV"],
    ["U+202A–U+202D embeddings and overrides", "\u202Aa\u202Bb\u202Cc\u202Dd", "abcd"],
    ["U+2066–U+2069 isolates", "\u2066a\u2067b\u2068c\u2069", "abc"],
    ["U+200E, U+200F, U+061C marks", "a\u200Eb\u200Fc\u061Cd", "abcd"],
    ["U+200B, U+200C zero-width space and non-joiner", "Chi\u200B bộ\u200C", "Chi bộ"],
    ["U+2060, U+FEFF, U+180E", "\uFEFFThôn\u2060 Đông\u180E", "Thôn Đông"],
    ["a joiner between letters", "Nguy\u200Dễn", "Nguyễn"],
    [
      "U+00AD soft hyphen, U+034F grapheme joiner, U+2061–U+2064 invisible operators",
      "Nh\u00ADu\u034Fn\u2062g",
      "Nhung",
    ],
    ["a joiner at either end of an emoji", "\u200D👍\u200D", "👍"],
  ])("removes %s", (_what, typed, kept) => {
    expect(cleanText(typed)).toBe(kept);
  });

  it("makes a file name read as it is: the override cannot hide .exe", () => {
    expect(cleanText("photo\u202Egpj.exe")).toBe("photogpj.exe");
  });

  it.each([
    ["👩\u200D💻", "woman technologist"],
    ["👩🏽\u200D💻", "with a skin tone"],
    ["❤\uFE0F\u200D🔥", "after a variation selector"],
    ["👨\u200D👩\u200D👧", "a family"],
  ])("keeps the joiner inside an emoji sequence: %s (%s)", (emoji) => {
    expect(cleanText(emoji)).toBe(emoji);
  });

  it("composes text typed with combining marks (NFC), and keeps everything else", () => {
    const nfd = "Nguyễn Văn Ấn, thôn Đông".normalize("NFD");
    expect(cleanText(nfd)).toBe("Nguyễn Văn Ấn, thôn Đông".normalize("NFC"));
    expect(cleanText(nfd)).not.toBe(nfd);
    const plain = "Dòng 1\nDòng 2 — «trích» 😀 (50%)";
    expect(cleanText(plain)).toBe(plain);
  });
});

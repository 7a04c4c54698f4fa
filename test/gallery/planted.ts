// Personal data planted in generated models' public texts, in the writings people use (issue 22):
// names with or without diacritics, in part, after honorifics, with zero-width characters, in
// capitals; phones however grouped and prefixed; e-mail addresses; the street address shortened.
// Each planting says what must never be seen again: words (compared folded) or a phone's digits.
import { fold } from "../../src/domain/text.ts";

/** A seeded PRNG (mulberry32): the same seed, the same models. */
export function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  return { next, pick, int, chance: (p: number) => next() < p };
}
export type Random = ReturnType<typeof prng>;

export const FAMILY = [
  "Nguyễn",
  "Trần",
  "Lê",
  "Phạm",
  "Hoàng",
  "Vũ",
  "Đặng",
  "Bùi",
  "Đỗ",
  "Ngô",
  "Dương",
  "Phan",
];
const MIDDLE = ["Văn", "Thị", "Hồng", "Minh", "Thanh", "Ngọc", "Đức", "Quang", "Kim", "Bảo", "Gia"];
/** Given names that are no common word of the pages (checked by the test against a page without them). */
export const GIVEN = [
  "Nhung",
  "Tuấn",
  "Thảo",
  "Khánh",
  "Quyên",
  "Loan",
  "Nguyệt",
  "Duyên",
  "Thủy",
  "Quỳnh",
  "Vy",
  "Oanh",
  "Thơm",
  "Luân",
  "Hằng",
  "Trâm",
  "Uyên",
  "Xuyến",
  "Khuê",
  "Thoa",
];
const HONORIFICS = ["anh", "chị", "ông", "bà", "cô", "chú", "bác", "em", "cháu", "đồng chí", "đ/c", "Đ/c"];
const STREETS = [
  "Trần Phú",
  "Lê Lợi",
  "Hai Bà Trưng",
  "Nguyễn Huệ",
  "Quang Trung",
  "Lý Thường Kiệt",
  "Hùng Vương",
];
const HAMLETS = [
  "thôn Yên Hạ",
  "thôn Phú Mỹ",
  "khu phố Tân Tiến",
  "ấp Bình Phước",
  "xóm Thượng Phúc",
  "tổ dân phố Đồng Tâm",
];
const MOBILE = [
  "32",
  "33",
  "34",
  "35",
  "36",
  "37",
  "38",
  "39",
  "56",
  "58",
  "70",
  "76",
  "77",
  "78",
  "79",
  "81",
  "83",
  "84",
  "85",
  "86",
  "88",
  "89",
  "90",
  "91",
  "93",
  "94",
  "96",
  "97",
  "98",
  "99",
];
const ZERO_WIDTH = ["\u200B", "\u200C", "\u200D", "\u2060", "\uFEFF", "\u00AD", "\u2062"];

/** What a page must never show again: words (folded, whole) or a phone number (its last nine digits). */
export type Needle = { words: string } | { digits: string };

export interface Person {
  name: string;
  phone: string;
}

export function person(r: Random): Person {
  return {
    name: `${r.pick(FAMILY)} ${r.pick(MIDDLE)} ${r.pick(GIVEN)}`,
    phone: `0${r.pick(MOBILE)}${String(r.int(0, 9_999_999)).padStart(7, "0")}`,
  };
}

/** A street address: house number, street, group, hamlet, then the commune (which is public). */
export function address(r: Random): {
  text: string;
  house: string;
  street: string;
  group: string;
  hamlet: string;
} {
  const house = r.chance(0.2) ? `${r.int(1, 199)}/${r.int(1, 30)}` : String(r.int(1, 299));
  const street = r.pick(STREETS);
  const group = `tổ ${r.int(1, 30)}`;
  const hamlet = r.pick(HAMLETS);
  return {
    text: `Số ${house} đường ${street}, ${group}, ${hamlet}, xã Ninh Nhất`,
    house,
    street,
    group,
    hamlet,
  };
}

const words = (text: string): Needle => ({
  words: fold(text)
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim(),
});

/** A zero-width character somewhere inside the text (not at its ends). */
function zeroWidth(r: Random, text: string): string {
  const at = r.int(1, Math.max(1, text.length - 1));
  return `${text.slice(0, at)}${r.pick(ZERO_WIDTH)}${text.slice(at)}`;
}

/** A known person's name in one of its writings, and what must be gone. */
export function nameWriting(r: Random, name: string): { text: string; needles: Needle[] } {
  const parts = name.split(" ");
  const given = parts.at(-1)!;
  const lastTwo = parts.slice(-2).join(" ");
  const needles = [words(name), words(lastTwo), words(given), { words: fold(lastTwo).replace(/ /g, "") }];
  const writings = [
    () => name,
    () => fold(name).replace(/\b\w/g, (c) => c.toUpperCase()),
    () => name.toUpperCase(),
    () => lastTwo,
    () => `${r.pick(HONORIFICS)} ${given}`,
    () => `${r.pick(HONORIFICS)} ${fold(given)}`,
    () => `${r.pick(HONORIFICS)} ${lastTwo}`,
    () => zeroWidth(r, name),
    () => `${r.pick(HONORIFICS)} ${zeroWidth(r, given)}`,
    () => lastTwo.replace(" ", r.pick(ZERO_WIDTH)),
    () => `${r.pick(HONORIFICS)} ${given.toUpperCase()}`,
  ];
  return { text: r.pick(writings)(), needles };
}

/** Someone else's name after an honorific: another person's, removed all the same. */
export function otherName(r: Random): { text: string; needles: Needle[] } {
  const other = person(r).name;
  const given = other.split(" ").at(-1)!;
  return r.chance(0.5)
    ? { text: `${r.pick(HONORIFICS)} ${other}`, needles: [words(other)] }
    : { text: `${r.pick(HONORIFICS)} ${given}`, needles: [words(given)] };
}

/** A phone (anyone's) in one of its writings. */
export function phoneWriting(r: Random, phone: string): { text: string; needles: Needle[] } {
  const n = phone.slice(1); // the nine digits after the national 0
  const [a, b, c] = [n.slice(0, 3), n.slice(3, 6), n.slice(6)];
  const writings = [
    `0${n}`,
    `0${a} ${b} ${c}`,
    `0${a}.${b}.${c}`,
    `0${a}-${b}-${c}`,
    `+84 ${a} ${b} ${c}`,
    `(+84) ${a}.${b}.${c}`,
    `84${n}`,
    `+84-${a}-${b}-${c}`,
    `0084 ${a} ${b} ${c}`,
    `+84 (0) ${a} ${b} ${c}`,
    `(0${a}) ${b} ${c}`,
    [...`0${n}`].join(" "),
    zeroWidth(r, `0${a} ${b} ${c}`),
  ];
  return { text: r.pick(writings), needles: [{ digits: n }] };
}

/** An e-mail address in one of its writings. */
export function emailWriting(r: Random, name: string): { text: string; needles: Needle[] } {
  const local = `${fold(name).split(" ").at(-1)}.${fold(name).split(" ")[0]}${r.int(1, 999)}`;
  const domain = r.pick(["gmail.com", "yahoo.com.vn", "ninhbinh.gov.vn"]);
  const text = r.chance(0.8)
    ? `${local}@${domain}`
    : `${local} (at) ${domain.replace(/\./g, r.pick([" (chấm) ", " [dot] "]))}`;
  return { text: r.chance(0.2) ? text.toUpperCase() : text, needles: [words(local)] };
}

/** The registration's address, whole or shortened. */
export function addressWriting(
  r: Random,
  a: ReturnType<typeof address>,
): { text: string; needles: Needle[] } {
  const needles = [words(`${a.house} ${a.street}`), words(a.group), words(a.hamlet)];
  const writings = [
    a.text,
    `số ${a.house} ${a.street}`,
    `${a.house} ${a.street}`,
    `${a.house} đường ${a.street}`,
    `số ${a.house}, đường ${a.street}`,
    `SỐ ${a.house} ${a.street.toUpperCase()}`,
    a.group,
    a.hamlet,
    `${a.group}, ${a.hamlet}`,
  ];
  return { text: r.pick(writings), needles };
}

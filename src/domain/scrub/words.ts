import { PLACE_WORDS as ADDRESS_PLACE_WORDS, fold } from "../text.ts";
import { VN_UNITS_2025 } from "../vn-units.ts";

/**
 * The words the scrubber reads names by. Compared as written in lower case, diacritics kept,
 * wherever a folded word would mean something else ("chi bộ" is a party cell, "chị" a woman;
 * "có" is "has", "cô" a woman).
 */

/** Words before a person's name (anh, chị, đồng chí…), one word or two. */
export const HONORIFICS = new Set([
  "anh",
  "chị",
  "ông",
  "bà",
  "cô",
  "chú",
  "bác",
  "em",
  "cháu",
  "cụ",
  "thầy",
  "dì",
  "cậu",
  "mợ",
  "thím",
  "đc",
  "đồng chí",
  "cô giáo",
  "thầy giáo",
  "bác sĩ",
]);

/**
 * The same folded, for the names the scrubber knows: "chi Nhung" typed without diacritics is
 * still "chị Nhung" when Nhung is the contact (whatever else "chi" may mean elsewhere).
 */
export const FOLDED_HONORIFICS = [...new Set([...HONORIFICS].map(fold)), "d/c", "d / c", "d/ c"].sort(
  (a, b) => b.length - a.length,
);

/** The common Vietnamese family names (họ), as written. */
export const SURNAMES = new Set([
  "nguyễn",
  "trần",
  "lê",
  "phạm",
  "hoàng",
  "huỳnh",
  "phan",
  "vũ",
  "võ",
  "đặng",
  "bùi",
  "đỗ",
  "hồ",
  "ngô",
  "dương",
  "lý",
  "đinh",
  "đoàn",
  "lâm",
  "mai",
  "trịnh",
  "trương",
  "cao",
  "lưu",
  "tạ",
  "hà",
  "kiều",
  "quách",
  "thái",
  "tô",
  "tôn",
  "chu",
  "châu",
  "lương",
  "mạc",
  "nghiêm",
  "từ",
  "triệu",
  "khúc",
  "kim",
  "giang",
  "hứa",
  "vương",
  "đào",
  "lại",
  "nông",
  "lò",
  "quàng",
  "sầm",
  "lữ",
  "hầu",
  "tăng",
  "thạch",
  "diệp",
  "phùng",
  "doãn",
  "đàm",
  "hàn",
  "khổng",
  "lục",
  "thân",
  "tiêu",
  "ung",
]);

/** Typed without diacritics, the family names that cannot be read as a common word ("to", "la", "tu" can). */
export const ASCII_SURNAMES = new Set(
  [...SURNAMES].map(fold).filter((s) => !["to", "la", "lo", "tu", "ton", "thai", "than", "ung"].includes(s)),
);

/**
 * Words after which a capitalised phrase names a place, a street, a school, not a person: "đường
 * Trần Phú", "xã Ninh Nhất", "trường Nguyễn Du" — an address's place words (text.ts), and those of
 * communes, districts and landmarks. The last word of longer ones: "thị trấn", "nhà văn hóa".
 */
export const PLACE_WORDS = new Set([
  ...ADDRESS_PLACE_WORDS,
  "xã",
  "phường",
  "trấn",
  "huyện",
  "quận",
  "tỉnh",
  "thành",
  "trường",
  "chợ",
  "cầu",
  "sông",
  "suối",
  "núi",
  "đèo",
  "đình",
  "chùa",
  "đền",
  "hồ",
  "hóa",
  "hoá",
  "viện",
  "đảo",
  "đồng",
  "cảng",
  "bến",
  "trạm",
  "đồn",
  "tượng",
  "ty",
  // Typed without diacritics, the ones that cannot be read otherwise.
  "duong",
  "pho",
  "phuong",
  "huyen",
  "tinh",
  "truong",
]);

/**
 * Names everyone knows that are the movement's own vocabulary, not anyone's personal data: "học
 * tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh", "Bác Hồ", a hero a school or a
 * street is named after. Folded.
 */
export const PUBLIC_NAMES = new Set([
  "ho",
  "ho chi minh",
  "nguyen ai quoc",
  "ton",
  "ton duc thang",
  "vo nguyen giap",
  "le duan",
  "truong chinh",
  "pham van dong",
  "nguyen van cu",
  "tran phu",
  "le hong phong",
  "ha huy tap",
  "nguyen thi minh khai",
  "vo thi sau",
  "nguyen du",
  "nguyen trai",
  "tran hung dao",
  "le loi",
  "ly thuong kiet",
  "hai ba trung",
  // Capitalised phrases that start like a family name: the Youth Union, the islands.
  "doan thanh",
  "doan thanh nien",
  "hoang sa",
  "truong sa",
]);

/** Words of an organisation's or a place's name: a display name with one of them is not a person's. */
export const NOT_A_PERSON = new Set([
  "chi",
  "bộ",
  "hội",
  "đoàn",
  "thôn",
  "xóm",
  "ấp",
  "bản",
  "tổ",
  "xã",
  "phường",
  "ban",
  "ủy",
  "đảng",
  "mặt",
  "trận",
  "hợp",
  "tác",
  "công",
  "ty",
  "trường",
  "khu",
  "ubnd",
  "mttq",
  "htx",
  "cán",
  "bot",
  "admin",
]);

let places: Set<string> | undefined;

/** A place's name as the scrubber compares it: folded, and in lower case with its diacritics. */
export const placeForms = (name: string) => [fold(name), name.normalize("NFC").toLowerCase()];

/**
 * The country's province and commune names (2025), folded and as written in lower case: "Bà
 * Rịa", "Hà Nội", "Lê Lợi" after an honorific or starting like a family name are places. After an
 * honorific the name is compared as written: "bà Xuyến" is a woman, "Ba Xuyên" a ward.
 */
export function countryPlaces(): ReadonlySet<string> {
  places ??= new Set(
    VN_UNITS_2025.flatMap((p) => [p.Name, ...p.Wards.map((w) => w.Name)]).flatMap(placeForms),
  );
  return places;
}

import { fold } from "./text.ts";
import type { Tier } from "./types.ts";

/**
 * Vietnam's kinds of administrative unit (loại đơn vị hành chính), which decide how people name
 * a locality's bodies: "Huyện ủy" for a huyện, "Thị ủy" for a thị xã, "Thành ủy" for a thành
 * phố, "Quận ủy" for a quận; "Tỉnh ủy", or "Thành ủy" for a centrally run city.
 */
export const UNIT_TYPES = [
  "tinh", // Tỉnh
  "thanh_pho_tw", // Thành phố trực thuộc trung ương
  "huyen", // Huyện
  "thi_xa", // Thị xã
  "thanh_pho", // Thành phố thuộc tỉnh
  "quan", // Quận
  "xa", // Xã
  "phuong", // Phường
  "thi_tran", // Thị trấn
  "dac_khu", // Đặc khu
] as const;
export type UnitType = (typeof UNIT_TYPES)[number];

/** The tier each kind of unit belongs to. */
export const UNIT_TYPE_TIER: Record<UnitType, Tier> = {
  tinh: "province",
  thanh_pho_tw: "province",
  huyen: "district",
  thi_xa: "district",
  thanh_pho: "district",
  quan: "district",
  xa: "commune",
  phuong: "commune",
  thi_tran: "commune",
  dac_khu: "commune",
};

/** The word that starts a locality's full name ("Thị xã Sơn Tây"). */
export const UNIT_TYPE_WORD: Record<UnitType, string> = {
  tinh: "Tỉnh",
  thanh_pho_tw: "Thành phố",
  huyen: "Huyện",
  thi_xa: "Thị xã",
  thanh_pho: "Thành phố",
  quan: "Quận",
  xa: "Xã",
  phuong: "Phường",
  thi_tran: "Thị trấn",
  dac_khu: "Đặc khu",
};

/** Prefixes as people write them, longest first; "Thành phố" depends on the tier. */
const PREFIXES: [prefix: string, type: UnitType | "thanh_pho_any"][] = [
  ["thanh pho", "thanh_pho_any"],
  ["thi tran", "thi_tran"],
  ["thi xa", "thi_xa"],
  ["dac khu", "dac_khu"],
  ["huyen", "huyen"],
  ["quan", "quan"],
  ["phuong", "phuong"],
  ["tinh", "tinh"],
  ["xa", "xa"],
  ["tp", "thanh_pho_any"],
  ["tx", "thi_xa"],
  ["tt", "thi_tran"],
];

function resolve(type: UnitType | "thanh_pho_any", tier: Tier): UnitType | null {
  const t = type === "thanh_pho_any" ? (tier === "province" ? "thanh_pho_tw" : "thanh_pho") : type;
  return UNIT_TYPE_TIER[t] === tier ? t : null;
}

/**
 * A locality's kind and bare name, read from its prefix: "Thị xã Sơn Tây" → thi_xa, "Sơn Tây";
 * "Thành phố Hà Nội" at the province tier → thanh_pho_tw, "Hà Nội". A prefix that does not fit
 * the tier, or none, gives `type: null` and the name unchanged (trimmed).
 */
export function splitLocality(locality: string, tier: Tier): { type: UnitType | null; name: string } {
  const name = locality.normalize("NFC").replace(/\s+/g, " ").trim();
  const folded = fold(name);
  for (const [prefix, type] of PREFIXES) {
    if (!folded.startsWith(prefix)) continue;
    const rest = name.slice(prefix.length);
    // A whole word: "Tỉnh Ninh Bình", "TP. Hồ Chí Minh", not "Quảng Ninh" nor "Xãa".
    const m = /^(\.\s*|\s+)/u.exec(rest);
    if (!m || (m[0].startsWith(".") && prefix.length > 2)) continue;
    const bare = rest.slice(m[0].length).trim();
    const resolved = resolve(type, tier);
    if (!bare || !resolved) return { type: null, name };
    return { type: resolved, name: bare };
  }
  return { type: null, name };
}

/**
 * A kind of unit as an org tree's `unit_type` column may say it: an id ("thi_xa") or the words
 * ("Thị xã", "Thành phố trực thuộc trung ương"), of the row's tier ("Thành phố" is a centrally
 * run city at the province tier); null when empty, undefined when unknown or of another tier.
 */
export function parseUnitType(value: string, tier: Tier): UnitType | null | undefined {
  const folded = fold(value).replace(/[\s-]+/g, "_");
  if (folded === "") return null;
  const words = folded.replace(/_/g, " ");
  const byWords = PREFIXES.find(([prefix]) => prefix === words);
  const type: UnitType | null = byWords
    ? resolve(byWords[1], tier)
    : folded === "thanh_pho_truc_thuoc_trung_uong"
      ? "thanh_pho_tw"
      : folded === "thanh_pho_thuoc_tinh"
        ? "thanh_pho"
        : (UNIT_TYPES as readonly string[]).includes(folded)
          ? (folded as UnitType)
          : null;
  return type !== null && UNIT_TYPE_TIER[type] === tier ? type : undefined;
}

/** The kind of a locality from its name's prefix (an org unit keeps no separate column). */
export function unitTypeOf(unit: { locality: string; tier: Tier }): UnitType | null {
  return splitLocality(unit.locality, unit.tier).type;
}

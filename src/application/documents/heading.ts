import { splitLocality } from "../../domain/admin-units.ts";
import { localTime } from "../../domain/calendar.ts";
import type { OrgTree } from "../../domain/org.ts";
import type { BodyCode } from "../../domain/types.ts";
import type { Words } from "../reports/labels.ts";
import type { OfficialDocument } from "./layout.ts";

/** What every document's heading says: the national heading, the issuer, the place and date. */

/** Where a place is not known yet (a draft without its locality), as blank forms leave it. */
export const BLANK = "……………";

export function nationalHeading(w: Words): Pick<OfficialDocument, "country" | "motto"> {
  return { country: w.t("document.country"), motto: w.t("document.motto") };
}

/** A body's name as the issuer's line: in capitals ("BAN DÂN VẬN HUYỆN ỦY HOA LƯ"). */
export function issuerLine(name: string): string {
  return name.toLocaleUpperCase("vi");
}

/** The province a body or place belongs to, by its bare name ("Ninh Bình"): the date line's place. */
export function provincePlace(tree: OrgTree, code: BodyCode | null): string {
  const province = code === null ? undefined : (tree.atTier(code, "province") ?? tree.lineage(code).at(-1));
  return province ? splitLocality(province.locality, province.tier).name : BLANK;
}

/**
 * "Ninh Bình, ngày 05 tháng 02 năm 2026" (Nghị định 30/2020: a day below 10 and the months 1 and
 * 2 take a leading zero), "Ninh Bình, 5 February 2026" in English; the day in `timeZone`.
 */
export function placeAndDate(w: Words, place: string, at: Date, timeZone: string): string {
  const l = localTime(at, timeZone);
  return w.t("document.place_date", {
    place,
    day: String(l.day).padStart(2, "0"),
    month: l.month <= 2 ? `0${l.month}` : String(l.month),
    year: String(l.year),
    long: new Intl.DateTimeFormat(w.language === "vi" ? "vi-VN" : "en-GB", {
      day: "numeric",
      month: "long",
      year: "numeric",
      timeZone,
    }).format(at),
  });
}

/** The steering committee's signature: "TM. BAN CHỈ ĐẠO", "TRƯỞNG BAN". */
export function committeeSignature(w: Words): OfficialDocument["signature"] {
  return { lines: [w.t("document.signature.committee"), w.t("document.signature.chair")] };
}

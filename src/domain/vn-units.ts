import { parseUnitType } from "./admin-units.ts";
import units from "./datasets/vn-units-2025/units.json" with { type: "json" };
import type { OrgRow } from "./org-import.ts";
import { fold } from "./text.ts";
import type { Problem } from "./types.ts";

/**
 * The country's real units as an org tree for the two-tier rulebook: one province body per
 * province and one commune body per xã, phường or đặc khu, named by the rulebook from the unit's
 * kind ("Ban Tuyên giáo và Dân vận Tỉnh ủy Ninh Bình", "Ban Xây dựng Đảng Đảng ủy phường Phủ
 * Lý"). Codes are the official ones: the province "37", its communes "37-13285".
 */

/** A ward (xã, phường, đặc khu) of the dataset, as `datasets/vn-units-2025/units.json` keeps it. */
export interface VnWard {
  Code: string;
  Name: string;
  AdministrativeUnitShortName: string;
}

export interface VnProvince {
  Code: string;
  Name: string;
  FullName: string;
  AdministrativeUnitShortName: string;
  Wards: readonly VnWard[];
}

export interface VnUnitOptions {
  /** Only this province: its code ("37") or name ("Ninh Bình", "Tỉnh Ninh Bình", "ninh binh"). */
  province?: string;
  /** The `kind` of the rows (informative); the demo tree's by default. */
  provinceKind?: string;
  communeKind?: string;
}

export type VnUnitRows = { ok: true; rows: OrgRow[] } | { ok: false; problems: Problem[] };

/** The commune's code: the province's and its own, "37-13285" (unique, within the org alphabet). */
export function vnCommuneCode(province: string, ward: string): string {
  return `${province}-${ward}`;
}

function matchesProvince(p: VnProvince, wanted: string): boolean {
  const w = fold(wanted);
  return p.Code === wanted.trim() || fold(p.Name) === w || fold(p.FullName) === w;
}

/** Org rows (with `unit_type`) for `importOrgTree`, for the whole country or one province. */
export function vnUnitRows(data: readonly VnProvince[], options: VnUnitOptions = {}): VnUnitRows {
  const provinces =
    options.province === undefined ? data : data.filter((p) => matchesProvince(p, options.province!));
  if (provinces.length === 0)
    return {
      ok: false,
      problems: [{ code: "org_unknown_province", params: { province: options.province! } }],
    };
  const provinceKind = options.provinceKind ?? "ban_tuyen_giao_dan_van_tinh";
  const communeKind = options.communeKind ?? "ban_xay_dung_dang_xa";
  const rows: OrgRow[] = [];
  for (const p of provinces) {
    rows.push({
      code: p.Code,
      name: p.FullName,
      tier: "province",
      parentCode: "",
      kind: provinceKind,
      unitType: parseUnitType(p.AdministrativeUnitShortName, "province") ?? p.AdministrativeUnitShortName,
    });
    for (const w of p.Wards) {
      const type = w.AdministrativeUnitShortName;
      rows.push({
        code: vnCommuneCode(p.Code, w.Code),
        name: `${type} ${w.Name}`,
        tier: "commune",
        parentCode: p.Code,
        kind: communeKind,
        unitType: parseUnitType(type, "commune") ?? type,
      });
    }
  }
  return { ok: true, rows };
}

/** The 34 provinces and 3,321 communes since 1/7/2025 (MIT: see the LICENSE beside the data). */
export const VN_UNITS_2025: readonly VnProvince[] = units;

/** Org rows for the two-tier rulebook from the bundled dataset, for the country or one province. */
export function vnUnits2025Rows(options: VnUnitOptions = {}): VnUnitRows {
  return vnUnitRows(VN_UNITS_2025, options);
}

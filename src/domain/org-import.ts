import { parseUnitType } from "./admin-units.ts";
import { attachedBodyNames, bodyNames } from "./body-names.ts";
import type { OrgUnit } from "./org.ts";
import type { Rulebook } from "./rulebook/schema.ts";
import { type Problem, TIERS, type Tier } from "./types.ts";

/**
 * The org tree import format: CSV with a header `code,name,tier,parent_code,kind[,body_name]
 * [,unit_type]`, or JSON (an array of objects with the same keys, camelCase `parentCode`,
 * `bodyName`, `unitType` accepted). `name` is the locality; the body's name comes from
 * `body_name`, or from the rulebook's name for the unit's kind (`unit_type`: "thi_xa" or "Thị
 * xã"…, else read from the name's prefix). A row whose `kind` is one of the rulebook's
 * `attachedBodyKinds` is a body attached to its parent locality (same tier), e.g. a ward's Mặt
 * trận standing board that collects registrations there.
 */
export interface OrgRow {
  code: string;
  name: string;
  tier: string;
  parentCode: string;
  kind: string;
  bodyName?: string;
  unitType?: string;
}

export type OrgImport = { ok: true; units: OrgUnit[] } | { ok: false; problems: Problem[] };

function splitCsvLine(line: string): string[] {
  const cells: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      cells.push(cell);
      cell = "";
    } else cell += ch;
  }
  cells.push(cell);
  return cells.map((c) => c.trim());
}

export function parseOrgRows(text: string): OrgRow[] {
  const trimmed = text.replace(/^\uFEFF/, "").trim();
  if (trimmed.startsWith("[")) {
    const data = JSON.parse(trimmed) as Record<string, unknown>[];
    return data.map((r) => ({
      code: String(r.code ?? ""),
      name: String(r.name ?? ""),
      tier: String(r.tier ?? ""),
      parentCode: String(r.parentCode ?? r.parent_code ?? ""),
      kind: String(r.kind ?? ""),
      ...(r.bodyName || r.body_name ? { bodyName: String(r.bodyName ?? r.body_name) } : {}),
      ...(r.unitType || r.unit_type ? { unitType: String(r.unitType ?? r.unit_type) } : {}),
    }));
  }
  const [header, ...lines] = trimmed.split(/\r?\n/).filter((l) => l.trim() !== "");
  const columns = splitCsvLine(header ?? "");
  return lines.map((line) => {
    const cells = splitCsvLine(line);
    const get = (name: string) => cells[columns.indexOf(name)] ?? "";
    const bodyName = get("body_name");
    const unitType = get("unit_type");
    return {
      code: get("code"),
      name: get("name"),
      tier: get("tier"),
      parentCode: get("parent_code"),
      kind: get("kind"),
      ...(bodyName ? { bodyName } : {}),
      ...(unitType ? { unitType } : {}),
    };
  });
}

/** Checks rows (codes unique, tiers known, parents present and one tier up) and names the bodies. */
export function importOrgTree(rows: OrgRow[], rulebook: Rulebook): OrgImport {
  const problems: Problem[] = [];
  const codes = new Map<string, OrgRow>();
  const attached = (row: OrgRow) =>
    rulebook.attachedBodyKinds.some((k) => k.kind === row.kind && k.tier === row.tier);
  rows.forEach((row, i) => {
    const line = i + 2;
    if (!/^[A-Za-z0-9_.-]{1,40}$/.test(row.code)) problems.push({ code: "org_bad_code", params: { line } });
    else if (codes.has(row.code))
      problems.push({ code: "org_duplicate_code", params: { line, code: row.code } });
    else codes.set(row.code, row);
    if (!row.name) problems.push({ code: "org_missing_name", params: { line } });
    if (!TIERS.includes(row.tier as Tier))
      problems.push({ code: "org_bad_tier", params: { line, tier: row.tier } });
    else if (row.unitType !== undefined && parseUnitType(row.unitType, row.tier as Tier) === undefined)
      problems.push({ code: "org_bad_unit_type", params: { line, unitType: row.unitType } });
  });
  rows.forEach((row, i) => {
    const line = i + 2;
    if (!row.parentCode) {
      if (attached(row)) problems.push({ code: "org_attached_without_parent", params: { line } });
      return;
    }
    const parent = codes.get(row.parentCode);
    if (!parent) problems.push({ code: "org_unknown_parent", params: { line, parent: row.parentCode } });
    else if (attached(row)) {
      if (parent.tier !== row.tier || attached(parent))
        problems.push({ code: "org_attached_parent_tier", params: { line, parent: row.parentCode } });
    } else if (TIERS.indexOf(parent.tier as Tier) <= TIERS.indexOf(row.tier as Tier))
      problems.push({ code: "org_parent_not_higher", params: { line, parent: row.parentCode } });
  });
  if (problems.length) return { ok: false, problems };
  const units = rows.map((row) => {
    const tier = row.tier as Tier;
    const unitType = row.unitType === undefined ? null : (parseUnitType(row.unitType, tier) ?? null);
    const names =
      attachedBodyNames(row.name, tier, row.kind, rulebook) ?? bodyNames(row.name, tier, rulebook, unitType);
    return {
      code: row.code,
      locality: row.name,
      name: row.bodyName ?? names.vi,
      tier,
      kind: row.kind || tier,
      parentCode: row.parentCode || null,
    };
  });
  return { ok: true, units };
}

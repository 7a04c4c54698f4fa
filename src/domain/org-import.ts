import type { OrgUnit } from "./org.ts";
import type { Rulebook } from "./rulebook/schema.ts";
import { type Problem, TIERS, type Tier } from "./types.ts";

/**
 * The org tree import format: CSV with a header `code,name,tier,parent_code,kind[,body_name]`,
 * or JSON (an array of objects with the same keys, camelCase `parentCode`/`bodyName` accepted).
 * `name` is the locality; the body's name comes from `body_name` or the rulebook's template.
 */
export interface OrgRow {
  code: string;
  name: string;
  tier: string;
  parentCode: string;
  kind: string;
  bodyName?: string;
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
    }));
  }
  const [header, ...lines] = trimmed.split(/\r?\n/).filter((l) => l.trim() !== "");
  const columns = splitCsvLine(header ?? "");
  return lines.map((line) => {
    const cells = splitCsvLine(line);
    const get = (name: string) => cells[columns.indexOf(name)] ?? "";
    const bodyName = get("body_name");
    return {
      code: get("code"),
      name: get("name"),
      tier: get("tier"),
      parentCode: get("parent_code"),
      kind: get("kind"),
      ...(bodyName ? { bodyName } : {}),
    };
  });
}

/** Checks rows (codes unique, tiers known, parents present and one tier up) and names the bodies. */
export function importOrgTree(rows: OrgRow[], rulebook: Rulebook): OrgImport {
  const problems: Problem[] = [];
  const codes = new Map<string, OrgRow>();
  rows.forEach((row, i) => {
    const line = i + 2;
    if (!/^[A-Za-z0-9_.-]{1,40}$/.test(row.code)) problems.push({ code: "org_bad_code", params: { line } });
    else if (codes.has(row.code))
      problems.push({ code: "org_duplicate_code", params: { line, code: row.code } });
    else codes.set(row.code, row);
    if (!row.name) problems.push({ code: "org_missing_name", params: { line } });
    if (!TIERS.includes(row.tier as Tier))
      problems.push({ code: "org_bad_tier", params: { line, tier: row.tier } });
  });
  rows.forEach((row, i) => {
    if (!row.parentCode) return;
    const parent = codes.get(row.parentCode);
    if (!parent)
      problems.push({ code: "org_unknown_parent", params: { line: i + 2, parent: row.parentCode } });
    else if (TIERS.indexOf(parent.tier as Tier) <= TIERS.indexOf(row.tier as Tier))
      problems.push({ code: "org_parent_not_higher", params: { line: i + 2, parent: row.parentCode } });
  });
  if (problems.length) return { ok: false, problems };
  const units = rows.map((row) => {
    const tier = row.tier as Tier;
    const template = rulebook.bodyKinds.find((k) => k.tier === tier)?.name.vi ?? "{{locality}}";
    return {
      code: row.code,
      locality: row.name,
      name: row.bodyName ?? template.replace("{{locality}}", localityForBodyName(row.name, tier)),
      tier,
      kind: row.kind || tier,
      parentCode: row.parentCode || null,
    };
  });
  return { ok: true, units };
}

/** "Huyện Hoa Lư" → "Hoa Lư" in "Ban Dân vận Huyện ủy Hoa Lư"; communes keep "xã …". */
function localityForBodyName(name: string, tier: Tier): string {
  if (tier === "commune") return name.replace(/^(Xã|Phường|Thị trấn)(?=\s)/u, (w) => w.toLowerCase());
  return name.replace(/^(Huyện|Thành phố|Thị xã|Quận|Tỉnh)\s+/u, "");
}

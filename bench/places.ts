// (f) The location question's search among the country's 3,321 communes (and 34 provinces): part
// of a name typed without diacritics, as registrants type it. Pure CPU: the tree is in memory.
import { OrgTree } from "../src/domain/org.ts";
import { importOrgTree } from "../src/domain/org-import.ts";
import { builtInRulebook } from "../src/domain/rulebook/load.ts";
import { vnUnits2025Rows } from "../src/domain/vn-units.ts";
import { percentile } from "./stats.ts";

export interface PlacesRun {
  units: number;
  searches: number;
  indexMs: number;
  meanMs: number;
  p95Ms: number;
  maxMs: number;
}

/** What people type: parts of names, no diacritics, some matching many places, some none. */
const QUERIES = [
  "phu ly",
  "ninh",
  "hoa lu",
  "xa tan",
  "ba dinh",
  "phuong 1",
  "an",
  "thanh",
  "cau giay",
  "khong co dau",
];

export function runPlaces(rounds = 200): PlacesRun {
  const rulebook = builtInRulebook("two-tier-2026-2030")!;
  const rows = vnUnits2025Rows();
  if (!rows.ok) throw new Error("the 2025 units do not read");
  const imported = importOrgTree(rows.rows, rulebook);
  if (!imported.ok) throw new Error("the 2025 units do not import");
  const tree = new OrgTree(imported.units);
  const started = performance.now();
  tree.prepareSearch();
  const indexMs = performance.now() - started;
  const times: number[] = [];
  for (let round = 0; round < rounds; round++)
    for (const query of QUERIES) {
      const t0 = performance.now();
      tree.search(query, "commune", 20);
      times.push(performance.now() - t0);
    }
  return {
    units: tree.units.length,
    searches: times.length,
    indexMs,
    meanMs: times.reduce((s, v) => s + v, 0) / times.length,
    p95Ms: percentile(times, 95),
    maxMs: Math.max(...times),
  };
}

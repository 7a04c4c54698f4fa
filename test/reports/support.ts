import { createTranslator } from "../../src/application/i18n.ts";
import { buildReport, type Report } from "../../src/application/reports/report.ts";
import { demoTree, threeTier } from "../support/fixtures.ts";
import { dataset } from "./dataset.ts";

export const tree = demoTree(threeTier);
export const translator = createTranslator(threeTier);
/** 05/11/2026 01:30 in Vietnam, still 04/11 in UTC: the date shown must be Vietnam's. */
export const NOW = new Date("2026-11-04T18:30:00Z");

/** The report of Huyện Hoa Lư for 2026 over the generated data set (13 models). */
export function hoaLuReport(copies = 1): Report {
  return buildReport({
    submissions: dataset(tree, threeTier, copies),
    tree,
    rulebook: threeTier,
    bodyCode: "NB-HL",
    from: 2026,
    now: NOW,
  });
}

export function emptyReport(): Report {
  return buildReport({
    submissions: [],
    tree,
    rulebook: threeTier,
    bodyCode: "NB-HL-TY",
    from: 2026,
    now: NOW,
  });
}

import type { OrgUnit } from "../../domain/org.ts";
import {
  collectModels,
  periodOf,
  type ReportScope,
  type Statistics,
  statisticsOf,
} from "../../domain/statistics.ts";
import { type SummaryRow, summaryRows } from "../../domain/summary-list.ts";
import type { BodyCode, Tier } from "../../domain/types.ts";

/** Everything the exports need: figures, the list, whose they are and when they were made. */
export interface Report {
  body: { code: BodyCode; name: string; tier: Tier };
  from: number;
  to: number;
  /** When the report was made ("Ngày lập"), shown in `timeZone`. */
  generatedAt: Date;
  timeZone: string;
  statistics: Statistics;
  list: SummaryRow[];
}

export interface ReportInput extends ReportScope {
  now: Date;
}

/** A body's report (with every body below it) for a cycle year or a period. */
export function buildReport(input: ReportInput): Report {
  const body: OrgUnit | undefined = input.tree.get(input.bodyCode);
  if (!body) throw new Error(`no body "${input.bodyCode}" in the organisation tree`);
  const { from, to } = periodOf(input);
  const models = collectModels(input);
  return {
    body: { code: body.code, name: body.name, tier: body.tier },
    from,
    to,
    generatedAt: input.now,
    timeZone: input.rulebook.timeZone,
    statistics: statisticsOf(models, input),
    list: summaryRows(models, input.tree, input.rulebook),
  };
}

// Reports a Ban Dân vận files (DESIGN §2.8): figures and the summary list of a body with every body
// below it, for a cycle year or a period; as a chat summary, an XLSX workbook, a CSV list and a
// PNG chart.
export type { ModelStatus, ReportScope, Statistics } from "../../domain/statistics.ts";
export { computeStatistics } from "../../domain/statistics.ts";
export type { SummaryRow } from "../../domain/summary-list.ts";
export { summaryList } from "../../domain/summary-list.ts";
export { CHART_HEIGHT, CHART_WIDTH, chartLayout, reportChart } from "./chart.ts";
export { summaryCsv } from "./csv.ts";
export { formatNumber } from "./labels.ts";
export { buildReport, type Report, type ReportInput } from "./report.ts";
export { reportText } from "./text.ts";
export { reportXlsx } from "./xlsx.ts";

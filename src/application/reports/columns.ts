import type { SummaryRow } from "../../domain/summary-list.ts";
import type { Words } from "./labels.ts";

/** The columns of the summary list, shared by the XLSX sheet and the CSV file. */

export type Cell = string | number | Date | null;

export interface ListColumn {
  /** Heading key: `report.column.<id>`. */
  id: string;
  /** Width in the spreadsheet, in characters. */
  width: number;
  kind: "text" | "number" | "date";
  value(row: SummaryRow, index: number, w: Words): Cell;
}

export const LIST_COLUMNS: readonly ListColumn[] = [
  { id: "index", width: 6, kind: "number", value: (_, i) => i + 1 },
  { id: "code", width: 17, kind: "text", value: (r) => r.code },
  { id: "model_name", width: 36, kind: "text", value: (r) => r.modelName },
  { id: "unit", width: 26, kind: "text", value: (r) => r.unitName },
  { id: "address", width: 28, kind: "text", value: (r) => r.address },
  { id: "field", width: 20, kind: "text", value: (r, _, w) => w.t(`rb:fields.${r.field}.name`) },
  { id: "tier", width: 11, kind: "text", value: (r, _, w) => w.t(`report.tiers.${r.tier}`) },
  { id: "body", width: 30, kind: "text", value: (r) => r.bodyName },
  {
    id: "registrant_kind",
    width: 12,
    kind: "text",
    value: (r, _, w) => (r.registrantKind ? w.t(`report.value.${r.registrantKind}`) : null),
  },
  {
    id: "model_kind",
    width: 12,
    kind: "text",
    value: (r, _, w) => (r.modelKind ? w.t(`report.value.${r.modelKind}`) : null),
  },
  { id: "status", width: 22, kind: "text", value: (r, _, w) => w.t(`status.${r.status}`) },
  { id: "score", width: 10, kind: "number", value: (r) => r.score },
  { id: "band", width: 11, kind: "text", value: (r, _, w) => (r.band ? w.t(`rb:bands.${r.band}`) : null) },
  { id: "registered", width: 13, kind: "date", value: (r) => r.registeredAt },
  { id: "decided", width: 13, kind: "date", value: (r) => r.decidedAt },
  {
    id: "highest",
    width: 13,
    kind: "text",
    value: (r, _, w) => (r.highestRecognizedTier ? w.t(`report.tiers.${r.highestRecognizedTier}`) : null),
  },
  {
    id: "late",
    width: 14,
    kind: "text",
    value: (r, _, w) =>
      r.lateness.length ? r.lateness.map((k) => w.t(`report.value.late_${k}`)).join(", ") : null,
  },
];

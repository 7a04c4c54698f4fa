// The one results table: metric, value, target, and whether it is met or by how much it is not.
import { fmt } from "./stats.ts";

export interface Row {
  metric: string;
  value: string;
  target: string;
  /** "met", "gap: …", or "" for figures without a target. */
  verdict: string;
  met?: boolean;
}

export function info(metric: string, value: string): Row {
  return { metric, value, target: "", verdict: "" };
}

/** A figure that must reach `target` (higher is better). */
export function atLeast(metric: string, value: number, target: number, unit = "", digits?: number): Row {
  const met = value >= target;
  return {
    metric,
    value: `${fmt(value, digits)}${unit}`,
    target: `≥ ${fmt(target, digits)}${unit}`,
    verdict: met
      ? "met"
      : `gap: ${fmt((100 * (value - target)) / target, 0)}% (needs ${fmt(target / value, 1)}×)`,
    met,
  };
}

/** A figure that must stay at or under `target` (lower is better). */
export function atMost(metric: string, value: number, target: number, unit = "", digits?: number): Row {
  const met = value <= target;
  return {
    metric,
    value: `${fmt(value, digits)}${unit}`,
    target: `≤ ${fmt(target, digits)}${unit}`,
    verdict: met
      ? "met"
      : `gap: +${fmt((100 * (value - target)) / target, 0)}% (${fmt(value / target, 1)}× the limit)`,
    met,
  };
}

export function render(rows: Row[]): string {
  const head: Row = { metric: "metric", value: "value", target: "target", verdict: "met? / gap" };
  const all = [head, ...rows];
  const width = (key: keyof Omit<Row, "met">) => Math.max(...all.map((r) => r[key].length));
  const w = {
    metric: width("metric"),
    value: width("value"),
    target: width("target"),
    verdict: width("verdict"),
  };
  const line = (r: Row) =>
    `| ${r.metric.padEnd(w.metric)} | ${r.value.padStart(w.value)} | ${r.target.padEnd(w.target)} | ${r.verdict.padEnd(w.verdict)} |`;
  const rule = `|${"-".repeat(w.metric + 2)}|${"-".repeat(w.value + 1)}:|${"-".repeat(w.target + 2)}|${"-".repeat(w.verdict + 2)}|`;
  return [line(head), rule, ...rows.map(line)].join("\n");
}

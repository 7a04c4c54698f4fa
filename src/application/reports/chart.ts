import { createRequire } from "node:module";
import { createCanvas, GlobalFonts, type SKRSContext2D } from "@napi-rs/canvas";
import type { ModelStatus, Statistics } from "../../domain/statistics.ts";
import type { FieldId, Language } from "../../domain/types.ts";
import type { Translator } from "../i18n.ts";
import { type Words, words } from "./labels.ts";
import type { Report } from "./report.ts";

/**
 * The chart sent in chat: models per field, stacked by status, as a PNG. The font is DejaVu Sans
 * from the `dejavu-fonts-ttf` package (it has every Vietnamese glyph), registered under a family
 * name of our own so the machine's fonts never matter.
 */

export const CHART_WIDTH = 1200;
export const CHART_HEIGHT = 700;
export const CHART_FONT = "DVK DejaVu Sans";

/** One colour per status, distinct enough to tell apart in the legend. */
export const STATUS_COLORS: Record<ModelStatus, string> = {
  submitted: "#90a4ae",
  accepted: "#1e88e5",
  returned: "#ffb300",
  rejected: "#e53935",
  proposed: "#8e24aa",
  recognized: "#43a047",
  not_recognized: "#6d4c41",
  nominated: "#00897b",
};

const PLOT = { left: 100, right: 850, top: 130, bottom: 560 };
const LEGEND = { left: 890, top: 140, width: 290 };
const INK = "#212121";
const GRID = "#e0e0e0";

let fontsRegistered = false;

function registerFonts(): void {
  if (fontsRegistered) return;
  const require = createRequire(import.meta.url);
  for (const file of ["dejavu-fonts-ttf/ttf/DejaVuSans.ttf", "dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf"]) {
    if (!GlobalFonts.registerFromPath(require.resolve(file), CHART_FONT))
      throw new Error(`could not load the chart font ${file}`);
  }
  fontsRegistered = true;
}

const font = (size: number, bold = false) => `${bold ? "bold " : ""}${size}px "${CHART_FONT}"`;

export interface Segment {
  status: ModelStatus;
  count: number;
  y: number;
  height: number;
}

export interface Bar {
  field: FieldId;
  total: number;
  x: number;
  width: number;
  /** Bottom to top, in the order of the statuses. */
  segments: Segment[];
}

export interface ChartLayout {
  /** The value of the axis's top and the step between grid lines. */
  axisMax: number;
  step: number;
  plot: typeof PLOT;
  bars: Bar[];
  /** The statuses shown in the legend: those with models. */
  legend: ModelStatus[];
}

/** A step of 1, 2 or 5 × 10ⁿ giving at most 8 grid lines. */
function niceStep(max: number): number {
  const rough = Math.max(max, 1) / 8;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= rough)!;
  return Math.max(1, step);
}

/** Where each bar and segment goes; pure, so tests can look at the pixels where bars must be. */
export function chartLayout(s: Statistics): ChartLayout {
  const max = Math.max(0, ...s.fields.map((f) => s.byField[f]));
  const step = niceStep(max);
  const axisMax = Math.max(step, Math.ceil(max / step) * step);
  const slot = (PLOT.right - PLOT.left) / s.fields.length;
  const width = Math.round(slot * 0.56);
  const scale = (PLOT.bottom - PLOT.top) / axisMax;
  const bars = s.fields.map((field, i) => {
    const x = Math.round(PLOT.left + slot * i + (slot - width) / 2);
    let base = 0;
    const segments: Segment[] = [];
    for (const status of s.statuses) {
      const count = s.byFieldStatus[field][status];
      if (count === 0) continue;
      const y0 = PLOT.bottom - base * scale;
      base += count;
      const y1 = PLOT.bottom - base * scale;
      segments.push({ status, count, y: y1, height: y0 - y1 });
    }
    return { field, total: s.byField[field], x, width, segments };
  });
  return { axisMax, step, plot: PLOT, bars, legend: s.statuses.filter((st) => s.byStatus[st] > 0) };
}

/** Words of `text` in lines no wider than `width`. */
function wrap(ctx: SKRSContext2D, text: string, width: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/)) {
    const next = line ? `${line} ${word}` : word;
    if (line && ctx.measureText(next).width > width) {
      lines.push(line);
      line = word;
    } else line = next;
  }
  if (line) lines.push(line);
  return lines;
}

/** Dark text on light colours, white on dark ones. */
function textOn(hex: string): string {
  const [r, g, b] = [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16));
  return 0.299 * r! + 0.587 * g! + 0.114 * b! > 160 ? INK : "#ffffff";
}

function drawAxes(ctx: SKRSContext2D, layout: ChartLayout, w: Words): void {
  ctx.font = font(15);
  ctx.textAlign = "right";
  ctx.textBaseline = "middle";
  for (let v = 0; v <= layout.axisMax; v += layout.step) {
    const y = PLOT.bottom - (v / layout.axisMax) * (PLOT.bottom - PLOT.top);
    ctx.strokeStyle = v === 0 ? INK : GRID;
    ctx.lineWidth = 1;
    ctx.beginPath();
    ctx.moveTo(PLOT.left, Math.round(y) + 0.5);
    ctx.lineTo(PLOT.right, Math.round(y) + 0.5);
    ctx.stroke();
    ctx.fillStyle = INK;
    ctx.fillText(w.n(v), PLOT.left - 10, y);
  }
  ctx.strokeStyle = INK;
  ctx.beginPath();
  ctx.moveTo(PLOT.left + 0.5, PLOT.top);
  ctx.lineTo(PLOT.left + 0.5, PLOT.bottom);
  ctx.stroke();
  ctx.save();
  ctx.translate(28, (PLOT.top + PLOT.bottom) / 2);
  ctx.rotate(-Math.PI / 2);
  ctx.textAlign = "center";
  ctx.font = font(16, true);
  ctx.fillText(w.t("report.chart.axis"), 0, 0);
  ctx.restore();
}

function drawBars(ctx: SKRSContext2D, layout: ChartLayout, w: Words): void {
  const slot = (PLOT.right - PLOT.left) / layout.bars.length;
  for (const bar of layout.bars) {
    for (const seg of bar.segments) {
      ctx.fillStyle = STATUS_COLORS[seg.status];
      ctx.fillRect(bar.x, seg.y, bar.width, seg.height);
      ctx.strokeStyle = "#ffffff";
      ctx.lineWidth = 1;
      ctx.strokeRect(bar.x + 0.5, seg.y + 0.5, bar.width - 1, seg.height - 1);
      if (seg.height >= 20) {
        ctx.fillStyle = textOn(STATUS_COLORS[seg.status]);
        ctx.font = font(14, true);
        ctx.textAlign = "center";
        ctx.textBaseline = "middle";
        ctx.fillText(w.n(seg.count), bar.x + bar.width / 2, seg.y + seg.height / 2);
      }
    }
    const top = bar.segments[bar.segments.length - 1]?.y ?? PLOT.bottom;
    ctx.fillStyle = INK;
    ctx.font = font(17, true);
    ctx.textAlign = "center";
    ctx.textBaseline = "bottom";
    ctx.fillText(w.n(bar.total), bar.x + bar.width / 2, top - 6);
    ctx.font = font(15);
    ctx.textBaseline = "top";
    const lines = wrap(ctx, w.t(`rb:fields.${bar.field}.name`), slot - 12);
    lines.slice(0, 3).forEach((line, i) => {
      ctx.fillText(line, bar.x + bar.width / 2, PLOT.bottom + 12 + i * 20);
    });
  }
}

function drawLegend(ctx: SKRSContext2D, layout: ChartLayout, w: Words): void {
  ctx.font = font(15);
  ctx.textAlign = "left";
  ctx.textBaseline = "top";
  let y = LEGEND.top;
  for (const status of layout.legend) {
    ctx.fillStyle = STATUS_COLORS[status];
    ctx.fillRect(LEGEND.left, y, 20, 20);
    ctx.fillStyle = INK;
    for (const line of wrap(ctx, w.t(`status.${status}`), LEGEND.width - 32)) {
      ctx.fillText(line, LEGEND.left + 30, y + 2);
      y += 20;
    }
    y += 14;
  }
}

/** The PNG chart of a report: models per field, stacked by status. */
export async function reportChart(
  report: Report,
  translator: Translator,
  language: Language,
): Promise<Buffer> {
  registerFonts();
  const w = words(report, translator, language);
  const canvas = createCanvas(CHART_WIDTH, CHART_HEIGHT);
  const ctx = canvas.getContext("2d");
  ctx.fillStyle = "#ffffff";
  ctx.fillRect(0, 0, CHART_WIDTH, CHART_HEIGHT);

  ctx.fillStyle = INK;
  ctx.textAlign = "center";
  ctx.textBaseline = "top";
  ctx.font = font(26, true);
  ctx.fillText(w.t("report.chart.title"), CHART_WIDTH / 2, 24);
  ctx.font = font(19);
  ctx.fillText(w.t("report.heading", { body: report.body.name, period: w.period }), CHART_WIDTH / 2, 64);

  const layout = chartLayout(report.statistics);
  drawAxes(ctx, layout, w);
  drawBars(ctx, layout, w);
  drawLegend(ctx, layout, w);
  if (report.statistics.total === 0) {
    ctx.fillStyle = "#757575";
    ctx.font = font(22);
    ctx.textAlign = "center";
    ctx.textBaseline = "middle";
    ctx.fillText(w.t("report.chart.empty"), (PLOT.left + PLOT.right) / 2, (PLOT.top + PLOT.bottom) / 2);
  }

  ctx.fillStyle = "#616161";
  ctx.font = font(13);
  ctx.textAlign = "right";
  ctx.textBaseline = "bottom";
  ctx.fillText(
    w.t("report.made_on", { date: w.day(report.generatedAt) }),
    CHART_WIDTH - 20,
    CHART_HEIGHT - 14,
  );
  return canvas.encode("png");
}

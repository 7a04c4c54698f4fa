import { createCanvas, GlobalFonts, type Image, loadImage } from "@napi-rs/canvas";
import { beforeAll, describe, expect, it } from "vitest";
import {
  CHART_FONT,
  CHART_HEIGHT,
  CHART_WIDTH,
  chartLayout,
  reportChart,
  STATUS_COLORS,
} from "../../src/application/reports/chart.ts";
import { emptyReport, hoaLuReport, translator } from "./support.ts";

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

function pixels(image: Image) {
  const canvas = createCanvas(image.width, image.height);
  const ctx = canvas.getContext("2d");
  ctx.drawImage(image, 0, 0);
  const data = ctx.getImageData(0, 0, image.width, image.height).data;
  const at = (x: number, y: number) => {
    const i = (Math.round(y) * image.width + Math.round(x)) * 4;
    return [data[i]!, data[i + 1]!, data[i + 2]!];
  };
  return { data, at };
}

const hex = (color: string) => [1, 3, 5].map((i) => Number.parseInt(color.slice(i, i + 2), 16));
const isWhite = ([r, g, b]: number[]) => r! > 245 && g! > 245 && b! > 245;

describe("PNG chart: models per field, stacked by status", () => {
  const report = hoaLuReport();
  let png: Buffer;
  let image: Image;

  beforeAll(async () => {
    png = await reportChart(report, translator, "vi");
    image = await loadImage(png);
  });

  it("is a valid PNG of the fixed size", () => {
    expect([...png.subarray(0, 8)]).toEqual(PNG_SIGNATURE);
    expect([image.width, image.height]).toEqual([CHART_WIDTH, CHART_HEIGHT]);
    expect([CHART_WIDTH, CHART_HEIGHT]).toEqual([1200, 700]);
  });

  it("uses the DejaVu Sans of the project's dependencies, not the machine's fonts", () => {
    expect(GlobalFonts.has(CHART_FONT)).toBe(true);
  });

  it("is not blank: many colours, and every bar segment in its status colour", () => {
    const { data, at } = pixels(image);
    const colours = new Set<number>();
    for (let i = 0; i < data.length; i += 4)
      colours.add((data[i]! << 16) | (data[i + 1]! << 8) | data[i + 2]!);
    expect(colours.size).toBeGreaterThan(20);

    const layout = chartLayout(report.statistics);
    expect(layout.bars.map((b) => b.total)).toEqual([4, 5, 2, 2]);
    let segments = 0;
    for (const bar of layout.bars) {
      for (const seg of bar.segments) {
        // Off the centre, where the count is written; inside the 1-px white separators.
        const [r, g, b] = at(bar.x + 6, seg.y + seg.height / 2);
        const [er, eg, eb] = hex(STATUS_COLORS[seg.status]);
        expect(Math.abs(r! - er!) + Math.abs(g! - eg!) + Math.abs(b! - eb!)).toBeLessThan(8);
        segments++;
      }
      // The whole bar is painted.
      let painted = 0;
      let total = 0;
      const top = bar.segments[bar.segments.length - 1]!.y;
      for (let y = Math.ceil(top) + 2; y < layout.plot.bottom - 2; y += 3)
        for (let x = bar.x + 2; x < bar.x + bar.width - 2; x += 3) {
          total++;
          if (!isWhite(at(x, y))) painted++;
        }
      expect(painted / total).toBeGreaterThan(0.9);
    }
    expect(segments).toBe(13); // one per non-zero field × status cell of the data set
    // The legend's swatches, one per status present.
    expect(layout.legend).toEqual([
      "submitted",
      "accepted",
      "returned",
      "rejected",
      "proposed",
      "recognized",
      "not_recognized",
    ]);
  });

  it("draws the title and the labels (dark text pixels above the plot and under the bars)", () => {
    const { at } = pixels(image);
    const dark = (x0: number, y0: number, x1: number, y1: number) => {
      let n = 0;
      for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) if (at(x, y).every((c) => c < 100)) n++;
      return n;
    };
    expect(dark(300, 20, 900, 56)).toBeGreaterThan(500); // title
    expect(dark(300, 60, 900, 90)).toBeGreaterThan(200); // body and period
    expect(dark(100, 566, 850, 620)).toBeGreaterThan(200); // field names
  });

  it("renders an empty report too, at the same size", async () => {
    const empty = await loadImage(await reportChart(emptyReport(), translator, "en"));
    expect([empty.width, empty.height]).toEqual([CHART_WIDTH, CHART_HEIGHT]);
    expect(chartLayout(emptyReport().statistics).bars.every((b) => b.segments.length === 0)).toBe(true);
  });
});

// Small numeric helpers for the benchmark: percentiles, means, a peak-RSS sampler, formatting.

/** The p-th percentile (0–100) of `values`, nearest-rank on a sorted copy. */
export function percentile(values: ArrayLike<number>, p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = Float64Array.from(values).sort();
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]!;
}

export function mean(values: ArrayLike<number>): number {
  if (values.length === 0) return Number.NaN;
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i]!;
  return sum / values.length;
}

/** Latencies (ms) collected into one growable buffer, plus per-step sums for the step profile. */
export class Latencies {
  private buffer = new Float64Array(1024);
  private count = 0;
  private readonly stepSum: number[] = [];
  private readonly stepCount: number[] = [];

  add(step: number, ms: number): void {
    if (this.count === this.buffer.length) {
      const bigger = new Float64Array(this.buffer.length * 2);
      bigger.set(this.buffer);
      this.buffer = bigger;
    }
    this.buffer[this.count++] = ms;
    this.stepSum[step] = (this.stepSum[step] ?? 0) + ms;
    this.stepCount[step] = (this.stepCount[step] ?? 0) + 1;
  }

  get size(): number {
    return this.count;
  }

  values(): Float64Array {
    return this.buffer.subarray(0, this.count);
  }

  /** Mean latency per step, 1-based order. */
  stepMeans(): number[] {
    return this.stepSum.map((sum, i) => sum / this.stepCount[i]!);
  }
}

/** Samples the resident set size while a scenario runs; `stop()` gives the peak in MiB. */
export function sampleRss(intervalMs = 25): { stop(): number } {
  let peak = process.memoryUsage.rss();
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, intervalMs);
  return {
    stop() {
      clearInterval(timer);
      return Math.max(peak, process.memoryUsage.rss()) / 2 ** 20;
    },
  };
}

/** A number with a sensible number of digits for the table. */
export function fmt(value: number, digits?: number): string {
  if (!Number.isFinite(value)) return "n/a";
  const d = digits ?? (Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : 2);
  return value.toLocaleString("en-US", { minimumFractionDigits: d, maximumFractionDigits: d });
}

export function mib(bytes: number): number {
  return bytes / 2 ** 20;
}

// The load harness every chat scenario shares: simulated users, `concurrency` of them at a time,
// each playing a script of messages and button presses through `bot.handleUpdate`, one update
// after the other (a person waits for the answer before the next step). Measures throughput,
// the latency of every update (and per step of the script), API calls and peak RSS.
import { mkdirSync, writeFileSync } from "node:fs";
import { Session } from "node:inspector/promises";
import { join } from "node:path";
import type { Update, User } from "grammy/types";
import type { FakeTelegramApi } from "./fake-api.ts";
import { Latencies, percentile, sampleRss } from "./stats.ts";

/** A user's step: type a text (or a /command), or press the button labelled so on the latest keyboard. */
export type Action = { say: string } | { press: string };

export interface ChatBot {
  handleUpdate(update: Update): Promise<void>;
}

export interface DriveOptions {
  bot: ChatBot;
  api: FakeTelegramApi;
  users: number;
  concurrency: number;
  /** The steps of user number `n` (0-based). */
  script: (n: number) => Action[];
  /** A press must find its label (false: the first button will do, for the echo bot). */
  strictButtons: boolean;
}

export interface DriveResult {
  users: number;
  updates: number;
  seconds: number;
  updatesPerSecond: number;
  latencyMs: { mean: number; p50: number; p95: number; p99: number; max: number };
  /** Mean latency of the n-th update of every user, n = 1… */
  stepMeansMs: number[];
  apiCallsPerUpdate: number;
  /** Process CPU time (user + system, all threads) per update: less sensitive to a busy machine than wall time. */
  cpuMsPerUpdate: number;
  peakRssMiB: number;
}

export const FIRST_USER_ID = 100_001;

export function userOf(n: number): User {
  return {
    id: FIRST_USER_ID + n,
    is_bot: false,
    first_name: "Người dùng",
    last_name: `số ${n}`,
    language_code: "vi",
  };
}

export async function drive(options: DriveOptions): Promise<DriveResult> {
  const { bot, api, users, concurrency, script, strictButtons } = options;
  const latencies = new Latencies();
  let next = 0;
  const callsBefore = api.totalCalls();

  async function worker(): Promise<void> {
    for (let n = next++; n < users; n = next++) {
      const user = userOf(n);
      const steps = script(n);
      for (let i = 0; i < steps.length; i++) {
        const step = steps[i]!;
        const update =
          "say" in step ? api.textUpdate(user, step.say) : api.pressUpdate(user, step.press, strictButtons);
        const started = performance.now();
        await bot.handleUpdate(update);
        latencies.add(i, performance.now() - started);
      }
    }
  }

  const profiler = await startProfile();
  const rss = sampleRss();
  const cpu = process.cpuUsage();
  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, worker));
  const seconds = (performance.now() - started) / 1000;
  const { user, system } = process.cpuUsage(cpu);
  await profiler?.stop();
  const values = latencies.values();
  let max = 0;
  for (const v of values) max = Math.max(max, v);
  return {
    users,
    updates: latencies.size,
    seconds,
    updatesPerSecond: latencies.size / seconds,
    latencyMs: {
      mean: values.reduce((s, v) => s + v, 0) / values.length,
      p50: percentile(values, 50),
      p95: percentile(values, 95),
      p99: percentile(values, 99),
      max,
    },
    stepMeansMs: latencies.stepMeans(),
    apiCallsPerUpdate: (api.totalCalls() - callsBefore) / latencies.size,
    cpuMsPerUpdate: (user + system) / 1000 / latencies.size,
    peakRssMiB: rss.stop(),
  };
}

let profiles = 0;

/**
 * With BENCH_PROFILE=<folder>: a V8 CPU profile of the drive alone (no set-up, no seeding), one
 * file per scenario, for bench/profile-summary.ts. `node --cpu-prof` would profile the set-up too.
 */
export async function startProfile(): Promise<{ stop(): Promise<void> } | undefined> {
  const folder = process.env.BENCH_PROFILE;
  if (!folder) return undefined;
  const session = new Session();
  session.connect();
  await session.post("Profiler.enable");
  await session.post("Profiler.setSamplingInterval", { interval: 500 });
  await session.post("Profiler.start");
  return {
    async stop() {
      const { profile } = await session.post("Profiler.stop");
      session.disconnect();
      mkdirSync(folder, { recursive: true });
      writeFileSync(join(folder, `drive-${process.pid}-${++profiles}.cpuprofile`), JSON.stringify(profile));
    },
  };
}

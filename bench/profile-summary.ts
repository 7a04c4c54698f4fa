// Summarises a V8 CPU profile (node --cpu-prof): self time by function and by package or source
// folder, and total (inclusive) time of chosen functions. Used for bench/PROFILE.md:
//
//   BENCH_ONLY=a-sqlite node --cpu-prof --cpu-prof-dir=.tmp/prof --import tsx bench/index.ts
//   npx tsx bench/profile-summary.ts .tmp/prof/<file>.cpuprofile [function names…]
import { readFileSync } from "node:fs";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** Where a frame's code lives: a package, a source folder, or the engine. */
function area(url: string): string {
  if (!url) return "(engine: GC, idle, native)";
  if (url.startsWith("node:")) return "node internals";
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1]!;
  const src = /\/(src\/[^/]+(?:\/[^/.]+)?|bench|test)\//.exec(url);
  return src ? src[1]! : url.replace(/^.*\//, "");
}

const [file, ...wanted] = process.argv.slice(2);
if (!file) throw new Error("usage: profile-summary <file.cpuprofile> [function names…]");
const profile = JSON.parse(readFileSync(file, "utf8")) as Profile;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

const selfMs = new Map<number, number>();
let totalMs = 0;
profile.samples.forEach((id, i) => {
  const ms = (profile.timeDeltas[i] ?? 0) / 1000;
  selfMs.set(id, (selfMs.get(id) ?? 0) + ms);
  totalMs += ms;
});

const bump = (map: Map<string, number>, key: string, ms: number) => map.set(key, (map.get(key) ?? 0) + ms);
const byFunction = new Map<string, number>();
const byArea = new Map<string, number>();
const inclusive = new Map<string, number>();
for (const [id, ms] of selfMs) {
  const node = byId.get(id)!;
  const { functionName, url, lineNumber } = node.callFrame;
  bump(byFunction, `${functionName || "(anonymous)"} ${area(url)}:${lineNumber + 1}`, ms);
  bump(byArea, area(url), ms);
  // Inclusive time of the wanted functions: count each sample once per distinct name on its stack.
  const seen = new Set<string>();
  for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
    const name = byId.get(at)!.callFrame.functionName;
    if (wanted.includes(name) && !seen.has(name)) {
      seen.add(name);
      bump(inclusive, name, ms);
    }
  }
}

const pct = (ms: number) => `${((100 * ms) / totalMs).toFixed(1).padStart(5)}%`;
const top = (map: Map<string, number>, n: number) => [...map].sort((a, b) => b[1] - a[1]).slice(0, n);
console.log(`total sampled: ${(totalMs / 1000).toFixed(1)} s\n\nself time by area:`);
for (const [k, ms] of top(byArea, 25)) console.log(`${pct(ms)}  ${k}`);
console.log("\nself time by function:");
for (const [k, ms] of top(byFunction, 40)) console.log(`${pct(ms)}  ${k}`);
if (wanted.length) {
  console.log("\ninclusive time:");
  for (const name of wanted) console.log(`${pct(inclusive.get(name) ?? 0)}  ${name}`);
}

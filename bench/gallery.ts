// (g) The public gallery's search over 100,000 published models (issue 17): words typed without
// diacritics ranked by relevance, alone and with the filters the pages offer, and the filters
// without words; on SQLite and, when a server is named, PostgreSQL. Seeded through the store's
// own publish, in transactions of a thousand.
import type { GalleryQuery } from "../src/domain/gallery.ts";
import { createCipher, parseKey } from "../src/storage/cipher.ts";
import { openStore } from "../src/storage/client.ts";
import { migrate } from "../src/storage/migrate.ts";
import { sampleEntry } from "../test/support/gallery.ts";
import { BENCH_DATA_KEY, type BenchDatabase } from "./databases.ts";
import { percentile } from "./stats.ts";

async function analyze(url: string): Promise<void> {
  const pg = (await import("pg")).default;
  const u = new URL(url);
  const schema = u.searchParams.get("schema");
  u.searchParams.delete("schema");
  const client = new pg.Client({ connectionString: u.toString() });
  await client.connect();
  try {
    await client.query(`ANALYZE ${schema ? `"${schema}".` : ""}"GalleryEntry"`);
  } finally {
    await client.end();
  }
}

export interface GalleryRun {
  models: number;
  searches: number;
  seedSeconds: number;
  meanMs: number;
  p95Ms: number;
  maxMs: number;
  /** The slowest kind of search, by its p95. */
  slowest: string;
}

const BATCH = 1000;

/** What the public types and picks: common and rare words, a phrase, filters alone and together. */
function queries(sample: ReturnType<typeof sampleEntry>): [string, GalleryQuery][] {
  return [
    ["word", { words: "moi truong" }],
    ["common word", { words: "dan" }],
    ["phrase", { words: "doan duong no hoa" }],
    ["rare word", { words: "ong mat" }],
    ["no match", { words: "khong co dau xyz" }],
    ["word + field", { words: "an ninh", field: "defense_security" }],
    ["word + province", { words: "nong thon", provinceCode: sample.provinceCode! }],
    ["field + tier + year", { field: "economy", tier: "province", year: 2024 }],
    ["province + commune", { provinceCode: sample.provinceCode!, communeCode: sample.communeCode! }],
    ["everything, page 3", { offset: 40 }],
  ];
}

export async function runGallery(db: BenchDatabase, models: number, rounds = 20): Promise<GalleryRun> {
  await migrate(db.url);
  const store = await openStore(db.url, { cipher: createCipher(parseKey(BENCH_DATA_KEY)) });
  try {
    const seedStart = performance.now();
    for (let from = 0; from < models; from += BATCH)
      await store.gallery.publishMany(
        Array.from({ length: Math.min(BATCH, models - from) }, (_, k) => sampleEntry(from + k)),
      );
    const seedSeconds = (performance.now() - seedStart) / 1000;
    // What autovacuum does after a bulk load on a server: the planner's statistics of the words.
    if (db.provider === "postgres") await analyze(db.url);
    const kinds = queries(sampleEntry(7));
    const times: number[] = [];
    const byKind = new Map<string, number[]>();
    // One round to warm the caches, then the measured ones.
    for (const [, q] of kinds) await store.gallery.search({ ...q, limit: 20 });
    for (let round = 0; round < rounds; round++)
      for (const [name, q] of kinds) {
        const t0 = performance.now();
        await store.gallery.search({ ...q, limit: 20 });
        const ms = performance.now() - t0;
        times.push(ms);
        byKind.set(name, [...(byKind.get(name) ?? []), ms]);
      }
    const slowest = [...byKind.entries()]
      .map(([name, list]) => [name, percentile(list, 95)] as const)
      .sort((a, b) => b[1] - a[1])[0]!;
    return {
      models,
      searches: times.length,
      seedSeconds,
      meanMs: times.reduce((s, v) => s + v, 0) / times.length,
      p95Ms: percentile(times, 95),
      maxMs: Math.max(...times),
      slowest: `${slowest[0]} (${slowest[1].toFixed(1)} ms)`,
    };
  } finally {
    await store.close();
  }
}

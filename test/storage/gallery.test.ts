import { describe, expect, it } from "vitest";
import {
  entrySearchColumns,
  type GalleryEntry,
  type GalleryQuery,
  queryWords,
  SEARCH_COUNT_CAP,
} from "../../src/domain/gallery.ts";
import { sampleEntry } from "../support/gallery.ts";
import { databaseKinds, useStore } from "./databases.ts";

describe.each(databaseKinds)("the gallery on $provider", (kind) => {
  const db = useStore(kind, { perTest: true });

  async function seed(n: number) {
    const store = db.store();
    await store.transaction(async (repos) => {
      for (let i = 0; i < n; i++) await repos.gallery.publish(sampleEntry(i));
    });
  }

  it("keeps an entry as published and reads it back by code, by submission and by person", async () => {
    const entry = sampleEntry(3, { photos: [{ channel: "telegram", ref: "AgAD", mime: "image/jpeg" }] });
    await db.store().gallery.publish(entry);
    expect(await db.store().gallery.byCode(entry.code)).toEqual(entry);
    expect((await db.store().gallery.ofSubmission(entry.submissionId))?.code).toBe(entry.code);
    expect((await db.store().gallery.ofSubmission(entry.rootId))?.code).toBe(entry.code);
    expect((await db.store().gallery.ofPerson(entry.personId)).map((e) => e.code)).toEqual([entry.code]);
  });

  it("refreshes an entry when the model is recognised a tier higher, under the same code", async () => {
    await db.store().gallery.publish(sampleEntry(1, { tier: "commune" }));
    await db.store().gallery.publish(sampleEntry(1, { tier: "district", submissionId: "sub-up" }));
    const page = await db.store().gallery.search({});
    expect(page.total).toBe(1);
    expect(page.items[0]).toMatchObject({
      tier: "district",
      submissionId: "sub-up",
      code: sampleEntry(1).code,
    });
  });

  it("finds words without diacritics, ranks the name's matches first, and needs every word", async () => {
    await seed(40);
    await db.store().gallery.publish(
      sampleEntry(100, {
        name: "Vận động nhân dân giữ gìn môi trường",
        description: { situation: "Đường làng nhiều rác" },
      }),
    );
    await db
      .store()
      .gallery.publish(
        sampleEntry(101, { name: "Con đường nở hoa", description: { situation: "Môi trường xanh" } }),
      );
    const found = await db.store().gallery.search({ words: "moi truong" });
    // The names with "môi trường" rank before a model that has it in its description only.
    const names = found.items.map((e) => e.name);
    const inName = names.filter((n) => /môi trường/.test(n));
    expect(inName).toHaveLength(4);
    expect(names.slice(0, 4)).toEqual(inName);
    expect(names).toContain("Con đường nở hoa");
    expect(found.total).toBe(names.length);
    expect((await db.store().gallery.search({ words: "MÔI trường" })).total).toBe(found.total);
    expect((await db.store().gallery.search({ words: "moi truong khongcoday" })).total).toBe(0);
    // A word's start, not its middle: "uong" is inside "đường" but starts no word.
    expect((await db.store().gallery.search({ words: "uong" })).total).toBe(0);
  });

  it("pages through more than a thousand matches newest first, wherever in time they lie", async () => {
    // 3,100 models, an hour apart, published in that order (SQLite ranks by publication,
    // PostgreSQL by recognition: the same order here). "ong mat" names the oldest 1,100 and four
    // among the newest 2,000; "keo" names two, and the text of the oldest 1,050 otherwise.
    const entries = Array.from({ length: 3100 }, (_, i) => {
      const base = sampleEntry(i);
      const bees = i < 1100 || [2100, 2200, 2300, 2700].includes(i);
      return sampleEntry(i, {
        name: bees ? `Nuôi ong lấy mật ${i}` : i === 5 || i === 6 ? `Trồng keo ${i}` : `Mô hình ${i}`,
        description: i < 1050 ? { ...base.description, outputs: "Trồng 3 ha keo lai." } : base.description,
        year: i < 2600 ? 2024 : 2025,
        recognizedAt: new Date(Date.UTC(2024, 0, 1) + i * 3_600_000),
      });
    });
    const store = db.store();
    for (let from = 0; from < entries.length; from += 500)
      await store.gallery.publishMany(entries.slice(from, from + 500));

    // What the search must give, from the entries themselves: every word starting a word.
    const has = (text: string, words: string[]) => {
      const own = text.split(" ");
      return words.every((w) => own.some((t) => t.startsWith(w)));
    };
    const newest = (list: GalleryEntry[]) =>
      [...list].sort((a, b) => b.recognizedAt.getTime() - a.recognizedAt.getTime()).map((e) => e.code);
    const folded = new Map(entries.map((e) => [e, entrySearchColumns(e)]));
    const expected = (q: GalleryQuery) => {
      const pool = entries.filter((e) => !q.year || e.year === q.year);
      const words = queryWords(q.words ?? "");
      const inName = pool.filter((e) => has(folded.get(e)!.foldedName, words));
      const elsewhere = pool.filter(
        (e) => !has(folded.get(e)!.foldedName, words) && has(folded.get(e)!.foldedText, words),
      );
      const all = [...newest(inName), ...newest(elsewhere)];
      const offset = q.offset ?? 0;
      return {
        codes: all.slice(offset, offset + (q.limit ?? 20)),
        total: words.length ? Math.min(all.length, SEARCH_COUNT_CAP) : all.length,
      };
    };
    const queries: GalleryQuery[] = [
      // The name's matches: a few among the newest, the rest before them.
      { words: "ong mat" },
      { words: "ong mat", offset: 2, limit: 5 },
      { words: "ong mat", offset: 10 },
      { words: "ong mat", offset: 960, limit: 40 },
      // Two in the names, then more than a thousand elsewhere, all old.
      { words: "keo" },
      { words: "keo", offset: 1, limit: 3 },
      { words: "keo", offset: 500, limit: 30 },
      // Within a year, and the filters without words past the newest 2,000.
      { words: "ong mat", year: 2024 },
      { words: "ong mat", year: 2024, offset: 500, limit: 30 },
      { year: 2024 },
      { year: 2024, offset: 1990, limit: 20 },
      { year: 2024, offset: 2590, limit: 20 },
      { offset: 3090, limit: 20 },
    ];
    for (const q of queries) {
      const page = await store.gallery.search(q);
      expect({ codes: page.items.map((e) => e.code), total: page.total }, JSON.stringify(q)).toEqual(
        expected(q),
      );
    }
  });

  it("filters by field, tier, year, province and commune, and pages", async () => {
    await seed(60);
    const all = await db.store().gallery.search({ limit: 100 });
    expect(all.total).toBe(60);
    const economy = await db.store().gallery.search({ field: "economy", limit: 100 });
    expect(economy.total).toBe(15);
    expect(economy.items.every((e) => e.field === "economy")).toBe(true);
    const province = await db.store().gallery.search({ tier: "province", year: 2022, limit: 100 });
    expect(province.items.every((e) => e.tier === "province" && e.year === 2022)).toBe(true);
    expect(province.total).toBe(all.items.filter((e) => e.tier === "province" && e.year === 2022).length);
    const one = all.items[7]!;
    const inProvince = await db.store().gallery.search({ provinceCode: one.provinceCode!, limit: 100 });
    expect(inProvince.items.every((e) => e.provinceCode === one.provinceCode)).toBe(true);
    const inCommune = await db.store().gallery.search({
      provinceCode: one.provinceCode!,
      communeCode: one.communeCode!,
    });
    expect(inCommune.items.map((e) => e.code)).toContain(one.code);
    expect(inCommune.items.every((e) => e.communeCode === one.communeCode)).toBe(true);
    const second = await db.store().gallery.search({ limit: 10, offset: 10 });
    expect(second.items.map((e) => e.code)).toEqual(all.items.slice(10, 20).map((e) => e.code));
    expect((await db.store().gallery.search({ limit: 10, offset: 500 })).total).toBe(60);
  });

  it("offers the places and years there are models in, and counts them per field, tier, province and year", async () => {
    await seed(24);
    const facets = await db.store().gallery.facets();
    const all = (await db.store().gallery.search({ limit: 100 })).items;
    expect(facets.provinces.flatMap((p) => p.communes.map((c) => c.code)).sort()).toEqual(
      [...new Set(all.map((e) => e.communeCode!))].sort(),
    );
    expect(facets.years).toEqual([2026, 2025, 2024, 2023, 2022, 2021]);
    const stats = await db.store().gallery.statistics();
    expect(stats.total).toBe(24);
    expect(stats.byField).toEqual([
      { key: "economy", count: 6 },
      { key: "culture_society", count: 6 },
      { key: "defense_security", count: 6 },
      { key: "political_system", count: 6 },
    ]);
    expect(stats.byTier.reduce((n, t) => n + t.count, 0)).toBe(24);
    expect(stats.byYear.map((y) => y.key)).toEqual([2021, 2022, 2023, 2024, 2025, 2026]);
    expect(stats.byProvince.reduce((n, p) => n + p.count, 0)).toBe(24);
  });

  it("takes a model off, or every model of a person, and lists every code for the sitemap", async () => {
    await seed(12);
    const first = sampleEntry(0);
    expect(await db.store().gallery.unpublish(first.rootId)).toBe(true);
    expect(await db.store().gallery.unpublish(first.rootId)).toBe(false);
    expect(await db.store().gallery.byCode(first.code)).toBeNull();
    expect(await db.store().gallery.unpublishPerson(sampleEntry(1).personId)).toBe(1);
    const codes = (await db.store().gallery.codes(1000)).map((c) => c.code);
    expect(codes).toHaveLength(10);
    expect(codes).not.toContain(first.code);
    expect(codes).not.toContain(sampleEntry(1).code);
  });
});

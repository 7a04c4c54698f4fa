import { join, type Sql, sqltag as sql } from "@prisma/client/runtime/client";
import {
  entrySearchColumns,
  type GalleryEntry,
  type GalleryStatistics,
  type PublicPhoto,
  type PublicResults,
  queryWords,
  SEARCH_COUNT_CAP,
} from "../../domain/gallery.ts";
import type { GalleryRepository } from "../../domain/ports.ts";
import { FIELD_IDS, TIERS } from "../../domain/types.ts";
import type { GalleryEntry as Row } from "../generated/sqlite/client.ts";
import type { Scope } from "../scope.ts";
import { fromJson, oneOf, toJson } from "./rows.ts";
import { asSubmissionCode } from "./submission-rows.ts";

const MAX_LIMIT = 100;

/**
 * What the migrations add beside the schema for the word search, which Prisma's schema cannot
 * say: SQLite's FTS5 table (and the tables FTS5 keeps it in), PostgreSQL's vectors and their
 * indexes; and PostgreSQL's indexes in the order of the search's pages, which the schema would
 * give SQLite too, whose search does not read them.
 */
export const SEARCH_INDEX = {
  sqlite: {
    tables: [
      "GalleryEntrySearch",
      "GalleryEntrySearch_config",
      "GalleryEntrySearch_data",
      "GalleryEntrySearch_docsize",
      "GalleryEntrySearch_idx",
    ],
    columns: [],
    indexes: [],
  },
  postgres: {
    tables: [],
    columns: [
      { name: "nameVector", type: "tsvector", nullable: true },
      { name: "textVector", type: "tsvector", nullable: true },
    ],
    indexes: [
      "GalleryEntry_nameVector_idx",
      "GalleryEntry_textVector_idx",
      "GalleryEntry_recognizedAt_code_idx",
      "GalleryEntry_year_recognizedAt_code_idx",
    ],
  },
} as const;
const COUNT_CAP = SEARCH_COUNT_CAP;
/** PostgreSQL: how many of the newest models a search walks before it collects and sorts the older matches. */
const WALK_WINDOW = 2000;

function entryFromRow(row: Row): GalleryEntry {
  return {
    rootId: row.rootId,
    submissionId: row.submissionId,
    code: asSubmissionCode(row.code),
    slug: row.code.toLowerCase(),
    personId: row.personId,
    name: row.name,
    unitName: row.unitName,
    unitCategory: row.unitCategory,
    field: oneOf(FIELD_IDS, row.field, "GalleryEntry.field"),
    tier: oneOf(TIERS, row.tier, "GalleryEntry.tier"),
    year: row.year,
    provinceCode: row.provinceCode,
    provinceName: row.provinceName,
    communeCode: row.communeCode,
    communeName: row.communeName,
    bodyName: row.bodyName,
    description: fromJson(row.description),
    results: row.results === null ? null : fromJson<PublicResults>(row.results),
    photos: fromJson<PublicPhoto[]>(row.photos),
    recognizedAt: row.recognizedAt,
    publishedAt: row.publishedAt,
    scrubber: row.scrubber,
  };
}

function rowOf(e: GalleryEntry, at: Date) {
  return {
    submissionId: e.submissionId,
    code: e.code,
    personId: e.personId,
    name: e.name,
    unitName: e.unitName,
    unitCategory: e.unitCategory,
    field: e.field,
    tier: e.tier,
    year: e.year,
    provinceCode: e.provinceCode,
    provinceName: e.provinceName,
    communeCode: e.communeCode,
    communeName: e.communeName,
    bodyName: e.bodyName,
    description: toJson(e.description),
    results: e.results === null ? null : toJson(e.results),
    photos: toJson(e.photos),
    ...entrySearchColumns(e),
    recognizedAt: e.recognizedAt,
    publishedAt: e.publishedAt,
    scrubber: e.scrubber,
    updatedAt: at,
  };
}

export function galleryRepository(scope: Scope): GalleryRepository {
  const { db } = scope;
  const where = (filters: readonly Sql[]) => (filters.length ? join(filters, " AND ") : sql`1 = 1`);

  /** PostgreSQL: the rows matching `condition` from `offset`, collected through their indexes, then sorted newest first. */
  async function sorted(condition: Sql, offset: number, limit: number) {
    if (limit <= 0) return [];
    const rows = await db.$queryRaw<{ rootId: string }[]>`
      WITH matches AS MATERIALIZED (
        SELECT e."rootId", e."recognizedAt", e."code" FROM "GalleryEntry" e WHERE ${condition})
      SELECT "rootId" FROM matches ORDER BY "recognizedAt" DESC, "code" ASC LIMIT ${limit} OFFSET ${offset}`;
    return rows.map((r) => r.rootId);
  }

  /**
   * PostgreSQL: the page `offset`, `limit` of the rows matching `condition`, newest recognition
   * first, of which `matching` were counted (exactly when fewer than COUNT_CAP). Few are collected
   * through the indexes of their words and filters, then sorted. Many are looked for among the
   * newest WALK_WINDOW models first (of the `year` asked for, on its index), newest first until the
   * page is full; the older matches are collected and sorted only when the page reaches past them.
   * Left to choose, the planner walks the newest-first index for few matches too, when it guesses
   * more than there are or they lie at the old end (a year's models, a topic of past years), and
   * reads every row it passes: 0.3–0.8 s over 100,000 models.
   */
  async function newestFirst(
    condition: Sql,
    year: number | undefined,
    matching: number,
    offset: number,
    limit: number,
  ): Promise<string[]> {
    if (limit <= 0 || (matching < COUNT_CAP && offset >= matching)) return [];
    if (matching < COUNT_CAP) return sorted(condition, offset, limit);
    const [edge] = await db.$queryRaw<{ at: Date }[]>`
      SELECT e."recognizedAt" AS "at" FROM "GalleryEntry" e
      WHERE ${year === undefined ? sql`1 = 1` : sql`e."year" = ${year}`}
      ORDER BY e."recognizedAt" DESC, e."code" ASC LIMIT 1 OFFSET ${WALK_WINDOW - 1}`;
    if (!edge) return sorted(condition, offset, limit);
    const wanted = offset + limit;
    const recent = (
      await db.$queryRaw<{ rootId: string }[]>`
        SELECT e."rootId" FROM "GalleryEntry" e WHERE ${condition} AND e."recognizedAt" >= ${edge.at}
        ORDER BY e."recognizedAt" DESC, e."code" ASC LIMIT ${wanted}`
    ).map((r) => r.rootId);
    if (recent.length === wanted) return recent.slice(offset);
    const older = await sorted(
      sql`${condition} AND e."recognizedAt" < ${edge.at}`,
      Math.max(0, offset - recent.length),
      limit - Math.max(0, recent.length - offset),
    );
    return [...recent.slice(offset), ...older];
  }

  /** Without words: the filters alone, newest recognition first, counted exactly. */
  async function filterSearch(filters: Sql[], year: number | undefined, offset: number, limit: number) {
    if (scope.provider === "postgres") {
      const [count] = await db.$queryRaw<{ n: number | bigint }[]>`
        SELECT COUNT(*) AS "n" FROM "GalleryEntry" e WHERE ${where(filters)}`;
      const total = Number(count?.n ?? 0);
      return { rootIds: await newestFirst(where(filters), year, total, offset, limit), total };
    }
    const rows = await db.$queryRaw<{ rootId: string }[]>`
      SELECT e."rootId" FROM "GalleryEntry" e WHERE ${where(filters)}
      ORDER BY e."recognizedAt" DESC, e."code" ASC LIMIT ${limit} OFFSET ${offset}`;
    const [count] = await db.$queryRaw<{ n: number | bigint }[]>`
      SELECT COUNT(*) AS "n" FROM "GalleryEntry" e WHERE ${where(filters)}`;
    return { rootIds: rows.map((r) => r.rootId), total: Number(count?.n ?? 0) };
  }

  /**
   * With words, in two ranks: every word starting a word of the name first, then the models
   * having them anywhere else; each rank newest published first. Counted up to COUNT_CAP.
   */
  async function wordSearch(
    words: string[],
    filters: Sql[],
    year: number | undefined,
    offset: number,
    limit: number,
  ) {
    const rank = (inName: boolean) => {
      if (scope.provider === "sqlite") {
        const all = words.map((w) => `"${w}"*`).join(" AND ");
        const match = inName ? `name : (${all})` : `(${all}) NOT name : (${all})`;
        // With filters, their indexes lead and each row is looked up among the matches; without,
        // the matches are read newest first straight from the index.
        return filters.length
          ? {
              from: sql`"GalleryEntry" e`,
              where: join(
                [
                  sql`e."rowid" IN (SELECT "rowid" FROM "GalleryEntrySearch" WHERE "GalleryEntrySearch" MATCH ${match})`,
                  ...filters,
                ],
                " AND ",
              ),
              order: sql`e."rowid" DESC`,
            }
          : {
              from: sql`"GalleryEntrySearch" s JOIN "GalleryEntry" e ON e."rowid" = s."rowid"`,
              where: sql`"GalleryEntrySearch" MATCH ${match}`,
              order: sql`s."rowid" DESC`,
            };
      }
      const q = sql`to_tsquery('simple', ${words.map((w) => `${w}:*`).join(" & ")})`;
      const match = inName
        ? sql`e."nameVector" @@ ${q}`
        : sql`e."textVector" @@ ${q} AND NOT (e."nameVector" @@ ${q})`;
      // The filters first: of tests the planner costs alike it makes the first written first, and
      // a column's test is cheaper than reading a row's words (the text's are stored out of line).
      return { from: sql`"GalleryEntry" e`, where: join([...filters, match], " AND "), order: null };
    };
    type Rank = ReturnType<typeof rank>;
    /** A rank's matches counted up to COUNT_CAP, and its page `from`, `n` when `wanted` by the count. */
    const rankPage = async (r: Rank, from: number, n: number, wanted: (count: number) => boolean) => {
      if (scope.provider === "postgres") {
        // PostgreSQL: the capped scan that counts also keeps its rows; fewer than COUNT_CAP are
        // all the matches, and the page is theirs, sorted.
        const [row] = await db.$queryRaw<{ n: number | bigint; ids: string[] }[]>`
          WITH matches AS MATERIALIZED (
            SELECT e."rootId", e."recognizedAt", e."code" FROM ${r.from} WHERE ${r.where} LIMIT ${COUNT_CAP})
          SELECT (SELECT COUNT(*) FROM matches) AS "n",
            ARRAY(SELECT "rootId" FROM matches ORDER BY "recognizedAt" DESC, "code" ASC
              LIMIT ${Math.max(0, n)} OFFSET ${from}) AS "ids"`;
        const count = Number(row?.n ?? 0);
        if (n <= 0 || !wanted(count)) return { count, ids: [] };
        return {
          count,
          ids: count < COUNT_CAP ? (row?.ids ?? []) : await newestFirst(r.where, year, count, from, n),
        };
      }
      const [row] = await db.$queryRaw<{ n: number | bigint }[]>`
        SELECT COUNT(*) AS "n" FROM (SELECT 1 FROM ${r.from} WHERE ${r.where} LIMIT ${COUNT_CAP}) AS capped`;
      const count = Number(row?.n ?? 0);
      if (n <= 0 || !wanted(count)) return { count, ids: [] };
      const rows = await db.$queryRaw<{ rootId: string }[]>`
        SELECT e."rootId" FROM ${r.from} WHERE ${r.where} ORDER BY ${r.order} LIMIT ${n} OFFSET ${from}`;
      return { count, ids: rows.map((x) => x.rootId) };
    };
    const first = await rankPage(rank(true), offset, limit, (count) => offset < count);
    const rest = limit - first.ids.length;
    // With COUNT_CAP matches in the names the total is told already: the others are counted only
    // when the page reaches them.
    const from = Math.max(0, offset - first.count);
    const second =
      first.count < COUNT_CAP || rest > 0
        ? await rankPage(rank(false), from, rest, (count) => count >= COUNT_CAP || from < count)
        : { count: 0, ids: [] };
    return {
      rootIds: [...first.ids, ...second.ids],
      total: Math.min(first.count + second.count, COUNT_CAP),
    };
  }

  return {
    async publish(entry) {
      const data = rowOf(entry, entry.publishedAt);
      await db.galleryEntry.upsert({
        where: { rootId: entry.rootId },
        create: { rootId: entry.rootId, ...data },
        update: data,
      });
    },

    async publishMany(entries) {
      const { count } = await db.galleryEntry.createMany({
        data: entries.map((e) => ({ rootId: e.rootId, ...rowOf(e, e.publishedAt) })),
      });
      return count;
    },

    async byCode(code) {
      const row = await db.galleryEntry.findUnique({ where: { code } });
      return row ? entryFromRow(row) : null;
    },

    async ofSubmission(submissionId) {
      const row = await db.galleryEntry.findFirst({
        where: { OR: [{ rootId: submissionId }, { submissionId }] },
      });
      return row ? entryFromRow(row) : null;
    },

    async ofPerson(personId) {
      const rows = await db.galleryEntry.findMany({ where: { personId }, orderBy: { code: "asc" } });
      return rows.map(entryFromRow);
    },

    async unpublish(rootId) {
      await db.withheldFragment.deleteMany({ where: { rootId } });
      const { count } = await db.galleryEntry.deleteMany({ where: { rootId } });
      return count > 0;
    },

    async unpublishPerson(personId) {
      const roots = await db.galleryEntry.findMany({ where: { personId }, select: { rootId: true } });
      await db.withheldFragment.deleteMany({ where: { rootId: { in: roots.map((r) => r.rootId) } } });
      const { count } = await db.galleryEntry.deleteMany({ where: { personId } });
      return count;
    },

    async search(query) {
      const limit = Math.max(1, Math.min(query.limit ?? 20, MAX_LIMIT));
      const offset = Math.max(0, query.offset ?? 0);
      const words = queryWords(query.words ?? "");
      const filters: Sql[] = [];
      if (query.field) filters.push(sql`e."field" = ${query.field}`);
      if (query.tier) filters.push(sql`e."tier" = ${query.tier}`);
      if (query.year) filters.push(sql`e."year" = ${query.year}`);
      if (query.provinceCode) filters.push(sql`e."provinceCode" = ${query.provinceCode}`);
      if (query.communeCode) filters.push(sql`e."communeCode" = ${query.communeCode}`);
      const ids = words.length
        ? await wordSearch(words, filters, query.year || undefined, offset, limit)
        : await filterSearch(filters, query.year || undefined, offset, limit);
      if (ids.rootIds.length === 0) return { items: [], total: ids.total };
      const found = await db.galleryEntry.findMany({ where: { rootId: { in: ids.rootIds } } });
      const byId = new Map(found.map((r) => [r.rootId, r]));
      return {
        items: ids.rootIds.flatMap((id) => {
          const row = byId.get(id);
          return row ? [entryFromRow(row)] : [];
        }),
        total: ids.total,
      };
    },

    async facets() {
      const places = await db.galleryEntry.groupBy({
        by: ["provinceCode", "provinceName", "communeCode", "communeName"],
        where: { provinceCode: { not: null } },
      });
      const provinces = new Map<
        string,
        { code: string; name: string; communes: { code: string; name: string }[] }
      >();
      for (const p of places) {
        const province = provinces.get(p.provinceCode!) ?? {
          code: p.provinceCode!,
          name: p.provinceName ?? p.provinceCode!,
          communes: [],
        };
        if (p.communeCode)
          province.communes.push({ code: p.communeCode, name: p.communeName ?? p.communeCode });
        provinces.set(province.code, province);
      }
      const collator = new Intl.Collator("vi");
      const sorted = [...provinces.values()].sort((a, b) => collator.compare(a.name, b.name));
      for (const p of sorted) p.communes.sort((a, b) => collator.compare(a.name, b.name));
      const years = await db.galleryEntry.groupBy({ by: ["year"], orderBy: { year: "desc" } });
      return { provinces: sorted, years: years.map((y) => y.year) };
    },

    async statistics(): Promise<GalleryStatistics> {
      const [total, fields, tiers, provinces, years] = await Promise.all([
        db.galleryEntry.count(),
        db.galleryEntry.groupBy({ by: ["field"], _count: { _all: true } }),
        db.galleryEntry.groupBy({ by: ["tier"], _count: { _all: true } }),
        db.galleryEntry.groupBy({ by: ["provinceCode", "provinceName"], _count: { _all: true } }),
        db.galleryEntry.groupBy({ by: ["year"], _count: { _all: true }, orderBy: { year: "asc" } }),
      ]);
      const count = (key: string, list: { key: string; count: number }[]) =>
        list.find((x) => x.key === key)?.count ?? 0;
      const byField = fields.map((f) => ({ key: f.field, count: f._count._all }));
      const byTier = tiers.map((f) => ({ key: f.tier, count: f._count._all }));
      return {
        total,
        byField: FIELD_IDS.map((key) => ({ key, count: count(key, byField) })),
        byTier: TIERS.filter((key) => count(key, byTier) > 0).map((key) => ({
          key,
          count: count(key, byTier),
        })),
        byProvince: provinces
          .map((p) => ({ key: p.provinceCode ?? "", name: p.provinceName ?? "—", count: p._count._all }))
          .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name, "vi")),
        byYear: years.map((y) => ({ key: y.year, count: y._count._all })),
      };
    },

    async scrubbedBefore(version, limit) {
      return db.galleryEntry.findMany({
        where: { scrubber: { lt: version } },
        select: { rootId: true, submissionId: true },
        orderBy: { rootId: "asc" },
        take: limit,
      });
    },

    async codes(limit) {
      const rows = await db.galleryEntry.findMany({
        select: { code: true, updatedAt: true },
        orderBy: { code: "asc" },
        take: limit,
      });
      return rows;
    },
  };
}

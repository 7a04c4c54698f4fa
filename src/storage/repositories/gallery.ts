import { join, raw, type Sql, sqltag as sql } from "@prisma/client/runtime/client";
import {
  entrySearchColumns,
  type GalleryEntry,
  type GalleryStatistics,
  type PublicPhoto,
  queryWords,
  RANK_WEIGHTS,
} from "../../domain/gallery.ts";
import type { GalleryRepository } from "../../domain/ports.ts";
import { FIELD_IDS, TIERS } from "../../domain/types.ts";
import type { GalleryEntry as Row } from "../generated/sqlite/client.ts";
import type { Scope } from "../scope.ts";
import { fromJson, oneOf, toJson } from "./rows.ts";
import { asSubmissionCode } from "./submission-rows.ts";

const MAX_LIMIT = 100;

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
    photos: fromJson<PublicPhoto[]>(row.photos),
    recognizedAt: row.recognizedAt,
    publishedAt: row.publishedAt,
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
    photos: toJson(e.photos),
    ...entrySearchColumns(e),
    recognizedAt: e.recognizedAt,
    publishedAt: e.publishedAt,
    updatedAt: at,
  };
}

export function galleryRepository(scope: Scope): GalleryRepository {
  const { db } = scope;
  /** Where a folded word starts in a column (0: nowhere); SQLite's instr, PostgreSQL's strpos. */
  const at = (column: string, needle: string) =>
    scope.provider === "sqlite"
      ? sql`instr(${raw(`"${column}"`)}, ${needle})`
      : sql`strpos(${raw(`"${column}"`)}, ${needle})`;
  const has = (column: string, needle: string, weight: number) =>
    sql`(CASE WHEN ${at(column, needle)} > 0 THEN ${raw(String(weight))} ELSE 0 END)`;

  return {
    async publish(entry) {
      const data = rowOf(entry, entry.publishedAt);
      await db.galleryEntry.upsert({
        where: { rootId: entry.rootId },
        create: { rootId: entry.rootId, ...data },
        update: data,
      });
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
      const { count } = await db.galleryEntry.deleteMany({ where: { rootId } });
      return count > 0;
    },

    async unpublishPerson(personId) {
      const { count } = await db.galleryEntry.deleteMany({ where: { personId } });
      return count;
    },

    async search(query) {
      const limit = Math.max(1, Math.min(query.limit ?? 20, MAX_LIMIT));
      const offset = Math.max(0, query.offset ?? 0);
      const words = queryWords(query.words ?? "");
      const where: Sql[] = [sql`1 = 1`];
      if (query.field) where.push(sql`"field" = ${query.field}`);
      if (query.tier) where.push(sql`"tier" = ${query.tier}`);
      if (query.year) where.push(sql`"year" = ${query.year}`);
      if (query.provinceCode) where.push(sql`"provinceCode" = ${query.provinceCode}`);
      if (query.communeCode) where.push(sql`"communeCode" = ${query.communeCode}`);
      // Every word must start a word somewhere; how well it matches is the rank.
      for (const w of words) where.push(sql`${at("foldedText", ` ${w}`)} > 0`);
      const score = words.length
        ? join(
            [
              ...words.flatMap((w) => [
                has("foldedName", ` ${w}`, RANK_WEIGHTS.name),
                has("foldedName", ` ${w} `, 1),
                has("foldedUnit", ` ${w}`, RANK_WEIGHTS.unit),
              ]),
              has("foldedName", ` ${words.join(" ")}`, RANK_WEIGHTS.phrase),
            ],
            " + ",
          )
        : raw("0");
      const rows = await db.$queryRaw<{ rootId: string; total: number | bigint }[]>`
        SELECT "rootId", COUNT(*) OVER () AS "total", ${score} AS "score"
        FROM "GalleryEntry"
        WHERE ${join(where, " AND ")}
        ORDER BY "score" DESC, "recognizedAt" DESC, "code" ASC
        LIMIT ${limit} OFFSET ${offset}`;
      if (rows.length === 0) {
        if (offset === 0) return { items: [], total: 0 };
        const [row] = await db.$queryRaw<{ total: number | bigint }[]>`
          SELECT COUNT(*) AS "total" FROM "GalleryEntry" WHERE ${join(where, " AND ")}`;
        return { items: [], total: Number(row?.total ?? 0) };
      }
      const found = await db.galleryEntry.findMany({ where: { rootId: { in: rows.map((r) => r.rootId) } } });
      const byId = new Map(found.map((r) => [r.rootId, r]));
      return {
        items: rows.flatMap((r) => {
          const row = byId.get(r.rootId);
          return row ? [entryFromRow(row)] : [];
        }),
        total: Number(rows[0]!.total),
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

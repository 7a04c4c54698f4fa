import { join, raw, sqltag as sql } from "@prisma/client/runtime/client";
import { dedupeKey } from "../../domain/eligibility.ts";
import type { QueueQuery, SubmissionFilter, SubmissionRepository } from "../../domain/ports.ts";
import { scrubText } from "../../domain/privacy.ts";
import type { ReportSubmission } from "../../domain/statistics.ts";
import type { AuditEvent } from "../../domain/status.ts";
import { formatSubmissionCode } from "../../domain/submission-code.ts";
import { fold, foldedMatcher, matchesQuery } from "../../domain/text.ts";
import {
  type Description,
  FIELD_IDS,
  MODEL_KINDS,
  REGISTRANT_KINDS,
  type RecognitionResults,
  STATUSES,
  type Submission,
  TIERS,
} from "../../domain/types.ts";
import type { Provider } from "../database-url.ts";
import { dateOf, optionalDateOf } from "../driver.ts";
import type { Prisma } from "../generated/sqlite/client.ts";
import type { Scope } from "../scope.ts";
import { fromJson, oneOf, oneOfOrNull, unseal } from "./rows.ts";
import {
  asSubmissionCode,
  auditEventFromRow,
  auditEventToRow,
  submissionColumns as columnsWith,
  dedupePrefix,
  submissionFromRow as fromRowWith,
  type SubmissionRow,
  storedDedupeKey,
  submissionDedupeKey,
} from "./submission-rows.ts";

/** A row of the report query, in reportSql's column order: values as the database gives them. */
type ReportRow = [
  id: string,
  code: string | null,
  status: string,
  cycleYear: number,
  field: string | null,
  registrantKind: string | null,
  unitName: string | null,
  address: string | null,
  bodyCode: string | null,
  tier: string | null,
  modelKind: string | null,
  modelName: string | null,
  scores: string,
  results: string | null,
  late: boolean | number,
  parentId: string | null,
  submittedAt: Date | number | null,
  decidedAt: Date | number | null,
  updatedAt: Date | number,
];

/**
 * The report's one statement: only the columns reports use (the model's name from its own column,
 * not the description's JSON), a registration's rows of the period and bodies, every proposal.
 * The bodies go in as one parameter, so the statement's text (and its kept preparation) is one.
 */
function reportSql(provider: Provider): string {
  const inBodies =
    provider === "postgres"
      ? `"bodyCode" = ANY($3::text[])`
      : `"bodyCode" IN (SELECT "value" FROM json_each($3))`;
  // SQLite holds instants as ISO text: read as milliseconds, they need no string or parsing.
  const instant = (column: string) =>
    provider === "postgres"
      ? `"${column}"`
      : `CAST(round(unixepoch("${column}", 'subsec') * 1000) AS INTEGER)`;
  return `SELECT "id", "code", "status", "cycleYear", "field", "registrantKind",
                 CASE WHEN "parentId" IS NULL THEN "unitName" END AS "unitName",
                 CASE WHEN "parentId" IS NULL THEN "address" END AS "address",
                 "bodyCode", "tier", "modelKind", "modelName", "scores", "results", "late", "parentId",
                 ${instant("submittedAt")}, ${instant("decidedAt")}, ${instant("updatedAt")}
            FROM "Submission"
           WHERE "status" <> 'draft'
             AND ("parentId" IS NOT NULL OR ("cycleYear" >= $1 AND "cycleYear" <= $2 AND ${inBodies}))`;
}

/** A proposal's results as reports read them: the fresh self-score and the lateness flags. */
function reportResults(text: string | null): ReportSubmission["results"] {
  if (text === null) return null;
  const results = fromJson<RecognitionResults>(text);
  return { scores: results.scores, late: results.late, decisionLate: results.decisionLate };
}

/**
 * Units' and models' names folded for the workspace's search, remembered across searches (a
 * queue's rows are searched again and again). Public names only: an individual's own name is
 * decrypted and folded afresh each time, never kept.
 */
const foldedNames = new Map<string, string>();
const FOLDED_NAMES_MAX = 200_000;

function foldedPublicName(unitName: string | null, modelName: string | null): string {
  const key = `${unitName ?? ""}\u0000${modelName ?? ""}`;
  let folded = foldedNames.get(key);
  if (folded === undefined) {
    folded = fold(`${unitName ?? ""} — ${modelName ?? ""}`);
    if (foldedNames.size >= FOLDED_NAMES_MAX) foldedNames.clear();
    foldedNames.set(key, folded);
  }
  return folded;
}

const editStatements = new Map<string, string>();
/** The UPDATE of a draft's or a returned registration's edits, for these columns (always the same ones). */
function saveEditsSql(names: readonly string[]): string {
  const key = names.join(",");
  let sql = editStatements.get(key);
  if (!sql) {
    const set = names.map((name, i) => `"${name}" = $${i + 1}`).join(", ");
    const id = names.length + 1;
    sql = `UPDATE "Submission" SET ${set}, "version" = "version" + 1
      WHERE "id" = $${id} AND "personId" = $${id + 1} AND "status" IN ('draft', 'returned')`;
    editStatements.set(key, sql);
  }
  return sql;
}

export function submissionRepository(scope: Scope): SubmissionRepository {
  const { db, cipher, driver } = scope;
  const submissionColumns = (s: Submission) => columnsWith(cipher, s);
  const submissionFromRow = (row: SubmissionRow) => fromRowWith(cipher, row);

  const searchText = (row: {
    unitName: string | null;
    registrantKind: string | null;
    modelName: string | null;
  }) =>
    row.registrantKind === "individual"
      ? fold(`${unseal(cipher, row.unitName) ?? ""} — ${row.modelName ?? ""}`)
      : foldedPublicName(row.unitName, row.modelName);

  /** The queue's rows a search looks at, in the queue's order: ids, codes, unit and model names. */
  const searchCandidates = (bodies: string[], query: QueueQuery) => {
    const sort = query.order === "newest" ? raw("DESC") : raw("ASC");
    const byDate = sql`"submittedAt" ${sort} NULLS LAST, "createdAt" ${sort}, "id" ${sort}`;
    const order =
      query.order === "score"
        ? sql`"scoreTotal" DESC, ${byDate}`
        : query.order === "code"
          ? sql`"code" ASC NULLS LAST, "id" ASC`
          : byDate;
    const late =
      scope.provider === "postgres" ? query.late : query.late === undefined ? undefined : Number(query.late);
    const conditions = [
      sql`"queueBodyCode" IN (${join(bodies)})`,
      ...(query.status?.length ? [sql`"status" IN (${join(query.status)})`] : []),
      ...(query.field ? [sql`"field" = ${query.field}`] : []),
      ...(query.tier ? [sql`"tier" = ${query.tier}`] : []),
      ...(late !== undefined ? [sql`"late" = ${late}`] : []),
      ...(query.cycleYear !== undefined ? [sql`"cycleYear" = ${query.cycleYear}`] : []),
    ];
    return db.$queryRaw<
      {
        id: string;
        code: string | null;
        unitName: string | null;
        registrantKind: string | null;
        modelName: string | null;
      }[]
    >`SELECT "id", "code", "unitName", "registrantKind", "modelName" FROM "Submission"
      WHERE ${join(conditions, " AND ")} ORDER BY ${order}`;
  };

  return {
    /**
     * With an event (a nomination's new proposal arrives with its first history line), writes
     * both in one transaction. Beyond the port for now: see the storage notes on ports.ts.
     */
    async create(submission: Submission, event?: AuditEvent) {
      const data = {
        id: submission.id,
        createdAt: submission.createdAt,
        version: submission.version,
        ...submissionColumns(submission),
      };
      if (!event) {
        await db.submission.create({ data });
        return;
      }
      await scope.atomic(async (tx) => {
        await tx.submission.create({ data });
        await tx.auditEvent.create({ data: auditEventToRow(cipher, event, submission.version) });
      });
    },

    async get(id) {
      const row = await db.submission.findUnique({ where: { id } });
      return row && submissionFromRow(row);
    },

    async getByCode(code) {
      const row = await db.submission.findUnique({ where: { code } });
      return row && submissionFromRow(row);
    },

    async ofPerson(personId) {
      const rows = await db.submission.findMany({ where: { personId }, orderBy: { createdAt: "desc" } });
      return rows.map(submissionFromRow);
    },

    async queue(bodyCode, query: QueueQuery = {}) {
      const bodies = typeof bodyCode === "string" ? [bodyCode] : [...bodyCode];
      const where: Prisma.SubmissionWhereInput = {
        queueBodyCode: bodies.length === 1 ? bodies[0] : { in: bodies },
        status: query.status && { in: query.status },
        field: query.field,
        tier: query.tier,
        late: query.late,
        cycleYear: query.cycleYear,
      };
      const sort = query.order === "newest" ? "desc" : "asc";
      // Never-submitted rows last whichever the direction (databases disagree on where NULL sorts).
      const byDate: Prisma.SubmissionOrderByWithRelationInput[] = [
        { submittedAt: { sort, nulls: "last" } },
        { createdAt: sort },
        { id: sort },
      ];
      const orderBy =
        query.order === "score"
          ? [{ scoreTotal: "desc" as const }, ...byDate]
          : query.order === "code"
            ? [{ code: { sort: "asc" as const, nulls: "last" as const } }, { id: "asc" as const }]
            : byDate;
      const search = query.search?.trim();
      if (!search) {
        const [rows, total] = await Promise.all([
          db.submission.findMany({ where, orderBy, skip: query.offset, take: query.limit }),
          db.submission.count({ where }),
        ]);
        return { items: rows.map(submissionFromRow), total };
      }
      // Names are matched without diacritics, and an individual's is encrypted: the words are
      // looked for here, over the few columns they need (the model's name taken out of the
      // description by the database), and only the page's rows are read whole.
      const candidates = await searchCandidates(bodies, query);
      const code = search.toUpperCase().replace(/\s+/g, "");
      const matches = foldedMatcher(search);
      const matching = candidates.filter((row) => {
        if (row.code?.includes(code)) return true;
        return matches(searchText(row));
      });
      const offset = query.offset ?? 0;
      const page = matching.slice(offset, query.limit === undefined ? undefined : offset + query.limit);
      const rows = await db.submission.findMany({ where: { id: { in: page.map((r) => r.id) } } });
      const byId = new Map(rows.map((row) => [row.id, row]));
      return {
        items: page.map((r) => submissionFromRow(byId.get(r.id)!)),
        total: matching.length,
      };
    },

    async list(filter: SubmissionFilter = {}) {
      const rows = await db.submission.findMany({
        where: { bodyCode: filter.bodyCode, status: filter.status, cycleYear: filter.cycleYear },
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      });
      return rows.map(submissionFromRow);
    },

    async forReport(read) {
      // 100,000 rows: one plain statement on the driver (Prisma's per-row mapping dominated), the
      // columns reports use and no more, each row built straight into what the report reads.
      const identities = read.identities === "all" ? null : new Set<string>(read.identities);
      // One string per body for all its rows (the rows' own copies are garbage at once).
      const bodies = new Map<string, string>(read.bodyCodes.map((code) => [code, code]));
      const body = (code: string | null) => {
        if (code === null) return null;
        const known = bodies.get(code);
        if (known !== undefined) return known;
        bodies.set(code, code);
        return code;
      };
      const params = [
        read.from,
        read.to,
        scope.provider === "postgres" ? read.bodyCodes : JSON.stringify(read.bodyCodes),
      ];
      return driver.map(reportSql(scope.provider), params, (row: ReportRow): ReportSubmission => {
        const [
          id,
          code,
          status,
          cycleYear,
          field,
          kind,
          unitName,
          address,
          bodyCode,
          tier,
          modelKind,
          modelName,
          scores,
          results,
          late,
          parentId,
          submittedAt,
          decidedAt,
          updatedAt,
        ] = row;
        const registrantKind = oneOfOrNull(REGISTRANT_KINDS, kind, "Submission.registrantKind");
        // An individual's own name and address are decrypted only for the bodies that may see them.
        const hidden =
          identities !== null &&
          registrantKind === "individual" &&
          !(bodyCode !== null && identities.has(bodyCode));
        return {
          id,
          code: code === null ? null : asSubmissionCode(code),
          status: oneOf(STATUSES, status, "Submission.status"),
          cycleYear: Number(cycleYear),
          field: oneOfOrNull(FIELD_IDS, field, "Submission.field"),
          registrantKind,
          unitName: hidden ? null : unseal(cipher, unitName),
          address: hidden ? null : unseal(cipher, address),
          bodyCode: body(bodyCode),
          tier: oneOfOrNull(TIERS, tier, "Submission.tier"),
          modelKind: oneOfOrNull(MODEL_KINDS, modelKind, "Submission.modelKind"),
          description: modelName === null ? {} : { model_name: modelName },
          scores: fromJson<Record<string, number>>(scores),
          results: reportResults(results),
          late: Boolean(late),
          parentId,
          submittedAt: optionalDateOf(submittedAt),
          decidedAt: optionalDateOf(decidedAt),
          updatedAt: dateOf(updatedAt),
        };
      });
    },

    async earlierModels(unitName, modelName, beforeYear) {
      const key = submissionDedupeKey(cipher, { unitName, description: { model_name: modelName } });
      const rows = await db.submission.findMany({
        where: { dedupeKey: key, cycleYear: { lt: beforeYear }, code: { not: null } },
        select: { code: true, cycleYear: true, description: true },
        orderBy: { cycleYear: "desc" },
      });
      return rows.map((row) => ({
        key: dedupeKey(unitName, modelName),
        cycleYear: row.cycleYear,
        code: row.code === null ? null : asSubmissionCode(row.code),
        modelName: fromJson<Description>(row.description).model_name ?? modelName,
      }));
    },

    async searchRecognized(query, limit) {
      const rows = await db.submission.findMany({
        where: { status: { in: ["recognized", "nominated"] }, code: { not: null } },
        select: { code: true, description: true },
        orderBy: { decidedAt: "desc" },
        take: 5000,
      });
      const names = rows.map((row) => ({
        code: asSubmissionCode(row.code!),
        name: fromJson<Description>(row.description).model_name ?? "",
      }));
      return names.filter((m) => m.name && matchesQuery(m.name, query)).slice(0, limit);
    },

    async refreshDedupeKeys() {
      const stale = await db.submission.findMany({
        where: { dedupeKey: { not: null }, NOT: { dedupeKey: { startsWith: dedupePrefix(cipher) } } },
        select: { id: true, unitName: true, description: true },
      });
      for (const row of stale) {
        const modelName = fromJson<Description>(row.description).model_name;
        await db.submission.update({
          where: { id: row.id },
          data: {
            dedupeKey: submissionDedupeKey(cipher, {
              unitName: unseal(cipher, row.unitName),
              description: { model_name: modelName },
            }),
          },
        });
      }
      return stale.length;
    },

    async findByDedupeKey(key, cycleYear) {
      const rows = await db.submission.findMany({
        where: { dedupeKey: storedDedupeKey(cipher, key), cycleYear },
        orderBy: { createdAt: "asc" },
      });
      return rows.map(submissionFromRow);
    },

    async saveDraft(submission) {
      const { count } = await db.submission.updateMany({
        where: { id: submission.id, version: submission.version },
        data: { ...submissionColumns(submission), version: submission.version + 1 },
      });
      return count === 1;
    },

    async draftsUntouchedSince(before, limit) {
      const rows = await db.submission.findMany({
        where: { status: "draft", updatedAt: { lt: before } },
        orderBy: { updatedAt: "asc" },
        take: limit,
      });
      return rows.map(submissionFromRow);
    },

    deleteDraft: (id, personId) =>
      scope.atomic(async (tx) => {
        const { count } = await tx.submission.deleteMany({ where: { id, personId, status: "draft" } });
        if (count) await tx.messageRef.deleteMany({ where: { submissionId: id } });
        if (count) scope.erased();
        return count > 0;
      }),

    erasePersonal: (erased, needles) =>
      scope.atomic(async (tx) => {
        const { unitName, address, contactName, contactPhone, description, modelName, results, dedupeKey } =
          submissionColumns(erased);
        await tx.submission.update({
          where: { id: erased.id },
          data: { unitName, address, contactName, contactPhone, description, modelName, results, dedupeKey },
        });
        // The history keeps its order and events; only what they quote of the person goes.
        const events = await tx.auditEvent.findMany({ where: { submissionId: erased.id } });
        for (const row of events) {
          const event = auditEventFromRow(cipher, row);
          const snapshot = event.data.snapshot as { identity?: Record<string, string | null> } | undefined;
          if (snapshot?.identity)
            for (const field of ["contactName", "contactPhone", "unitName", "address"])
              if (
                field in snapshot.identity &&
                (field.startsWith("contact") || erased.registrantKind === "individual")
              )
                snapshot.identity[field] = null;
          const data = JSON.parse(scrubText(JSON.stringify(event.data), needles)) as Record<string, unknown>;
          await tx.auditEvent.update({
            where: { id: row.id },
            data: {
              data: auditEventToRow(cipher, { ...event, data }, row.version).data,
              reason: event.reason === null ? null : scrubText(event.reason, needles),
            },
          });
        }
        const votes = await tx.vote.findMany({ where: { submissionId: erased.id, reason: { not: null } } });
        for (const vote of votes)
          await tx.vote.update({
            where: { id: vote.id },
            data: { reason: scrubText(vote.reason!, needles) },
          });
        scope.erased();
      }),

    async saveEdits(submission) {
      // Status and code stay as stored: only a registrant's edits to a draft or a returned one.
      // Every answer of a registration saves its draft: on the driver (../driver.ts).
      const { status: _status, code: _code, ...edits } = submissionColumns(submission);
      const names = Object.keys(edits) as (keyof typeof edits)[];
      const values: unknown[] = names.map((name) => edits[name]);
      values.push(submission.id, submission.registrantId);
      return (await driver.run(saveEditsSql(names), values)) === 1;
    },

    nextCode(year) {
      // One statement that creates or bumps the year's counter and returns it: concurrent callers
      // each get their own number on both databases. Run as a transaction so that, on SQLite's
      // single shared connection, it never lands inside another caller's open transaction.
      return scope.atomic(async (tx) => {
        const [row] = await tx.$queryRaw<{ last: number | bigint }[]>`
          INSERT INTO "SubmissionCounter" ("year", "last") VALUES (${year}, 1)
          ON CONFLICT ("year") DO UPDATE SET "last" = "SubmissionCounter"."last" + 1
          RETURNING "last"`;
        if (!row) throw new Error(`SubmissionCounter returned no row for ${year}`);
        return formatSubmissionCode(year, Number(row.last));
      });
    },

    applyTransition(next, event, expectedVersion) {
      return scope.atomic(async (tx) => {
        // The conditional update goes first: it both checks the version and takes the row's lock.
        const { count } = await tx.submission.updateMany({
          where: { id: next.id, version: expectedVersion },
          data: { ...submissionColumns(next), version: expectedVersion + 1, updatedAt: event.at },
        });
        if (count === 0) return false;
        await tx.auditEvent.create({ data: auditEventToRow(cipher, event, expectedVersion + 1) });
        return true;
      });
    },

    async history(submissionId) {
      const rows = await db.auditEvent.findMany({
        where: { submissionId },
        orderBy: { version: "asc" },
      });
      return rows.map((row) => auditEventFromRow(cipher, row));
    },
  };
}

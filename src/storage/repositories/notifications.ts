import { randomUUID } from "node:crypto";
import { empty, raw } from "@prisma/client/runtime/client";
import type { Notification, NotificationRepository, NotificationStatus } from "../../domain/ports.ts";
import type { Cipher } from "../cipher.ts";
import type { Notification as NotificationRow } from "../generated/sqlite/client.ts";
import type { Scope } from "../scope.ts";
import { oneOf, sealJson, unsealJson } from "./rows.ts";

const STATUSES: readonly NotificationStatus[] = ["pending", "sent", "failed", "undeliverable", "unreached"];
const RELEASED_LEASE = { claimedBy: null, claimedUntil: null };
/** A pruned payload: nothing left to encrypt or to read. */
const EMPTY = "{}";

export function notificationRepository(scope: Scope): NotificationRepository {
  const { db, cipher } = scope;
  const notificationFromRow = (row: NotificationRow) => notification(cipher, row);
  return {
    async enqueue({ dedupeKey, personId, kind, payload, notBefore }) {
      // createdAt is when it first became due (the caller's clock, not this machine's): the
      // delivery policy's time to reach someone counts from it.
      // ON CONFLICT instead of catching the unique violation: on PostgreSQL a failed statement
      // would abort the surrounding transaction.
      const inserted = await db.$executeRaw`
        INSERT INTO "Notification"
          ("id", "dedupeKey", "personId", "kind", "payload", "status", "attempts", "notBefore", "createdAt")
        VALUES (${randomUUID()}, ${dedupeKey}, ${personId}, ${kind}, ${sealJson(cipher, payload)}, 'pending', 0,
          ${notBefore}, ${notBefore})
        ON CONFLICT DO NOTHING`;
      return inserted === 1;
    },

    async prunePayloads(before) {
      const { count } = await db.notification.updateMany({
        where: {
          status: { in: ["sent", "undeliverable", "unreached"] },
          createdAt: { lt: before },
          NOT: { payload: EMPTY },
        },
        data: { payload: EMPTY },
      });
      return count;
    },

    async claimDue(now, worker, leaseUntil, limit) {
      // One UPDATE … RETURNING claims the rows: atomic on SQLite (one writer at a time, and
      // better-sqlite3 runs it in one synchronous call) and, with SKIP LOCKED, on PostgreSQL,
      // where a concurrent claimer passes over the rows this one is taking. A lease that ran out
      // (a worker died mid-send) makes its row claimable again.
      const skipLocked = scope.provider === "postgres" ? raw("FOR UPDATE SKIP LOCKED") : empty;
      const claimed = await db.$queryRaw<{ id: string }[]>`
        UPDATE "Notification"
        SET "claimedBy" = ${worker}, "claimedUntil" = ${leaseUntil}, "attempts" = "attempts" + 1
        WHERE "id" IN (
          SELECT "id" FROM "Notification"
          WHERE "status" = 'pending' AND "notBefore" <= ${now}
            AND ("claimedUntil" IS NULL OR "claimedUntil" < ${now})
          ORDER BY "notBefore", "id"
          LIMIT ${limit}
          ${skipLocked}
        )
        RETURNING "id"`;
      if (claimed.length === 0) return [];
      const rows = await db.notification.findMany({
        where: { id: { in: claimed.map((row) => row.id) } },
        orderBy: [{ notBefore: "asc" }, { id: "asc" }],
      });
      return rows.map(notificationFromRow);
    },

    async markSent(id, channel, at) {
      await db.notification.update({
        where: { id },
        data: { status: "sent", sentAt: at, sentChannel: channel, ...RELEASED_LEASE },
      });
    },

    async markFailed(id, error, retryAt) {
      await db.notification.update({
        where: { id },
        data: { status: "pending", lastError: error, notBefore: retryAt, ...RELEASED_LEASE },
      });
    },

    async markUndeliverable(id, error) {
      await db.notification.update({
        where: { id },
        data: { status: "undeliverable", lastError: error, ...RELEASED_LEASE },
      });
    },

    async markUnreached(id, error, at) {
      await db.notification.update({
        where: { id },
        data: { status: "unreached", lastError: error, unreachedAt: at, ...RELEASED_LEASE },
      });
    },

    async unreached(since) {
      const rows = await db.notification.findMany({
        where: { status: "unreached", unreachedAt: { gte: since } },
        orderBy: [{ unreachedAt: "asc" }, { id: "asc" }],
      });
      return rows.map(notificationFromRow);
    },

    async byKey(dedupeKey) {
      const row = await db.notification.findUnique({ where: { dedupeKey } });
      return row && notificationFromRow(row);
    },

    async list(filter = {}) {
      const rows = await db.notification.findMany({
        where: filter,
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      });
      return rows.map(notificationFromRow);
    },
  };
}

function notification(cipher: Cipher, row: NotificationRow): Notification {
  return {
    id: row.id,
    dedupeKey: row.dedupeKey,
    personId: row.personId,
    kind: row.kind,
    payload: unsealJson<unknown>(cipher, row.payload),
    status: oneOf(STATUSES, row.status, "Notification.status"),
    attempts: row.attempts,
    notBefore: row.notBefore,
    sentAt: row.sentAt,
    sentChannel: row.sentChannel,
    lastError: row.lastError,
    createdAt: row.createdAt,
    unreachedAt: row.unreachedAt,
  };
}

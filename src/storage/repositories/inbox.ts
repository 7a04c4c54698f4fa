import type { InboxItem, InboxRepository } from "../../domain/ports.ts";
import type { Cipher } from "../cipher.ts";
import { dateOf } from "../driver.ts";
import type { Scope } from "../scope.ts";
import { oneOf, sealJson, unsealJson } from "./rows.ts";

const STATUSES: readonly InboxItem["status"][] = ["pending", "done", "failed", "rejected"];

// The statements every update runs, on the driver (see ../driver.ts).
/** A new key is inserted; a key seen before is taken again only when its earlier delivery is older
 * than the dedupe window and done with (never a pending one). */
const RECEIVE = `
  INSERT INTO "InboundUpdate"
    ("source", "updateKey", "channel", "chatId", "seq", "payload", "status", "attempts", "notBefore", "receivedAt")
  VALUES ($1, $2, $3, $4, $5, $6, 'pending', 0, $7, $7)
  ON CONFLICT ("source", "updateKey") DO UPDATE SET
    "channel" = excluded."channel", "chatId" = excluded."chatId", "seq" = excluded."seq",
    "payload" = excluded."payload", "status" = 'pending', "attempts" = 0,
    "notBefore" = excluded."notBefore", "lastError" = NULL, "receivedAt" = excluded."receivedAt",
    "processedAt" = NULL
  WHERE "InboundUpdate"."receivedAt" < $8 AND "InboundUpdate"."status" <> 'pending'`;
/** A body that is no update: its record, once. */
const REJECT = `
  INSERT INTO "InboundUpdate"
    ("source", "updateKey", "channel", "chatId", "seq", "payload", "status", "attempts", "notBefore", "receivedAt", "processedAt", "lastError")
  VALUES ($1, $2, $3, '', 0, NULL, 'rejected', 0, $4, $4, $4, $5)
  ON CONFLICT ("source", "updateKey") DO NOTHING`;
const PENDING = `
  SELECT "source", "updateKey", "channel", "chatId", "seq", "payload", "status", "attempts", "notBefore", "receivedAt"
    FROM "InboundUpdate" WHERE "channel" = $1 AND "chatId" = $2 AND "status" = 'pending'
   ORDER BY "seq" ASC, "receivedAt" ASC LIMIT $3`;
const MARK_DONE = `
  UPDATE "InboundUpdate" SET "status" = 'done', "payload" = NULL, "processedAt" = $3, "lastError" = NULL
   WHERE "source" = $1 AND "updateKey" = $2`;
/** Taken when free, expired, or ours already. */
const LEASE = `
  INSERT INTO "ChatLease" ("channel", "chatId", "owner", "until") VALUES ($1, $2, $3, $4)
  ON CONFLICT ("channel", "chatId") DO UPDATE SET "owner" = excluded."owner", "until" = excluded."until"
  WHERE "ChatLease"."until" < $5 OR "ChatLease"."owner" = excluded."owner"`;
const RELEASE = `DELETE FROM "ChatLease" WHERE "channel" = $1 AND "chatId" = $2 AND "owner" = $3`;

interface InboundRow {
  source: string;
  updateKey: string;
  channel: string;
  chatId: string;
  seq: number;
  payload: string | null;
  status: string;
  attempts: number;
  notBefore: unknown;
  receivedAt: unknown;
}

export function inboxRepository({ db, cipher, driver, alone }: Scope): InboxRepository {
  const itemFromRow = (row: InboundRow) => inboxItem(cipher, row);
  return {
    async receive(item, dedupeSince) {
      // Alone: stored for good even when another caller's transaction (SQLite's one connection) rolls back.
      const stored = await alone((lane) =>
        lane.run(RECEIVE, [
          item.source,
          item.key,
          item.channel,
          item.chatId,
          item.seq,
          sealJson(cipher, item.payload),
          item.receivedAt,
          dedupeSince,
        ]),
      );
      return stored === 1;
    },

    async reject({ source, key, channel, reason, at }) {
      await alone((lane) => lane.run(REJECT, [source, key, channel, at, reason.slice(0, 500)]));
    },

    async pending(channel, chatId, limit) {
      const rows = await driver.all<InboundRow>(PENDING, [channel, chatId, limit]);
      return rows.map(itemFromRow);
    },

    async dueChats(now, limit) {
      const rows = await db.inboundUpdate.findMany({
        where: { status: "pending", notBefore: { lte: now } },
        select: { channel: true, chatId: true },
        distinct: ["channel", "chatId"],
        take: limit,
      });
      return rows;
    },

    async markDone(source, key, at) {
      if ((await driver.run(MARK_DONE, [source, key, at])) !== 1)
        throw new Error("no such inbound update to mark done");
    },

    async retry(source, key, error, notBefore, counted) {
      await db.inboundUpdate.update({
        where: { source_updateKey: { source, updateKey: key } },
        data: {
          notBefore,
          lastError: error.slice(0, 500),
          ...(counted ? { attempts: { increment: 1 } } : {}),
        },
      });
    },

    async markFailed(source, key, error, at) {
      await db.inboundUpdate.update({
        where: { source_updateKey: { source, updateKey: key } },
        data: { status: "failed", payload: null, processedAt: at, lastError: error.slice(0, 500) },
      });
    },

    async lease(channel, chatId, owner, until, now) {
      return (await alone((lane) => lane.run(LEASE, [channel, chatId, owner, until, now]))) === 1;
    },

    async release(channel, chatId, owner) {
      await alone((lane) => lane.run(RELEASE, [channel, chatId, owner]));
    },

    async prune(before) {
      const { count } = await db.inboundUpdate.deleteMany({
        where: { status: { in: ["done", "failed", "rejected"] }, receivedAt: { lt: before } },
      });
      await db.chatLease.deleteMany({ where: { until: { lt: before } } });
      return count;
    },
  };
}

function inboxItem(cipher: Cipher, row: InboundRow): InboxItem {
  return {
    source: row.source,
    key: row.updateKey,
    channel: row.channel,
    chatId: row.chatId,
    seq: Number(row.seq),
    payload: row.payload === null ? null : unsealJson<unknown>(cipher, row.payload),
    status: oneOf(STATUSES, row.status, "InboundUpdate.status"),
    attempts: Number(row.attempts),
    notBefore: dateOf(row.notBefore),
    receivedAt: dateOf(row.receivedAt),
  };
}

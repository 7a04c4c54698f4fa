import type { InboxItem, InboxRepository } from "../../domain/ports.ts";
import type { Cipher } from "../cipher.ts";
import type { InboundUpdate as InboundRow } from "../generated/sqlite/client.ts";
import type { Scope } from "../scope.ts";
import { oneOf, sealJson, unsealJson } from "./rows.ts";

const STATUSES: readonly InboxItem["status"][] = ["pending", "done", "failed"];

export function inboxRepository({ db, cipher }: Scope): InboxRepository {
  const itemFromRow = (row: InboundRow) => inboxItem(cipher, row);
  return {
    async receive(item, dedupeSince) {
      // One statement: a new key is inserted; a key seen before is taken again only when its
      // earlier delivery is older than the dedupe window and done with (never a pending one).
      const stored = await db.$executeRaw`
        INSERT INTO "InboundUpdate"
          ("source", "updateKey", "channel", "chatId", "seq", "payload", "status", "attempts", "notBefore", "receivedAt")
        VALUES (${item.source}, ${item.key}, ${item.channel}, ${item.chatId}, ${item.seq}, ${sealJson(cipher, item.payload)},
          'pending', 0, ${item.receivedAt}, ${item.receivedAt})
        ON CONFLICT ("source", "updateKey") DO UPDATE SET
          "channel" = excluded."channel", "chatId" = excluded."chatId", "seq" = excluded."seq",
          "payload" = excluded."payload", "status" = 'pending', "attempts" = 0,
          "notBefore" = excluded."notBefore", "lastError" = NULL, "receivedAt" = excluded."receivedAt",
          "processedAt" = NULL
        WHERE "InboundUpdate"."receivedAt" < ${dedupeSince} AND "InboundUpdate"."status" <> 'pending'`;
      return stored === 1;
    },

    async pending(channel, chatId, limit) {
      const rows = await db.inboundUpdate.findMany({
        where: { channel, chatId, status: "pending" },
        orderBy: [{ seq: "asc" }, { receivedAt: "asc" }],
        take: limit,
      });
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
      await db.inboundUpdate.update({
        where: { source_updateKey: { source, updateKey: key } },
        data: { status: "done", payload: null, processedAt: at, lastError: null },
      });
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
      // Taken when free, expired, or ours already; one statement on both databases.
      const taken = await db.$executeRaw`
        INSERT INTO "ChatLease" ("channel", "chatId", "owner", "until") VALUES (${channel}, ${chatId}, ${owner}, ${until})
        ON CONFLICT ("channel", "chatId") DO UPDATE SET "owner" = excluded."owner", "until" = excluded."until"
        WHERE "ChatLease"."until" < ${now} OR "ChatLease"."owner" = excluded."owner"`;
      return taken === 1;
    },

    async release(channel, chatId, owner) {
      await db.chatLease.deleteMany({ where: { channel, chatId, owner } });
    },

    async prune(before) {
      const { count } = await db.inboundUpdate.deleteMany({
        where: { status: { in: ["done", "failed"] }, receivedAt: { lt: before } },
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
    seq: row.seq,
    payload: row.payload === null ? null : unsealJson<unknown>(cipher, row.payload),
    status: oneOf(STATUSES, row.status, "InboundUpdate.status"),
    attempts: row.attempts,
    notBefore: row.notBefore,
    receivedAt: row.receivedAt,
  };
}

import { randomUUID } from "node:crypto";
import type { DialogSessionRepository } from "../../domain/ports.ts";
import type { Scope } from "../scope.ts";
import { sealJson, unsealJson } from "./rows.ts";

export function dialogSessionRepository({ db, cipher }: Scope): DialogSessionRepository {
  return {
    async prune(before) {
      const { count } = await db.dialogSession.deleteMany({ where: { updatedAt: { lt: before } } });
      return count;
    },

    async load(channel, chatId) {
      const row = await db.dialogSession.findUnique({ where: { channel_chatId: { channel, chatId } } });
      return row && { state: unsealJson<unknown>(cipher, row.state), version: row.version };
    },

    async save(channel, chatId, state, expectedVersion, personId) {
      const now = new Date();
      if (expectedVersion === 0) {
        // ON CONFLICT instead of catching the unique violation: on PostgreSQL a failed statement
        // would abort the surrounding transaction.
        const inserted = await db.$executeRaw`
          INSERT INTO "DialogSession" ("id", "channel", "chatId", "personId", "state", "version", "updatedAt")
          VALUES (${randomUUID()}, ${channel}, ${chatId}, ${personId ?? null}, ${sealJson(cipher, state)}, 1, ${now})
          ON CONFLICT DO NOTHING`;
        return inserted === 1;
      }
      const { count } = await db.dialogSession.updateMany({
        where: { channel, chatId, version: expectedVersion },
        data: { state: sealJson(cipher, state), version: expectedVersion + 1, updatedAt: now, personId },
      });
      return count === 1;
    },
  };
}

import type { ProcessedUpdateRepository } from "../../domain/ports.ts";
import type { Scope } from "../scope.ts";

export function processedUpdateRepository({ db }: Scope): ProcessedUpdateRepository {
  return {
    async markProcessed(channel, key) {
      // ON CONFLICT instead of catching the unique violation: on PostgreSQL a failed statement
      // would abort the surrounding transaction.
      const inserted = await db.$executeRaw`
        INSERT INTO "ProcessedUpdate" ("channel", "updateKey", "processedAt")
        VALUES (${channel}, ${key}, ${new Date()})
        ON CONFLICT DO NOTHING`;
      return inserted === 1;
    },

    async isProcessed(channel, key) {
      const row = await db.processedUpdate.findUnique({
        where: { channel_updateKey: { channel, updateKey: key } },
      });
      return row !== null;
    },
  };
}

import { randomUUID } from "node:crypto";
import type { DialogSessionRepository } from "../../domain/ports.ts";
import type { Scope } from "../scope.ts";
import { sealJson, unsealJson } from "./rows.ts";

// Every update loads and saves its chat's session: on the driver (../driver.ts).
const LOAD = `SELECT "state", "version" FROM "DialogSession" WHERE "channel" = $1 AND "chatId" = $2`;
/** ON CONFLICT instead of catching the unique violation: on PostgreSQL a failed statement would
 * abort the surrounding transaction. */
const CREATE = `
  INSERT INTO "DialogSession" ("id", "channel", "chatId", "personId", "state", "version", "updatedAt")
  VALUES ($1, $2, $3, $4, $5, 1, $6) ON CONFLICT DO NOTHING`;
/** Versioned: written only over the version it was read at. Without a person, the one it had stays. */
const UPDATE = `
  UPDATE "DialogSession" SET "state" = $4, "version" = CAST($3 AS INTEGER) + 1, "updatedAt" = $5, "personId" = COALESCE($6, "personId")
   WHERE "channel" = $1 AND "chatId" = $2 AND "version" = $3`;

export function dialogSessionRepository({ db, cipher, driver }: Scope): DialogSessionRepository {
  return {
    async prune(before) {
      const { count } = await db.dialogSession.deleteMany({ where: { updatedAt: { lt: before } } });
      return count;
    },

    async load(channel, chatId) {
      const [row] = await driver.all<{ state: string; version: number }>(LOAD, [channel, chatId]);
      return row ? { state: unsealJson<unknown>(cipher, row.state), version: Number(row.version) } : null;
    },

    async save(channel, chatId, state, expectedVersion, personId) {
      const now = new Date();
      const sealed = sealJson(cipher, state);
      if (expectedVersion === 0)
        return (
          (await driver.run(CREATE, [randomUUID(), channel, chatId, personId ?? null, sealed, now])) === 1
        );
      return (
        (await driver.run(UPDATE, [channel, chatId, expectedVersion, sealed, now, personId ?? null])) === 1
      );
    },
  };
}

import { sqltag as sql } from "@prisma/client/runtime/client";
import type { RateLimitRepository, RateVerdict } from "../../domain/ports.ts";
import type { Scope } from "../scope.ts";
import { oneOf } from "./rows.ts";

const WRITTEN: readonly RateVerdict[] = ["allowed", "first_excess"];

export function rateLimitRepository(scope: Scope): RateLimitRepository {
  return {
    async take(key, now, { perSecond, burst }) {
      // Numbers are cast so that PostgreSQL does float arithmetic whatever type the driver
      // gives a parameter (an integral one would otherwise be taken as an integer).
      const num = (value: number) => sql`CAST(${value} AS DOUBLE PRECISION)`;
      const at = num(now.getTime());
      const elapsed = sql`(CASE WHEN ${at} > "RateBucket"."at" THEN ${at} - "RateBucket"."at" ELSE 0 END)`;
      const grown = sql`("RateBucket"."tokens" + ${elapsed} * ${num(perSecond / 1000)})`;
      // The tokens at `now`: what was left, and what came back since, up to the burst.
      const refilled = sql`(CASE WHEN ${grown} > ${num(burst)} THEN ${num(burst)} ELSE ${grown} END)`;
      // One statement decides and writes, so concurrent takes (any instance) queue on the row:
      // PostgreSQL locks it for the upsert, SQLite has one writer. A refusal after the warning
      // writes nothing (the WHERE), and returns no row.
      const statement = (db: Scope["db"]) => db.$queryRaw<{ verdict: string }[]>`
        INSERT INTO "RateBucket" ("key", "tokens", "at", "warned", "verdict")
        VALUES (${key}, ${num(burst - 1)}, ${at}, false, 'allowed')
        ON CONFLICT ("key") DO UPDATE SET
          "tokens" = CASE WHEN ${refilled} >= 1 THEN ${refilled} - 1 ELSE ${refilled} END,
          "at" = CASE WHEN ${at} > "RateBucket"."at" THEN ${at} ELSE "RateBucket"."at" END,
          "warned" = CASE WHEN ${refilled} >= 1 THEN "RateBucket"."warned" AND ${refilled} < ${num(burst)} ELSE true END,
          "verdict" = CASE WHEN ${refilled} >= 1 THEN 'allowed' ELSE 'first_excess' END
        WHERE ${refilled} >= 1 OR NOT "RateBucket"."warned"
        RETURNING "verdict"`;
      // SQLite's one connection would run a bare statement inside whichever transaction another
      // caller has open (and roll it back with it); a transaction of its own waits its turn.
      // On PostgreSQL the statement is atomic alone.
      const [row] = await (scope.provider === "sqlite" ? scope.atomic(statement) : statement(scope.db));
      return row ? oneOf(WRITTEN, row.verdict, "RateBucket.verdict") : "excess";
    },

    async prune(before) {
      const { count } = await scope.db.rateBucket.deleteMany({ where: { at: { lt: before.getTime() } } });
      return count;
    },
  };
}

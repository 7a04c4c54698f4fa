import type { RateLimitRepository, RateVerdict } from "../../domain/ports.ts";
import type { Scope } from "../scope.ts";
import { oneOf } from "./rows.ts";

const VERDICTS: readonly RateVerdict[] = ["allowed", "first_excess", "excess"];

// Numbers are cast so that PostgreSQL does float arithmetic whatever type the driver gives a
// parameter (an integral one would otherwise be taken as an integer). $1 the key, $2 now (ms),
// $3 tokens per ms, $4 the burst, $5 the burst less the one taken.
const num = (n: number) => `CAST($${n} AS DOUBLE PRECISION)`;
const AT = num(2);
const ELAPSED = `(CASE WHEN ${AT} > "RateBucket"."at" THEN ${AT} - "RateBucket"."at" ELSE 0 END)`;
const GROWN = `("RateBucket"."tokens" + ${ELAPSED} * ${num(3)})`;
/** The tokens at `now`: what was left, and what came back since, up to the burst. */
const REFILLED = `(CASE WHEN ${GROWN} > ${num(4)} THEN ${num(4)} ELSE ${GROWN} END)`;
/**
 * One statement decides and writes, so concurrent takes (any instance) queue on the row:
 * PostgreSQL locks it for the upsert, SQLite has one writer. A refusal counts itself in the
 * bucket (`refused`): a flood is one row and a counter, never a row per message. On the driver:
 * it runs for every update.
 */
const TAKE = `
  INSERT INTO "RateBucket" ("key", "tokens", "at", "warned", "verdict", "refused")
  VALUES ($1, ${num(5)}, ${AT}, false, 'allowed', 0)
  ON CONFLICT ("key") DO UPDATE SET
    "tokens" = CASE WHEN ${REFILLED} >= 1 THEN ${REFILLED} - 1 ELSE ${REFILLED} END,
    "at" = CASE WHEN ${AT} > "RateBucket"."at" THEN ${AT} ELSE "RateBucket"."at" END,
    "warned" = CASE WHEN ${REFILLED} >= 1 THEN "RateBucket"."warned" AND ${REFILLED} < ${num(4)} ELSE true END,
    "verdict" = CASE WHEN ${REFILLED} >= 1 THEN 'allowed' WHEN "RateBucket"."warned" THEN 'excess' ELSE 'first_excess' END,
    "refused" = "RateBucket"."refused" + CASE WHEN ${REFILLED} >= 1 THEN 0 ELSE 1 END
  RETURNING "verdict"`;

export function rateLimitRepository(scope: Scope): RateLimitRepository {
  return {
    async take(key, now, { perSecond, burst }) {
      // SQLite's one connection would run a bare statement inside whichever transaction another
      // caller has open (and roll it back with it): `alone` waits for it to end. On PostgreSQL
      // the statement is atomic alone.
      const [row] = await scope.alone((driver) =>
        driver.all<{ verdict: string }>(TAKE, [key, now.getTime(), perSecond / 1000, burst, burst - 1]),
      );
      return oneOf(VERDICTS, row?.verdict ?? "", "RateBucket.verdict");
    },

    async refused(key) {
      const bucket = await scope.db.rateBucket.findUnique({ where: { key }, select: { refused: true } });
      return bucket?.refused ?? 0;
    },

    async prune(before) {
      const { count } = await scope.db.rateBucket.deleteMany({ where: { at: { lt: before.getTime() } } });
      return count;
    },
  };
}

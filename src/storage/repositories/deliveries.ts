import { randomUUID } from "node:crypto";
import type { AttemptResult, DeliveryAttempt, DeliveryAttemptRepository } from "../../domain/ports.ts";
import type { DeliveryAttempt as AttemptRow } from "../generated/sqlite/client.ts";
import type { Scope } from "../scope.ts";
import { oneOf } from "./rows.ts";

const RESULTS: readonly AttemptResult[] = ["sent", "refused_for_now", "refused_for_good", "failed"];

let written = 0;
/** Ids that sort in the order attempts were made, even when a test's clock stands still. */
const orderedId = (at: Date) =>
  `${String(at.getTime()).padStart(15, "0")}-${String(written++ % 1e9).padStart(9, "0")}-${randomUUID()}`;

export function deliveryAttemptRepository(scope: Scope): DeliveryAttemptRepository {
  const { db } = scope;
  return {
    async record(attempts) {
      if (attempts.length === 0) return;
      await db.deliveryAttempt.createMany({
        data: attempts.map((a) => ({ id: orderedId(a.at), ...a })),
      });
    },
    async ofNotification(notificationId) {
      const rows = await db.deliveryAttempt.findMany({
        where: { notificationId },
        orderBy: [{ at: "asc" }, { id: "asc" }],
      });
      return rows.map(attempt);
    },
    async between(from, to) {
      const rows = await db.deliveryAttempt.findMany({
        where: { at: { gte: from, lt: to } },
        orderBy: [{ at: "asc" }, { id: "asc" }],
      });
      return rows.map(attempt);
    },
  };
}

function attempt(row: AttemptRow): DeliveryAttempt {
  return {
    notificationId: row.notificationId,
    kind: row.kind,
    way: row.way,
    result: oneOf(RESULTS, row.result, "DeliveryAttempt.result"),
    reason: row.reason,
    costVnd: row.costVnd,
    at: row.at,
  };
}

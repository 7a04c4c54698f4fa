import { randomUUID } from "node:crypto";
import type { PrivacyAction, PrivacyLogRepository } from "../../domain/ports.ts";
import type { Scope } from "../scope.ts";
import { fromJson, toJson } from "./rows.ts";

export function privacyLogRepository({ db }: Scope): PrivacyLogRepository {
  return {
    async record(event) {
      await db.privacyEvent.create({
        data: {
          id: randomUUID(),
          at: event.at,
          actor: event.actor,
          personId: event.personId,
          action: event.action,
          bodyCode: event.bodyCode,
          detail: toJson(event.detail),
        },
      });
    },

    async list(filter = {}) {
      const rows = await db.privacyEvent.findMany({
        where: {
          personId: filter.personId,
          action: filter.action,
          ...(filter.since ? { at: { gte: filter.since } } : {}),
        },
        orderBy: [{ at: "asc" }, { id: "asc" }],
      });
      return rows.map((row) => ({
        at: row.at,
        actor: row.actor,
        personId: row.personId,
        // Written only from the PrivacyAction union by `record`.
        action: row.action as PrivacyAction,
        bodyCode: row.bodyCode,
        detail: fromJson<Record<string, unknown>>(row.detail),
      }));
    },
  };
}

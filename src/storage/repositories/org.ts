import type { OrgRepository } from "../../domain/ports.ts";
import { TIERS } from "../../domain/types.ts";
import type { Scope } from "../scope.ts";
import { oneOf } from "./rows.ts";

export function orgRepository(scope: Scope): OrgRepository {
  return {
    async upsertMany(units) {
      // One transaction: an org tree is loaded whole or not at all. A province has thousands of
      // units, hence the generous time limit.
      await scope.atomic(
        async (tx) => {
          for (const { code, ...unit } of units) {
            await tx.body.upsert({ where: { code }, create: { code, ...unit }, update: unit });
          }
        },
        { timeoutMs: 120_000 },
      );
    },

    async all() {
      const rows = await scope.db.body.findMany({ orderBy: { code: "asc" } });
      return rows.map((row) => ({
        code: row.code,
        locality: row.locality,
        name: row.name,
        tier: oneOf(TIERS, row.tier, "Body.tier"),
        kind: row.kind,
        parentCode: row.parentCode,
      }));
    },

    count: () => scope.db.body.count(),
  };
}

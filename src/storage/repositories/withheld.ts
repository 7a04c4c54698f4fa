import { randomUUID } from "node:crypto";
import type { WithheldFragment, WithheldRepository, WithheldStatus } from "../../domain/ports.ts";
import { SCRUB_KINDS } from "../../domain/scrub/found.ts";
import { fragmentKey } from "../../domain/scrub/names.ts";
import type { WithheldFragment as Row } from "../generated/sqlite/client.ts";
import type { Scope } from "../scope.ts";
import { oneOf, sealJson, unsealJson } from "./rows.ts";

const STATUSES: readonly WithheldStatus[] = ["pending", "released", "kept"];

/**
 * The withheld fragments of published models (issue 22). A fragment's words and the text around
 * it may be someone's name or number: both are sealed. A model's fragments are few: they are
 * matched to its texts' by their folded words once unsealed — no digest to go stale when the key
 * is rotated, and nothing to look a word up by.
 */
export function withheldRepository(scope: Scope): WithheldRepository {
  const { db, cipher } = scope;
  const fromRow = (row: Row): WithheldFragment => {
    const context = unsealJson<{ before: string; after: string }>(cipher, row.context);
    return {
      id: row.id,
      rootId: row.rootId,
      place: row.place,
      kind: oneOf(SCRUB_KINDS, row.kind, "WithheldFragment.kind"),
      text: cipher.decrypt(row.text),
      before: context.before,
      after: context.after,
      status: oneOf(STATUSES, row.status, "WithheldFragment.status"),
      decidedBy: row.decidedBy,
      decidedAt: row.decidedAt,
      createdAt: row.createdAt,
    };
  };

  return {
    async sync(rootId, candidates, at) {
      const byKey = new Map(candidates.map((c) => [c.key, c]));
      const stored = new Map<string, string>();
      for (const row of await db.withheldFragment.findMany({ where: { rootId } })) {
        const key = fragmentKey(cipher.decrypt(row.text));
        if (byKey.has(key) && !stored.has(key)) stored.set(key, row.id);
        else await db.withheldFragment.delete({ where: { id: row.id } });
      }
      for (const [key, c] of byKey) {
        const data = {
          text: cipher.encrypt(c.text),
          context: sealJson(cipher, { before: c.before, after: c.after }),
          kind: c.kind,
          place: c.place,
        };
        // The words around it may have changed: written afresh; the decision stays.
        const id = stored.get(key);
        if (id) await db.withheldFragment.update({ where: { id }, data });
        else
          await db.withheldFragment.create({
            data: { id: randomUUID(), rootId, ...data, status: "pending", createdAt: at },
          });
      }
    },

    async ofModel(rootId) {
      const rows = await db.withheldFragment.findMany({
        where: { rootId },
        orderBy: [{ createdAt: "asc" }, { place: "asc" }, { id: "asc" }],
      });
      return rows.map(fromRow);
    },

    async get(id) {
      const row = await db.withheldFragment.findUnique({ where: { id } });
      return row ? fromRow(row) : null;
    },

    async decide(id, status, by, at) {
      const { count } = await db.withheldFragment.updateMany({
        where: { id },
        data: { status, decidedBy: by, decidedAt: at },
      });
      return count > 0;
    },
  };
}

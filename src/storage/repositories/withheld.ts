import { randomUUID } from "node:crypto";
import type { WithheldFragment, WithheldRepository, WithheldStatus } from "../../domain/ports.ts";
import { SCRUB_KINDS } from "../../domain/scrub/found.ts";
import type { WithheldFragment as Row } from "../generated/sqlite/client.ts";
import type { Scope } from "../scope.ts";
import { oneOf, sealJson, unsealJson } from "./rows.ts";

const STATUSES: readonly WithheldStatus[] = ["pending", "released", "kept"];

/**
 * The withheld fragments of published models (issue 22). A fragment's words and the text around
 * it may be someone's name or number: both are sealed, and a fragment is found again by a keyed
 * digest of its folded words, never by the words.
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
      const byDigest = new Map(candidates.map((c) => [cipher.digest(c.key), c]));
      const rows = await db.withheldFragment.findMany({
        where: { rootId },
        select: { id: true, digest: true },
      });
      const gone = rows.filter((r) => !byDigest.has(r.digest)).map((r) => r.id);
      if (gone.length) await db.withheldFragment.deleteMany({ where: { id: { in: gone } } });
      const stored = new Set(rows.map((r) => r.digest));
      for (const [digest, c] of byDigest) {
        const data = {
          text: cipher.encrypt(c.text),
          context: sealJson(cipher, { before: c.before, after: c.after }),
          kind: c.kind,
          place: c.place,
        };
        // The words around it may have changed: the context is written afresh, the decision stays.
        if (stored.has(digest))
          await db.withheldFragment.update({ where: { rootId_digest: { rootId, digest } }, data });
        else
          await db.withheldFragment.create({
            data: { id: randomUUID(), rootId, digest, ...data, status: "pending", createdAt: at },
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

import type { SealedDataRepository } from "../../domain/ports.ts";
import { KEY_ID_LENGTH, SEALED_PREFIX } from "../cipher.ts";
import { isUniqueViolation, type Scope } from "../scope.ts";

/**
 * Every encrypted column, by table: what start-up checks the key against and what rotation
 * re-encrypts. A new personal column is one line here (and the repository that seals it).
 */
const SEALED_COLUMNS: readonly SealedColumn[] = [
  { model: "submission", table: "Submission", key: ["id"], column: "contactName" },
  { model: "submission", table: "Submission", key: ["id"], column: "contactPhone" },
  // An individual's own name and address; a unit's are public (kept in clear, encrypted only if once an individual's).
  {
    model: "submission",
    table: "Submission",
    key: ["id"],
    column: "unitName",
    clearWhere: { registrantKind: "individual" },
  },
  {
    model: "submission",
    table: "Submission",
    key: ["id"],
    column: "address",
    clearWhere: { registrantKind: "individual" },
  },
  {
    model: "person",
    table: "Person",
    key: ["id"],
    column: "displayName",
  },
  { model: "person", table: "Person", key: ["id"], column: "email" },
  { model: "dialogSession", table: "DialogSession", key: ["id"], column: "state" },
  { model: "inboundUpdate", table: "InboundUpdate", key: ["source", "updateKey"], column: "payload" },
  { model: "notification", table: "Notification", key: ["id"], column: "payload" },
  { model: "auditEvent", table: "AuditEvent", key: ["id"], column: "data" },
  { model: "channelToken", table: "ChannelToken", key: ["id"], column: "accessToken" },
  // A published model's fragments the scrubber was unsure of: perhaps someone's name or number.
  { model: "withheldFragment", table: "WithheldFragment", key: ["id"], column: "text" },
  { model: "withheldFragment", table: "WithheldFragment", key: ["id"], column: "context" },
  { model: "channelToken", table: "ChannelToken", key: ["id"], column: "refreshToken" },
];

interface SealedColumn {
  /** The Prisma delegate's name. */
  model: string;
  table: string;
  key: readonly string[];
  column: string;
  /** Which clear values are personal (encrypted by the one-time pass); all of them by default. */
  clearWhere?: Record<string, unknown>;
}

type Row = Record<string, string | null>;

/** The part of a Prisma delegate this module uses, for any of the models above. */
interface Delegate {
  findMany(args: { where: unknown; select: Record<string, true>; take: number }): Promise<Row[]>;
  updateMany(args: { where: unknown; data: Record<string, string> }): Promise<{ count: number }>;
}

const BATCH = 500;
const SEALED_ONCE = "sealed-clear-values";

export function sealedDataRepository(scope: Scope): SealedDataRepository {
  const { db, cipher } = scope;
  const delegate = (model: string) => (db as unknown as Record<string, Delegate>)[model]!;

  /** Re-encrypts the values `where` selects, batch by batch, until none is left. */
  async function rewrite(entry: SealedColumn, where: Record<string, unknown>): Promise<number> {
    const table = delegate(entry.model);
    const select = Object.fromEntries([...entry.key, entry.column].map((c) => [c, true as const]));
    let changed = 0;
    for (;;) {
      const rows = await table.findMany({ where, select, take: BATCH });
      let written = 0;
      for (const row of rows) {
        const stored = row[entry.column]!;
        const keys = Object.fromEntries(entry.key.map((k) => [k, row[k]]));
        // Conditional on the value read: a row rewritten meanwhile was rewritten with the current key.
        const { count } = await table.updateMany({
          where: { ...keys, [entry.column]: stored },
          data: { [entry.column]: cipher.encrypt(cipher.decrypt(stored)) },
        });
        written += count;
      }
      changed += written;
      if (rows.length < BATCH || written === 0) return changed;
    }
  }

  const current = `${SEALED_PREFIX}${cipher.keyId}:`;
  async function reseal(): Promise<number> {
    let changed = 0;
    for (const entry of SEALED_COLUMNS) {
      const c = entry.column;
      changed += await rewrite(entry, {
        [c]: { startsWith: SEALED_PREFIX },
        NOT: { [c]: { startsWith: current } },
      });
      // Clear values (not empty ones: an empty name is no name); `gt ""` also leaves out null.
      changed += await rewrite(entry, {
        AND: [entry.clearWhere ?? {}, { [c]: { gt: "" } }, { NOT: { [c]: { startsWith: SEALED_PREFIX } } }],
      });
    }
    return changed;
  }

  return {
    async keyIds() {
      const ids = new Set<string>();
      for (const { table, column } of SEALED_COLUMNS) {
        // Fixed identifiers from the list above: the same SQL on SQLite and PostgreSQL.
        const rows = await db.$queryRawUnsafe<{ kid: string }[]>(
          `SELECT DISTINCT substr("${column}", ${SEALED_PREFIX.length + 1}, ${KEY_ID_LENGTH}) AS "kid" FROM "${table}" WHERE "${column}" LIKE '${SEALED_PREFIX}%'`,
        );
        for (const row of rows) ids.add(row.kid);
      }
      return [...ids].sort();
    },

    reseal,

    async sealOnce() {
      if (await db.storeMeta.findUnique({ where: { key: SEALED_ONCE } })) return null;
      const changed = await reseal();
      // Two instances starting together both reseal (it is idempotent); one of them marks it.
      await db.storeMeta
        .upsert({
          where: { key: SEALED_ONCE },
          create: { key: SEALED_ONCE, value: new Date().toISOString() },
          update: {},
        })
        .catch((error) => {
          if (!isUniqueViolation(error)) throw error;
        });
      return changed;
    },
  };
}

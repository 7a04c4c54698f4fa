import type { StoredToken, TokenRepository } from "../../domain/ports.ts";
import type { ChannelToken as ChannelTokenRow } from "../generated/sqlite/client.ts";
import type { Scope } from "../scope.ts";

/** The tokens act as the OA: sealed like personal data, so a database read raw cannot. */
export function tokenRepository({ db, cipher }: Scope): TokenRepository {
  const tokenFromRow = (row: ChannelTokenRow): StoredToken => ({
    id: row.id,
    accessToken: cipher.decrypt(row.accessToken),
    refreshToken: cipher.decrypt(row.refreshToken),
    expiresAt: row.expiresAt,
    version: row.version,
    leaseOwner: row.leaseOwner,
    leaseUntil: row.leaseUntil,
    seedHash: row.seedHash,
  });
  return {
    async get(id) {
      const row = await db.channelToken.findUnique({ where: { id } });
      return row && tokenFromRow(row);
    },

    async seed(id, pair, seedHash) {
      // ON CONFLICT: two instances starting together both try; the first row stays.
      const inserted = await db.$executeRaw`
        INSERT INTO "ChannelToken"
          ("id", "accessToken", "refreshToken", "expiresAt", "version", "seedHash", "updatedAt")
        VALUES (${id}, ${cipher.encrypt(pair.accessToken)}, ${cipher.encrypt(pair.refreshToken)}, ${pair.expiresAt}, 0, ${seedHash}, ${new Date()})
        ON CONFLICT DO NOTHING`;
      return inserted === 1;
    },

    async claimRefresh(id, expectedVersion, owner, until, now) {
      const { count } = await db.channelToken.updateMany({
        where: {
          id,
          version: expectedVersion,
          OR: [{ leaseUntil: null }, { leaseUntil: { lt: now } }, { leaseOwner: owner }],
        },
        data: { leaseOwner: owner, leaseUntil: until },
      });
      return count === 1;
    },

    async replace(id, expectedVersion, pair, seedHash) {
      const { count } = await db.channelToken.updateMany({
        where: { id, version: expectedVersion },
        data: {
          accessToken: cipher.encrypt(pair.accessToken),
          refreshToken: cipher.encrypt(pair.refreshToken),
          expiresAt: pair.expiresAt,
          ...(seedHash === undefined ? {} : { seedHash }),
          version: expectedVersion + 1,
          leaseOwner: null,
          leaseUntil: null,
          updatedAt: new Date(),
        },
      });
      return count === 1;
    },

    async releaseRefresh(id, owner) {
      await db.channelToken.updateMany({
        where: { id, leaseOwner: owner },
        data: { leaseOwner: null, leaseUntil: null },
      });
    },
  };
}

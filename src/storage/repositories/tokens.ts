import type { StoredToken, TokenRepository } from "../../domain/ports.ts";
import type { ChannelToken as ChannelTokenRow } from "../generated/sqlite/client.ts";
import type { Scope } from "../scope.ts";

export function tokenRepository({ db }: Scope): TokenRepository {
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
        VALUES (${id}, ${pair.accessToken}, ${pair.refreshToken}, ${pair.expiresAt}, 0, ${seedHash}, ${new Date()})
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
          ...pair,
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

function tokenFromRow(row: ChannelTokenRow): StoredToken {
  return {
    id: row.id,
    accessToken: row.accessToken,
    refreshToken: row.refreshToken,
    expiresAt: row.expiresAt,
    version: row.version,
    leaseOwner: row.leaseOwner,
    leaseUntil: row.leaseUntil,
    seedHash: row.seedHash,
  };
}

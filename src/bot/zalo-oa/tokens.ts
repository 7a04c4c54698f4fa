import { createHash, randomUUID } from "node:crypto";
import axios, { type AxiosInstance } from "axios";
import { type Logger, redact } from "../../application/logger.ts";
import type { StoredToken, TokenPair, TokenRepository } from "../../domain/ports.ts";
import { parseJsonKeepingIds } from "../zalo-shared/json.ts";

/**
 * The OA's access token, shared by every instance through the database.
 *
 * Zalo's refresh tokens are single use: a refresh returns a new access token (about 25 h) and a
 * new refresh token, and the old refresh token is spent. So the new pair is written to the
 * database before the new access token is used (a restart continues from it), and one refresh
 * at a time happens across instances: the refresher takes a lease on the row, and the row is
 * replaced only at the version it read. An instance that finds the lease taken waits for the
 * winner's token instead of refreshing again; within a process, concurrent callers share one
 * refresh.
 */

export class OaTokenError extends Error {
  override readonly name = "OaTokenError";
  constructor(
    message: string,
    readonly code?: number,
  ) {
    super(redact(message));
  }
}

export interface OaTokensOptions {
  repo: TokenRepository;
  appId: string;
  /** ZALO_OA_APP_SECRET, sent as the `secret_key` header. */
  appSecret: string;
  /** ZALO_OAUTH_ROOT. */
  oauthRoot: string;
  /** The configured pair (ZALO_OA_ACCESS_TOKEN, ZALO_OA_REFRESH_TOKEN): seeds an empty database. */
  seed: { accessToken?: string; refreshToken: string };
  logger: Logger;
  http?: AxiosInstance;
  clock?: () => Date;
  /** Refresh this long before the access token expires; default 10 minutes. */
  marginMs?: number;
  /** How long a refresh may hold the row; default 30 s. */
  leaseMs?: number;
  /** How often a waiting instance looks for the winner's token; default 100 ms. */
  pollMs?: number;
  timeoutMs?: number;
  /** This instance's name on a lease. */
  owner?: string;
}

export interface AccessToken {
  token: string;
  /** The row version it came from: say which one failed when Zalo rejects it. */
  version: number;
}

/** How long a configured access token is trusted: its real age is unknown. */
const SEEDED_ACCESS_TTL_MS = 3_600_000;
/** When Zalo omits expires_in (it documents about 25 hours). */
const DEFAULT_EXPIRES_IN_S = 90_000;

export const tokenId = (appId: string) => `zalo-oa:${appId}`;
export const seedHashOf = (refreshToken: string) => createHash("sha256").update(refreshToken).digest("hex");

export function createOaTokens(options: OaTokensOptions) {
  const { repo, logger } = options;
  const http = options.http ?? axios.create();
  const clock = options.clock ?? (() => new Date());
  const marginMs = options.marginMs ?? 600_000;
  const leaseMs = options.leaseMs ?? 30_000;
  const pollMs = options.pollMs ?? 100;
  const owner = options.owner ?? randomUUID();
  const id = tokenId(options.appId);
  let cached: StoredToken | null = null;
  let initialized: Promise<void> | null = null;
  let flight: Promise<StoredToken> | null = null;

  const fresh = (t: StoredToken) =>
    t.accessToken !== "" && t.expiresAt.getTime() - marginMs > clock().getTime();
  const asAccess = (t: StoredToken): AccessToken => ({ token: t.accessToken, version: t.version });
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  /** Seeds an empty database from the configuration; a newly configured refresh token re-seeds it. */
  async function seed(): Promise<void> {
    const now = clock();
    const hash = seedHashOf(options.seed.refreshToken);
    const pair: TokenPair = {
      accessToken: options.seed.accessToken ?? "",
      refreshToken: options.seed.refreshToken,
      expiresAt: options.seed.accessToken ? new Date(now.getTime() + SEEDED_ACCESS_TTL_MS) : new Date(0),
    };
    if (await repo.seed(id, pair, hash)) {
      logger.info("zalo-oa tokens stored from the configuration");
      return;
    }
    const row = await repo.get(id);
    if (row && row.seedHash !== hash && (await repo.replace(id, row.version, pair, hash)))
      logger.info("zalo-oa tokens replaced by a newly configured refresh token");
  }

  function init(): Promise<void> {
    initialized ??= seed().catch((error) => {
      initialized = null;
      throw error;
    });
    return initialized;
  }

  async function load(): Promise<StoredToken> {
    await init();
    const row = await repo.get(id);
    if (!row) throw new OaTokenError("zalo-oa token row missing after seeding");
    cached = row;
    return row;
  }

  /** Asks Zalo for a new pair with a refresh token. */
  async function exchange(refreshToken: string): Promise<TokenPair> {
    const form = new URLSearchParams({
      refresh_token: refreshToken,
      app_id: options.appId,
      grant_type: "refresh_token",
    });
    let data: Record<string, unknown> = {};
    try {
      const response = await http.post<string>(
        `${options.oauthRoot.replace(/\/+$/, "")}/v4/oa/access_token`,
        form.toString(),
        {
          headers: { secret_key: options.appSecret, "content-type": "application/x-www-form-urlencoded" },
          timeout: options.timeoutMs ?? 10_000,
          responseType: "text",
          transformResponse: (d) => d,
          validateStatus: () => true,
        },
      );
      const parsed = parseJsonKeepingIds(response.data);
      if (parsed && typeof parsed === "object") data = parsed as Record<string, unknown>;
    } catch (error) {
      throw new OaTokenError(`zalo-oa token refresh failed: ${(error as Error).message}`);
    }
    const { access_token: access, refresh_token: refresh } = data;
    if (typeof access !== "string" || !access || typeof refresh !== "string" || !refresh) {
      const code = Number(data.error);
      const why = data.error_description ?? data.error_name ?? data.message ?? "no token in the answer";
      throw new OaTokenError(
        `zalo-oa token refresh refused: ${data.error ?? ""} ${String(why)}. If the stored refresh token is ` +
          "no longer valid, authorise the OA again and set ZALO_OA_REFRESH_TOKEN (and ZALO_OA_ACCESS_TOKEN): " +
          "a newly configured refresh token replaces the stored one at start.",
        Number.isFinite(code) ? code : undefined,
      );
    }
    const seconds = Number(data.expires_in);
    const lifetime = Number.isFinite(seconds) && seconds > 0 ? seconds : DEFAULT_EXPIRES_IN_S;
    return {
      accessToken: access,
      refreshToken: refresh,
      expiresAt: new Date(clock().getTime() + lifetime * 1000),
    };
  }

  /**
   * A token newer than `staleVersion`: someone else's if they refreshed already, else ours.
   * Never two refreshes of one version, in this process or across instances.
   */
  async function refreshPast(staleVersion: number): Promise<StoredToken> {
    const deadline = Date.now() + 2 * leaseMs + (options.timeoutMs ?? 10_000);
    for (;;) {
      const row = await load();
      if (row.version > staleVersion && fresh(row)) return row;
      const now = clock();
      if (await repo.claimRefresh(id, row.version, owner, new Date(now.getTime() + leaseMs), now)) {
        let pair: TokenPair;
        try {
          pair = await exchange(row.refreshToken);
        } catch (error) {
          await repo.releaseRefresh(id, owner).catch(() => {});
          throw error;
        }
        // Persist first: the spent refresh token is worthless, the new one is all we have.
        if (await repo.replace(id, row.version, pair)) {
          logger.info("zalo-oa access token refreshed", { version: row.version + 1 });
          cached = { ...row, ...pair, version: row.version + 1, leaseOwner: null, leaseUntil: null };
          return cached;
        }
        logger.warn("zalo-oa token refreshed elsewhere meanwhile; using the stored one");
        return load();
      }
      // Another instance holds the lease: wait for its token (or for its lease to lapse).
      if (Date.now() > deadline)
        throw new OaTokenError("zalo-oa token refresh: timed out waiting for another instance");
      await sleep(pollMs);
    }
  }

  function refresh(staleVersion: number): Promise<StoredToken> {
    flight ??= refreshPast(staleVersion).finally(() => {
      flight = null;
    });
    return flight;
  }

  return {
    id,
    /** Seeds the database (also done lazily by the first call). */
    init,
    /** A usable access token, refreshed first when it is about to expire. */
    async current(): Promise<AccessToken> {
      if (cached && fresh(cached)) return asAccess(cached);
      if (flight) return asAccess(await flight);
      const row = await load();
      if (fresh(row)) return asAccess(row);
      return asAccess(await refresh(row.version));
    },
    /** Zalo rejected the token of `version` (-216): a newer one, refreshing if nobody has. */
    async rejected(version: number): Promise<AccessToken> {
      if (flight) {
        const t = await flight;
        if (t.version > version) return asAccess(t);
      }
      return asAccess(await refresh(version));
    },
  };
}

export type OaTokens = ReturnType<typeof createOaTokens>;

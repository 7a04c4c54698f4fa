import { randomUUID } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { BUILT_IN_NOTICE, createTranslator, type Translator } from "./application/i18n.ts";
import type { Logger } from "./application/logger.ts";
import { createRunner, type Runner } from "./application/runner.ts";
import { rescrubGallery } from "./application/services/gallery.ts";
import type { Config } from "./config.ts";
import type { FlowRegistry } from "./dialogs/flow.ts";
import { defaultFlows } from "./dialogs/flows/index.ts";
import { OrgTree } from "./domain/org.ts";
import { importOrgTree, parseOrgRows } from "./domain/org-import.ts";
import type { Store } from "./domain/ports.ts";
import { type Notice, noticeSchema } from "./domain/privacy.ts";
import { builtInRulebook, parseRulebook } from "./domain/rulebook/load.ts";
import type { Rulebook } from "./domain/rulebook/schema.ts";
import {
  type Cipher,
  type DataKey,
  DataKeyError,
  keyBesideDatabase,
  loadDataKey,
  migrate,
  openStore,
  parseDatabaseUrl,
  unreadableKeys,
} from "./storage/index.ts";

/** The composition root: configuration in, every part wired together out. */

export const PROJECT_ROOT = fileURLToPath(new URL("..", import.meta.url));

export class StartupError extends Error {
  override readonly name = "StartupError";
}

/** A built-in rulebook by name, or a rulebook file by path. */
export function loadRulebook(nameOrPath: string): Rulebook {
  const builtIn = builtInRulebook(nameOrPath);
  if (builtIn) return builtIn;
  if (!existsSync(nameOrPath))
    throw new StartupError(`RULEBOOK: "${nameOrPath}" is neither a built-in rulebook nor a file`);
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(nameOrPath, "utf8"));
  } catch (error) {
    throw new StartupError(`RULEBOOK: ${nameOrPath} is not valid JSON: ${(error as Error).message}`);
  }
  return parseRulebook(data, nameOrPath);
}

/** The personal-data notice: the operator's file (PRIVACY_NOTICE), or the shipped one. */
export function loadNotice(file: string | undefined): Notice {
  if (!file) return BUILT_IN_NOTICE;
  if (!existsSync(file)) throw new StartupError(`PRIVACY_NOTICE: file not found: ${file}`);
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw new StartupError(`PRIVACY_NOTICE: ${file} is not valid JSON: ${(error as Error).message}`);
  }
  const parsed = noticeSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new StartupError(`PRIVACY_NOTICE: ${file}: ${issue.path.join(".") || "(root)"}: ${issue.message}`);
  }
  return parsed.data;
}

/** The demo tree shipped for a rulebook's shape (with or without districts). */
export function demoOrgTreeFile(rulebook: Rulebook): string {
  const name = rulebook.tiers.includes("district") ? "demo-three-tier.csv" : "demo-two-tier.csv";
  return join(PROJECT_ROOT, "org", name);
}

/** Reads and checks an org tree file; problems are listed with their line numbers. */
export function readOrgTree(file: string, rulebook: Rulebook) {
  if (!existsSync(file)) throw new StartupError(`org tree file not found: ${file}`);
  const result = importOrgTree(parseOrgRows(readFileSync(file, "utf8")), rulebook);
  if (!result.ok)
    throw new StartupError(
      `org tree ${file} is invalid: ${result.problems.map((p) => `${p.code} ${JSON.stringify(p.params ?? {})}`).join("; ")}`,
    );
  return result.units;
}

/** Loads the org tree into an empty database (ORG_TREE, or the demo tree), then reads it. */
export async function ensureOrgTree(
  store: Store,
  rulebook: Rulebook,
  file: string | undefined,
  logger: Logger,
): Promise<OrgTree> {
  if ((await store.org.count()) === 0) {
    const source = file ?? demoOrgTreeFile(rulebook);
    const units = readOrgTree(source, rulebook);
    await store.org.upsertMany(units);
    logger.info("org tree loaded into the empty database", { source, units: units.length });
  }
  return new OrgTree(await store.org.all());
}

/** The clock: real time, or (for tests and demos) time running on from DVK_NOW. */
export function clockFrom(env: NodeJS.ProcessEnv = process.env): () => Date {
  const start = env.DVK_NOW ? Date.parse(env.DVK_NOW) : Number.NaN;
  if (Number.isNaN(start)) return () => new Date();
  const offset = start - Date.now();
  return () => new Date(Date.now() + offset);
}

/** The data key from the configuration, or the local database's key file. */
export function dataKeyOf(config: Config): DataKey {
  try {
    return loadDataKey(parseDatabaseUrl(config.DATABASE_URL), {
      key: config.DATA_ENCRYPTION_KEY,
      oldKeys: config.DATA_ENCRYPTION_OLD_KEYS,
      file: config.DATA_KEY_FILE,
    });
  } catch (error) {
    if (error instanceof DataKeyError) throw new StartupError(error.message);
    throw error;
  }
}

/**
 * Refuses to start when stored personal data was encrypted with a key not configured (it could
 * be neither read nor, worse, told apart from new data), then seals what an older version
 * wrote in clear.
 */
async function checkDataKey(store: Store, key: DataKey, config: Config, logger: Logger): Promise<void> {
  const missing = unreadableKeys(key.cipher, await store.sealed.keyIds());
  if (missing.length) {
    key.discard();
    throw new StartupError(
      `DATA_ENCRYPTION_KEY: the database holds personal data encrypted with key ${missing.join(", ")}, ` +
        "which the configured key does not read: set DATA_ENCRYPTION_KEY to the key it was written with " +
        "(and DATA_ENCRYPTION_OLD_KEYS to earlier ones during a rotation)",
    );
  }
  if (key.created)
    logger.info("created the local data key: keep this file with the database's backups", { file: key.file });
  // Served to the public: a key in the data folder travels with every copy of it.
  if (config.PUBLIC_URL && keyBesideDatabase(parseDatabaseUrl(config.DATABASE_URL), key.file))
    logger.warn(
      "the data key file sits beside the database: whoever copies the data folder can read the personal data; " +
        "set DATA_ENCRYPTION_KEY (from the service's secrets) or move the key with DATA_KEY_FILE out of that folder",
      { file: key.file },
    );
  const sealed = await store.sealed.sealOnce();
  if (sealed)
    logger.info("personal data written in clear by an earlier version encrypted", { values: sealed });
}

export interface App {
  config: Config;
  logger: Logger;
  store: Store;
  rulebook: Rulebook;
  tree: OrgTree;
  translator: Translator;
  flows: FlowRegistry;
  runner: Runner;
  clock: () => Date;
  /** The cipher personal data is stored with (for tools that write rows directly). */
  cipher: Cipher;
  close(): Promise<void>;
}

export interface AppOptions {
  clock?: () => Date;
  /** The flows to run (the bot's own by default). */
  flows?: FlowRegistry;
  /** SQLite: how long to wait for another process's lock (the CLI waits longer than the server). */
  busyTimeoutMs?: number;
  /** Load the demo tree into an empty database (not when the caller is importing a tree itself). */
  seedOrgTree?: boolean;
}

export async function createApp(config: Config, logger: Logger, options: AppOptions = {}): Promise<App> {
  const clock = options.clock ?? clockFrom();
  const rulebook = loadRulebook(config.RULEBOOK);
  const applied = await migrate(config.DATABASE_URL);
  if (applied.length) logger.info("migrations applied", { applied: applied.join(",") });
  const key = dataKeyOf(config);
  const store = await openStore(config.DATABASE_URL, {
    ...(options.busyTimeoutMs === undefined ? {} : { busyTimeoutMs: options.busyTimeoutMs }),
    cipher: key.cipher,
  });
  try {
    await checkDataKey(store, key, config, logger);
    const tree =
      options.seedOrgTree === false
        ? new OrgTree(await store.org.all())
        : await ensureOrgTree(store, rulebook, config.ORG_TREE, logger);
    // The place search's index, built now rather than by the first registrant who types a name.
    tree.prepareSearch();
    const rekeyed = await store.submissions.refreshDedupeKeys();
    if (rekeyed) logger.info("duplicate keys recomputed under the current rule", { rekeyed });
    const rescrubbed = await rescrubGallery(store, { tree, now: clock() });
    if (rescrubbed) logger.info("published models scrubbed again under the current rule", { rescrubbed });
    const translator = createTranslator(rulebook, loadNotice(config.PRIVACY_NOTICE), {
      name: config.DATA_CONTROLLER_NAME,
      contact: config.DATA_CONTROLLER_CONTACT,
    });
    const flows = options.flows ?? defaultFlows;
    const runner = createRunner({
      store,
      rulebook,
      tree,
      clock,
      newId: randomUUID,
      translator,
      flows,
      ...(config.PUBLIC_URL ? { publicUrl: config.PUBLIC_URL } : {}),
    });
    return {
      config,
      logger,
      store,
      rulebook,
      tree,
      translator,
      flows,
      runner,
      clock,
      cipher: key.cipher,
      close: () => store.close(),
    };
  } catch (error) {
    await store.close();
    throw error;
  }
}

import { type App, dataKeyOf } from "../app.ts";
import { runRetention } from "../application/services/retention.ts";
import type { Config } from "../config.ts";
import { keyId, newKey, parseKey, readKeyFile, writeKeyFile } from "../storage/index.ts";
import { UsageError } from "./usage.ts";

/** `data new-key`: a fresh key for DATA_ENCRYPTION_KEY (or DATA_ENCRYPTION_NEW_KEY). */
export function newDataKey(): string {
  return newKey();
}

/** What a rotation works with: the keys now, the new one, and where to keep it. */
interface Rotation {
  config: Config;
  file: string | null;
  fresh: string;
  old: string[];
}

/**
 * Plans `data rotate-key`: the new key is DATA_ENCRYPTION_NEW_KEY, or (a local database keeping
 * its key in a file) a fresh one written to the file, beside the old one until the pass is done.
 */
export function planRotation(config: Config): Rotation {
  const current = dataKeyOf(config);
  const old = current.file
    ? readKeyFile(current.file)
    : [config.DATA_ENCRYPTION_KEY!, ...config.DATA_ENCRYPTION_OLD_KEYS];
  const fresh = config.DATA_ENCRYPTION_NEW_KEY ?? (current.file ? newKey() : undefined);
  if (!fresh)
    throw new UsageError(
      "data rotate-key: set DATA_ENCRYPTION_NEW_KEY to the new key (`data new-key` makes one), keeping DATA_ENCRYPTION_KEY the current one",
    );
  if (keyId(parseKey(fresh)) === keyId(parseKey(old[0]!)))
    throw new UsageError("data rotate-key: the new key is the current one");
  // From here on the new key encrypts and the old ones still read: safe to stop at any point.
  if (current.file) writeKeyFile(current.file, [fresh, ...old]);
  return {
    config: { ...config, DATA_ENCRYPTION_KEY: fresh, DATA_ENCRYPTION_OLD_KEYS: old },
    file: current.file,
    fresh,
    old,
  };
}

/** Re-encrypts every personal value under the new key, then checks the old keys read nothing. */
export async function rotateKey(app: App, rotation: Rotation): Promise<string> {
  const values = await app.store.sealed.reseal();
  // Start-up already rekeyed the duplicate keys under the new key; a second look finds none left.
  await app.store.submissions.refreshDedupeKeys();
  const inUse = await app.store.sealed.keyIds();
  const newId = keyId(parseKey(rotation.fresh));
  const left = inUse.filter((id) => id !== newId);
  if (left.length) throw new Error(`values under key ${left.join(", ")} remain: run data rotate-key again`);
  if (rotation.file) writeKeyFile(rotation.file, [rotation.fresh]);
  const old = rotation.old.map((k) => keyId(parseKey(k))).join(", ");
  return [
    `Re-encrypted ${values} values under key ${newId}; key ${old} no longer reads anything.`,
    rotation.file
      ? `The key file ${rotation.file} now holds the new key only.`
      : "Set DATA_ENCRYPTION_KEY to the new key and remove DATA_ENCRYPTION_NEW_KEY and DATA_ENCRYPTION_OLD_KEYS on every instance.",
  ].join("\n");
}

/** `data prune --now <ISO time>`: one pass of the retention rules at that clock. */
export async function pruneData(app: App): Promise<string> {
  const pass = await runRetention(app.store, app.rulebook, app.clock());
  return [
    `Drafts deleted: ${pass.draftsDeleted}; reminded: ${pass.reminded}.`,
    `Dialog sessions pruned: ${pass.sessions}; processed updates: ${pass.processedUpdates}; notification payloads: ${pass.notificationPayloads}; rate buckets: ${pass.rateBuckets}.`,
  ].join("\n");
}

import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { type Cipher, createCipher, newKey, parseKey } from "./cipher.ts";
import type { DatabaseTarget } from "./database-url.ts";

/** Where the data key comes from (DATA_ENCRYPTION_KEY and friends, already validated). */
export interface DataKeySettings {
  key?: string | undefined;
  /** Keys of earlier rotations still needed to read, newest first. */
  oldKeys?: readonly string[];
  /** SQLite without DATA_ENCRYPTION_KEY: the file the local key lives in. */
  file?: string | undefined;
}

export interface DataKey {
  cipher: Cipher;
  /** The local key file in use, when the key came from one. */
  file: string | null;
  /** The key file was created now (for a new local database). */
  created: boolean;
  /** Forgets a key file created now (the database turned out to need another key). */
  discard(): void;
}

export class DataKeyError extends Error {
  override readonly name = "DataKeyError";
}

/** The local key file of a SQLite database: beside it, `<file>.key`. */
export function keyFileOf(target: DatabaseTarget, settings: DataKeySettings): string | null {
  if (settings.file) return settings.file;
  return target.provider === "sqlite" && target.file !== ":memory:" ? `${target.file}.key` : null;
}

/** Whether a key file sits in the database's own folder (a copy of that folder holds both). */
export function keyBesideDatabase(target: DatabaseTarget, keyFile: string | null): boolean {
  return (
    keyFile !== null &&
    target.provider === "sqlite" &&
    target.file !== ":memory:" &&
    dirname(resolve(keyFile)) === dirname(resolve(target.file))
  );
}

/**
 * The cipher for a database: from DATA_ENCRYPTION_KEY when set; for a local SQLite database
 * without one, from a key file beside it (created, readable by its owner only, on first start),
 * so `npm start` needs no set-up. PostgreSQL is a production set-up: its key must be configured.
 */
export function loadDataKey(target: DatabaseTarget, settings: DataKeySettings): DataKey {
  const older = (settings.oldKeys ?? []).map(parseKey);
  const fixed = (key: Buffer, file: string | null, created: boolean): DataKey => ({
    cipher: createCipher(key, older),
    file,
    created,
    discard: () => {
      if (created && file) rmSync(file, { force: true });
    },
  });
  if (settings.key) return fixed(parseKey(settings.key), null, false);
  const file = keyFileOf(target, settings);
  if (!file)
    throw new DataKeyError(
      "DATA_ENCRYPTION_KEY: required with PostgreSQL (32 bytes in base64 or hex; `npm run --silent dvk -- data new-key` makes one)",
    );
  if (existsSync(file)) {
    const [current, ...earlier] = readKeyFile(file);
    older.push(...earlier.map(parseKey));
    return fixed(parseKey(current!), file, false);
  }
  const key = newKey();
  writeFileSync(file, `${key}\n`, { mode: 0o600, flag: "wx" });
  return fixed(parseKey(key), file, true);
}

/** A key file's keys: the current one first, then those of an unfinished rotation. */
export function readKeyFile(file: string): string[] {
  const keys = readFileSync(file, "utf8")
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean);
  try {
    if (!keys.length) throw new Error("it is empty");
    for (const key of keys) parseKey(key);
  } catch (error) {
    throw new DataKeyError(
      `DATA_ENCRYPTION_KEY: the key file ${file} is unreadable: ${(error as Error).message}`,
    );
  }
  return keys;
}

/** Replaces a key file's keys in one step (a crash leaves the old file or the new one, never half). */
export function writeKeyFile(file: string, keys: readonly string[]): void {
  const next = `${file}.next`;
  writeFileSync(next, `${keys.join("\n")}\n`, { mode: 0o600 });
  renameSync(next, file);
}

/** Start-up's check: every stored value can be read with the configured keys. */
export function unreadableKeys(cipher: Cipher, inUse: readonly string[]): string[] {
  return inUse.filter((id) => !cipher.holds(id));
}

// The storage layer's public face: the rest of the application imports from here only.

export { type Cipher, createCipher, keyId, newKey, parseKey } from "./cipher.ts";
export { openStore, type StoreOptions } from "./client.ts";
export {
  type DataKey,
  DataKeyError,
  type DataKeySettings,
  keyBesideDatabase,
  loadDataKey,
  readKeyFile,
  unreadableKeys,
  writeKeyFile,
} from "./data-key.ts";
export { parseDatabaseUrl } from "./database-url.ts";
export {
  InvalidDatabaseUrlError,
  MigrationError,
  type MigrationProblem,
  StorageUnavailableError,
} from "./errors.ts";
export { type MigrateOptions, migrate } from "./migrate.ts";

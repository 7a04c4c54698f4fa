// The storage layer's public face: the rest of the application imports from here only.
export { openStore, type StoreOptions } from "./client.ts";
export {
  InvalidDatabaseUrlError,
  MigrationError,
  type MigrationProblem,
  StorageUnavailableError,
} from "./errors.ts";
export { type MigrateOptions, migrate } from "./migrate.ts";

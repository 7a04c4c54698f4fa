// Generates the two Prisma clients (SQLite and PostgreSQL) from the one source schema.
// A Prisma schema's provider must be a literal, so the PostgreSQL variant is derived here by
// changing only the provider and output lines.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const source = readFileSync(join(root, "prisma/schema.prisma"), "utf8");
const buildDir = join(root, "prisma/.generated");
mkdirSync(buildDir, { recursive: true });

const variants = {
  sqlite: source,
  postgres: source
    .replace('provider = "sqlite"', 'provider = "postgresql"')
    .replace("../src/storage/generated/sqlite", "../../src/storage/generated/postgres"),
};
variants.sqlite = variants.sqlite.replace(
  "../src/storage/generated/sqlite",
  "../../src/storage/generated/sqlite",
);

// The benchmark's session table (bench/prisma/schema.prisma), for the grammY peers of `npm run
// bench`: its two clients are derived the same way, into bench/generated/.
const benchSchema = join(root, "bench/prisma/schema.prisma");
if (existsSync(benchSchema)) {
  const bench = readFileSync(benchSchema, "utf8");
  variants["bench-sqlite"] = bench.replace("../generated/sqlite", "../../bench/generated/sqlite");
  variants["bench-postgres"] = bench
    .replace('provider = "sqlite"', 'provider = "postgresql"')
    .replace("../generated/sqlite", "../../bench/generated/postgres");
}

// `prisma generate` only checks that a schema-engine binary exists before generating (generation
// itself runs in Wasm); without one it tries to download it, which this network forbids.
// Point it at any existing file unless the operator has a real engine configured.
const env = { ...process.env };
if (!env.PRISMA_SCHEMA_ENGINE_BINARY) env.PRISMA_SCHEMA_ENGINE_BINARY = process.execPath;
env.PRISMA_HIDE_UPDATE_MESSAGE = "1";
const prismaCli = join(root, "node_modules/prisma/build/index.js");
if (!existsSync(prismaCli)) throw new Error("prisma CLI not installed: run npm install");

for (const [name, schema] of Object.entries(variants)) {
  const file = join(buildDir, `${name}.prisma`);
  writeFileSync(file, schema);
  execFileSync(process.execPath, [prismaCli, "generate", "--no-hints", "--schema", file], {
    cwd: root,
    env,
    stdio: ["ignore", "ignore", "inherit"],
  });
}
console.log(`Prisma clients generated (${Object.keys(variants).join(", ")})`);

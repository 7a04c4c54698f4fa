import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { root } from "../support/fixtures.ts";

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith(".ts") ? [join(dir, e.name)] : [],
  );
}

const FORBIDDEN =
  /^(grammy|@grammyjs\/|axios|@prisma\/|pg$|better-sqlite3|node:(fs|http|https|net|child_process))/;

describe("src/domain is pure", () => {
  it("imports nothing but itself, zod and its JSON rulebooks", () => {
    const domain = join(root, "src/domain");
    const offences: string[] = [];
    for (const file of files(domain)) {
      const source = readFileSync(file, "utf8");
      for (const [, spec] of source.matchAll(/(?:import|export)[^"']*?from\s+["']([^"']+)["']/g)) {
        const escapes = spec!.startsWith(".") && relative(domain, join(file, "..", spec!)).startsWith("..");
        if (escapes || FORBIDDEN.test(spec!)) offences.push(`${relative(root, file)} → ${spec}`);
      }
    }
    expect(offences).toEqual([]);
  });
});

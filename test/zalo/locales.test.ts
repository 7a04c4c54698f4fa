import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import vi from "../../locales/vi.json" with { type: "json" };
import { root } from "../support/fixtures.ts";
import { keys } from "./support.ts";

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith(".ts") ? [join(dir, e.name)] : [],
  );
}

describe("Zalo texts", () => {
  it("word every zalo.* key the adapters use", () => {
    const known = new Set(keys({ zalo: vi.zalo }));
    const used = ["zalo-bot", "zalo-oa", "zalo-shared"].flatMap((dir) =>
      sources(join(root, "src/bot", dir)).flatMap((file) =>
        [...readFileSync(file, "utf8").matchAll(/"(zalo\.[a-z_.]+)"/g)].map((m) => m[1]!),
      ),
    );
    expect(used.length).toBeGreaterThan(0);
    expect(used.filter((k) => !known.has(k))).toEqual([]);
  });
});

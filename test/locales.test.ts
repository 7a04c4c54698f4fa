import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import en from "../locales/en.json" with { type: "json" };
import vi from "../locales/vi.json" with { type: "json" };
import { root } from "./support/fixtures.ts";

const keys = (o: object, prefix = ""): string[] =>
  Object.entries(o).flatMap(([k, v]) =>
    v && typeof v === "object" ? keys(v, `${prefix}${k}.`) : [`${prefix}${k}`],
  );

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith(".ts") ? [join(dir, e.name)] : [],
  );
}

describe("locales", () => {
  it("vi.json and en.json have exactly the same keys", () => {
    expect(keys(en).sort()).toEqual(keys(vi).sort());
  });

  it("has every key the code asks for", () => {
    // i18next plural forms (key_one, key_other) answer for the bare key.
    const known = new Set(keys(vi).flatMap((k) => [k, k.replace(/_(one|other)$/, "")]));
    const missing: string[] = [];
    for (const file of sources(join(root, "src"))) {
      const source = readFileSync(file, "utf8");
      for (const [, key] of source.matchAll(/\bt\("([a-z_]+(?:\.[a-z_0-9]+)+)"/g))
        if (!known.has(key!)) missing.push(`${key} (${file})`);
    }
    expect(missing).toEqual([]);
  });

  it("words every problem code the domain can report", () => {
    const known = new Set(keys(vi));
    const codes = new Set<string>();
    for (const file of sources(join(root, "src/domain"))) {
      for (const [, code] of readFileSync(file, "utf8").matchAll(/code: "([a-z_]+)"/g)) codes.add(code!);
    }
    const refusals = [
      "wrong_status",
      "not_owner",
      "not_allowed",
      "reason_required",
      "not_eligible",
      "not_forwarded",
      "cycle_closed",
      "top_tier",
      "quorum_not_reached",
    ];
    const orgImport = [...codes].filter((c) => c.startsWith("org_"));
    // A file's problems are worded in their own section, with what is allowed.
    const files = [...codes].filter((c) => c.startsWith("file_"));
    expect(files.filter((c) => !known.has(`files_policy.${c}`))).toEqual([]);
    const unworded = [...codes].filter(
      (c) =>
        c !== "custom" &&
        !refusals.includes(c) &&
        !orgImport.includes(c) &&
        !files.includes(c) &&
        !known.has(`problem.${c}`),
    );
    expect(unworded).toEqual([]);
  });
});

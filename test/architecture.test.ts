import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { root } from "./support/fixtures.ts";

/**
 * The shape of the code (DESIGN §3): dependencies point inwards — bot → application → dialogs →
 * domain, storage beside them and injected — and no module imports itself back through others.
 */

const SRC = join(root, "src");

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (name === "generated") return [];
    if (statSync(path).isDirectory()) return sources(path);
    return path.endsWith(".ts") || path.endsWith(".tsx") ? [path] : [];
  });
}

/** Every relative import of a module (type-only ones too: a circle of types is still a circle). */
function importsOf(file: string): string[] {
  const text = readFileSync(file, "utf8");
  const specs = [...text.matchAll(/(?:from\s+|import\s*\(\s*|import\s+)["'](\.{1,2}\/[^"']+)["']/g)].map(
    (m) => m[1]!,
  );
  return specs.filter((s) => s.endsWith(".ts") || s.endsWith(".tsx")).map((s) => resolve(dirname(file), s));
}

const files = sources(SRC);
const graph = new Map(files.map((f) => [f, importsOf(f)]));

/** The layer of a module: its first folder under src, or "root" for the composition files. */
function layerOf(file: string): string {
  const parts = relative(SRC, file).split("/");
  return parts.length === 1 ? "root" : parts[0]!;
}

/** Which layers each layer may import (besides itself). */
const ALLOWED: Record<string, string[]> = {
  domain: [],
  dialogs: ["domain"],
  application: ["dialogs", "domain"],
  storage: ["domain"],
  bot: ["application", "dialogs", "domain"],
  web: ["bot", "application", "dialogs", "domain"],
  cli: ["root", "bot", "application", "dialogs", "domain", "storage", "web"],
  root: ["bot", "application", "dialogs", "domain", "storage", "web", "cli"],
};

describe("architecture", () => {
  it("knows every folder under src", () => {
    const unknown = [...new Set(files.map(layerOf))].filter((layer) => !(layer in ALLOWED));
    expect(unknown).toEqual([]);
  });

  it("points every import inwards", () => {
    const wrong: string[] = [];
    for (const [file, targets] of graph) {
      const from = layerOf(file);
      for (const target of targets) {
        const to = layerOf(target);
        if (to !== from && !ALLOWED[from]!.includes(to))
          wrong.push(`${relative(SRC, file)} → ${relative(SRC, target)}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it("has no import circle", () => {
    // Tarjan's strongly connected components: any component of more than one module is a circle.
    let index = 0;
    const indices = new Map<string, number>();
    const low = new Map<string, number>();
    const stack: string[] = [];
    const onStack = new Set<string>();
    const circles: string[][] = [];
    const visit = (v: string) => {
      indices.set(v, index);
      low.set(v, index++);
      stack.push(v);
      onStack.add(v);
      for (const w of graph.get(v) ?? []) {
        if (!graph.has(w)) continue;
        if (!indices.has(w)) {
          visit(w);
          low.set(v, Math.min(low.get(v)!, low.get(w)!));
        } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, indices.get(w)!));
      }
      if (low.get(v) === indices.get(v)) {
        const component: string[] = [];
        let w: string;
        do {
          w = stack.pop()!;
          onStack.delete(w);
          component.push(relative(SRC, w));
        } while (w !== v);
        if (component.length > 1) circles.push(component.sort());
      }
    };
    for (const file of files) if (!indices.has(file)) visit(file);
    expect(circles).toEqual([]);
  });

  it("keeps the dialogs free of I/O and platforms", () => {
    const outside = files
      .filter((f) => layerOf(f) === "dialogs")
      .flatMap((f) =>
        [...readFileSync(f, "utf8").matchAll(/from\s+["']([^."'][^"']*)["']/g)].map(
          (m) => `${relative(SRC, f)} imports ${m[1]}`,
        ),
      );
    expect(outside).toEqual([]);
  });
});

import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, extname, join } from "node:path";
import type { Handler } from "hono";

const TYPES: Record<string, string> = {
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".woff2": "font/woff2",
  ".ttf": "font/ttf",
  ".ico": "image/x-icon",
};

/** The kit's own assets (its stylesheet): every site serves them under `<prefix>/static/`. */
export const KIT_STATIC = join(import.meta.dirname, "static");
/**
 * The pages' typeface, DejaVu Sans from the `dejavu-fonts-ttf` package, served with the pages:
 * Vietnamese diacritics never depend on the machine's fonts.
 */
export const KIT_FONTS = join(
  dirname(createRequire(import.meta.url).resolve("dejavu-fonts-ttf/ttf/DejaVuSans.ttf")),
);
const FONT_FILES = new Set(["DejaVuSans.ttf", "DejaVuSans-Bold.ttf"]);

interface Asset {
  body: Uint8Array;
  type: string;
  etag: string;
}

/** The files of some folders, read once at start-up (later folders win on a name). */
function loadAssets(dirs: readonly string[]): Map<string, Asset> {
  const assets = new Map<string, Asset>();
  for (const dir of dirs)
    for (const name of readdirSync(dir)) {
      const type = TYPES[extname(name)];
      if (!type || (dir === KIT_FONTS && !FONT_FILES.has(name))) continue;
      const body = new Uint8Array(readFileSync(join(dir, name)));
      const etag = `"${createHash("sha256").update(body).digest("base64url").slice(0, 16)}"`;
      assets.set(name, { body, type, etag });
    }
  return assets;
}

/**
 * Static assets served by the app itself (a deployment may have no CDN): `GET …/static/:name`
 * from the kit's folder and the site's own, revalidated by ETag.
 */
export function staticAssets(dirs: readonly string[] = [KIT_STATIC, KIT_FONTS]): Handler {
  const assets = loadAssets(dirs);
  return (c) => {
    const asset = assets.get(c.req.param("name") ?? "");
    if (!asset) return c.notFound();
    c.header("Cache-Control", "public, max-age=3600, must-revalidate");
    c.header("ETag", asset.etag);
    if (c.req.header("If-None-Match") === asset.etag) return c.body(null, 304);
    c.header("Content-Type", asset.type);
    return c.body(asset.body as Uint8Array<ArrayBuffer>);
  };
}

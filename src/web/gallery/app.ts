import { join } from "node:path";
import type { Context } from "hono";
import { html, raw } from "hono/html";
import { galleryUrl } from "../../application/services/gallery.ts";
import { codeOfSlug, SEARCH_COUNT_CAP } from "../../domain/gallery.ts";
import { createSiteApp, errorPage, type KitEnv, page } from "../kit/index.ts";
import type { SiteDeps } from "../site.ts";
import { modelHead, modelPage, searchPage, statisticsPage } from "./pages.ts";
import { parseSearch, toQuery } from "./query.ts";

export const GALLERY_PREFIX = "/mo-hinh";
/** A sitemap lists at most this many addresses (the protocol's limit). */
const SITEMAP_LIMIT = 50_000;

const stylesheet = (base: string) => `<link rel="stylesheet" href="${base}/static/gallery.css">`;

/**
 * The public gallery under /mo-hinh: search with filters, a page per published model (its code
 * the address), the statistics, the sitemap and the photos marked public — fetched through the
 * channel they came from, so no platform token reaches a browser. Anything not published is 404.
 */
export function createGallery(deps: SiteDeps) {
  const app = createSiteApp<KitEnv>({
    prefix: GALLERY_PREFIX,
    translator: deps.translator,
    logger: deps.logger,
    secure: deps.publicUrl?.startsWith("https:") ?? false,
    staticDirs: [join(import.meta.dirname, "static")],
  });
  const absolute = (c: Context<KitEnv>, path: string) =>
    deps.publicUrl
      ? galleryUrl(deps.publicUrl, path)
      : `${new URL(c.req.url).origin}${GALLERY_PREFIX}${path}`;
  const head = (c: Context<KitEnv>) => raw(stylesheet(c.var.base));

  app.get("/", async (c) => {
    const form = parseSearch(c.req.query());
    const [result, facets] = await Promise.all([
      deps.store.gallery.search(toQuery(form)),
      deps.store.gallery.facets(),
    ]);
    const tr = c.var.tr;
    return page(c, {
      title: tr("gallery_web.title"),
      head: head(c),
      body: searchPage({
        tr,
        base: c.var.base,
        form,
        facets,
        items: result.items,
        total: result.total,
        capped: form.q !== undefined && result.total >= SEARCH_COUNT_CAP,
      }),
    });
  });

  app.get("/thong-ke", async (c) => {
    const tr = c.var.tr;
    return page(c, {
      title: tr("gallery_web.stats_title"),
      head: head(c),
      body: statisticsPage(await deps.store.gallery.statistics(), tr, c.var.base),
    });
  });

  app.get("/sitemap.xml", async (c) => c.body(await sitemapXml(deps, (p) => absolute(c, p)), 200, XML));

  app.get("/anh/:slug/:n", async (c) => {
    const code = codeOfSlug(c.req.param("slug"));
    const n = Number(c.req.param("n"));
    const entry = code ? await deps.store.gallery.byCode(code) : null;
    const photo = entry && Number.isInteger(n) && n >= 1 ? entry.photos[n - 1] : undefined;
    if (!photo) return errorPage(c, 404, "not_found");
    const adapter = deps.adapters.find((a) => a.channel === photo.channel);
    const got = adapter?.download ? await adapter.download(photo.ref).catch(() => null) : null;
    const type = photo.mime ?? got?.mime ?? "";
    if (!got || !/^image\/(jpeg|png|webp|gif)$/.test(type)) return errorPage(c, 404, "not_found");
    c.header("Content-Type", type);
    c.header("Cache-Control", "public, max-age=3600");
    return c.body(got.data as Uint8Array<ArrayBuffer>);
  });

  app.get("/:slug", async (c) => {
    const code = codeOfSlug(c.req.param("slug"));
    const entry = code ? await deps.store.gallery.byCode(code) : null;
    if (!entry) return errorPage(c, 404, "not_found");
    const tr = c.var.tr;
    const url = absolute(c, `/${entry.slug}`);
    const image = entry.photos.length ? absolute(c, `/anh/${entry.slug}/1`) : null;
    c.header("Cache-Control", "public, max-age=300");
    return page(c, {
      title: entry.name,
      head: html`${head(c)}${modelHead(entry, tr, url, image)}`,
      body: modelPage(entry, tr, c.var.base),
    });
  });

  return app;
}

const XML = { "Content-Type": "application/xml; charset=utf-8" };

const escapeXml = (s: string) => s.replace(/[<>&'"]/g, (ch) => `&#${ch.charCodeAt(0)};`);

/** Every published model's page, the search and the statistics; nothing unpublished. */
export async function sitemapXml(
  deps: Pick<SiteDeps, "store">,
  url: (path: string) => string,
): Promise<string> {
  const codes = await deps.store.gallery.codes(SITEMAP_LIMIT - 2);
  const entries = [
    `<url><loc>${escapeXml(url(""))}</loc></url>`,
    `<url><loc>${escapeXml(url("/thong-ke"))}</loc></url>`,
    ...codes.map(
      (c) =>
        `<url><loc>${escapeXml(url(`/${c.code.toLowerCase()}`))}</loc><lastmod>${c.updatedAt.toISOString().slice(0, 10)}</lastmod></url>`,
    ),
  ];
  return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${entries.join("\n")}\n</urlset>\n`;
}

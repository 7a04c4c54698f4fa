import { galleryUrl } from "../../application/services/gallery.ts";
import type { Site } from "../site.ts";
import { createGallery, GALLERY_PREFIX, sitemapXml } from "./app.ts";

/** The public gallery of recognised models under /mo-hinh (issue 17). */
export const gallery: Site = {
  name: "gallery",
  create: (deps) => {
    const app = createGallery(deps);
    return { prefix: GALLERY_PREFIX, fetch: (request, env) => app.fetch(request, env) };
  },
};

/** /sitemap.xml at the server's root, for search engines: the gallery's pages. */
export const sitemap: Site = {
  name: "sitemap",
  create: (deps) => ({
    prefix: "/sitemap.xml",
    fetch: async (request) => {
      const origin = new URL(request.url).origin;
      const body = await sitemapXml(deps, (path) =>
        deps.publicUrl ? galleryUrl(deps.publicUrl, path) : `${origin}${GALLERY_PREFIX}${path}`,
      );
      return new Response(body, { headers: { "Content-Type": "application/xml; charset=utf-8" } });
    },
  }),
};

import { html } from "hono/html";
import { createSiteApp, type KitEnv, page } from "../kit/index.ts";
import type { SiteDeps } from "../site.ts";

export function createWorkspace(deps: SiteDeps) {
  const secure = deps.publicUrl?.startsWith("https:") ?? false;
  const app = createSiteApp<KitEnv>({
    prefix: "/app",
    translator: deps.translator,
    logger: deps.logger,
    secure,
    frameAncestors: ["'self'", "https://web.telegram.org", "https://*.telegram.org"],
  });
  app.get("/", (c) => {
    const tr = c.var.tr;
    return page(c, {
      title: tr("web.signin.title"),
      body: html`<section class="card"><h1>${tr("web.signin.title")}</h1><p>${tr("web.signin.how")}</p></section>`,
    });
  });
  return app;
}

import { join } from "node:path";
import { Hono } from "hono";
import { createSiteApp } from "../kit/index.ts";
import type { SiteDeps } from "../site.ts";
import { detailRoutes } from "./detail.ts";
import { WORKSPACE_PREFIX } from "./paths.ts";
import { queueRoutes } from "./queue.ts";
import { reportRoutes } from "./report.ts";
import { requireCsrf, requireOfficer, type SessionDeps, type WorkspaceEnv } from "./session.ts";
import { signInRoutes } from "./signin.ts";
import { withheldRoutes } from "./withheld.ts";

/** The workspace's Hono app: sign-in (link, Mini App), then pages for signed-in officers only. */
export function createWorkspace(deps: SiteDeps) {
  const secure = deps.publicUrl?.startsWith("https:") ?? false;
  const app = createSiteApp<WorkspaceEnv>({
    prefix: WORKSPACE_PREFIX,
    translator: deps.translator,
    logger: deps.logger,
    secure,
    staticDirs: [join(import.meta.dirname, "static")],
    // Telegram's web clients show the Mini App in a frame.
    frameAncestors: ["'self'", "https://web.telegram.org", "https://*.telegram.org"],
  });
  const session: SessionDeps = { store: deps.store, clock: deps.clock, secure, prefix: WORKSPACE_PREFIX };
  const telegram = deps.miniApps.find((m) => m.channel === "telegram");
  signInRoutes(app, { ...session, ...(telegram ? { telegramBotToken: telegram.key } : {}) });
  // Everything below needs a session, and every POST its CSRF token.
  const officer = new Hono<WorkspaceEnv>({ strict: false });
  officer.use(requireOfficer(session), requireCsrf());
  queueRoutes(officer, deps);
  detailRoutes(officer, deps);
  withheldRoutes(officer, deps);
  reportRoutes(officer, deps);
  app.route("/", officer);
  return app;
}

import { html } from "hono/html";
import { describe, expect, it } from "vitest";
import { createTranslator } from "../../src/application/i18n.ts";
import { createLogger } from "../../src/application/logger.ts";
import { createSiteApp, errorPage, page } from "../../src/web/kit/index.ts";
import { threeTier } from "../support/fixtures.ts";

const translator = createTranslator(threeTier);
const logger = createLogger("silent");

function site() {
  const app = createSiteApp({ prefix: "/demo", translator, logger });
  app.get("/", (c) => page(c, { title: c.var.tr("web.signin.title"), body: html`<p>${"<b>ok</b>"}</p>` }));
  app.get("/gone", (c) => errorPage(c, 410, "not_found"));
  app.get("/boom", () => {
    throw new Error("boom");
  });
  return (path: string, init: RequestInit = {}) => app.fetch(new Request(`http://x${path}`, init));
}

describe("web kit", () => {
  it("wraps a page in the shell: language, viewport, title, stylesheet, escaped values, language switch", async () => {
    const res = await site()("/demo/");
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).toMatch(/^<!doctype html>\s*<html lang="vi">/);
    expect(text).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
    expect(text).toContain("<title>Không gian làm việc của cán bộ · DVK — Dân vận khéo</title>");
    expect(text).toContain('href="/demo/static/kit.css"');
    expect(text).toContain("&lt;b&gt;ok&lt;/b&gt;");
    expect(text).toContain('href="/demo/?lang=en"');
    expect(text).not.toMatch(/<script>/);
  });

  it("switches to English with ?lang=en, remembers it in a cookie, and follows the browser otherwise", async () => {
    const fetch = site();
    const en = await fetch("/demo/?lang=en");
    expect(await en.text()).toContain('<html lang="en">');
    const cookie = en.headers.get("set-cookie")!;
    expect(cookie).toMatch(/^lang=en;/);
    expect(cookie).toContain("HttpOnly");
    const again = await fetch("/demo/", { headers: { cookie: "lang=en" } });
    expect(await again.text()).toContain("The officers&#39; workspace");
    const browser = await fetch("/demo/", { headers: { "accept-language": "en-GB,en;q=0.9" } });
    expect(await browser.text()).toContain('<html lang="en">');
  });

  it("sends the security headers on every answer", async () => {
    for (const path of ["/demo/", "/demo/nothing", "/demo/static/kit.css"]) {
      const res = await site()(path);
      const csp = res.headers.get("content-security-policy")!;
      expect(csp).toContain("default-src 'none'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toContain("unsafe-inline");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(res.headers.get("x-content-type-options")).toBe("nosniff");
      expect(res.headers.get("referrer-policy")).toBe("no-referrer");
    }
  });

  it("serves its own stylesheet, revalidated by ETag", async () => {
    const fetch = site();
    const css = await fetch("/demo/static/kit.css");
    expect(css.status).toBe(200);
    expect(css.headers.get("content-type")).toBe("text/css; charset=utf-8");
    expect(await css.text()).toContain("--accent");
    const etag = css.headers.get("etag")!;
    expect((await fetch("/demo/static/kit.css", { headers: { "if-none-match": etag } })).status).toBe(304);
    expect((await fetch("/demo/static/..%2Fshell.ts")).status).toBe(404);
  });

  it("answers a missing page, an error page and a failure as pages", async () => {
    const fetch = site();
    const missing = await fetch("/demo/nothing");
    expect(missing.status).toBe(404);
    expect(await missing.text()).toContain("<h1>Không tìm thấy trang</h1>");
    expect((await fetch("/demo/gone")).status).toBe(410);
    const boom = await fetch("/demo/boom");
    expect(boom.status).toBe(500);
    expect(await boom.text()).toContain("<h1>Đã có lỗi</h1>");
  });
});

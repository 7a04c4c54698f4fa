import { type Context, Hono } from "hono";
import { getCookie, setCookie } from "hono/cookie";
import { html } from "hono/html";
import type { Translator } from "../../application/i18n.ts";
import type { Logger } from "../../application/logger.ts";
import type { MountEnv } from "../../bot/http/server.ts";
import type { Language } from "../../domain/types.ts";
import { fromAcceptLanguage, isLanguage, type Texts, textsFor } from "./i18n.ts";
import { type SecurityOptions, securityHeaders } from "./security.ts";
import { type Html, type ShellInput, shell } from "./shell.ts";
import { KIT_FONTS, KIT_STATIC, staticAssets } from "./static.ts";

/** What every page handler finds on its context. */
export interface KitVariables {
  lang: Language;
  tr: Texts;
  /** The site's path prefix. */
  base: string;
}

/** What the HTTP server tells a page of its request (MountEnv): the client's address. */
export type KitBindings = MountEnv;

export type KitEnv = { Variables: KitVariables; Bindings: KitBindings };

export interface SiteAppOptions extends SecurityOptions {
  prefix: string;
  translator: Translator;
  logger: Logger;
  /** Folders of the site's own static files, beside the kit's. */
  staticDirs?: string[];
  /** Whether the PUBLIC_URL is https: cookies get the Secure flag. */
  secure?: boolean;
}

const LANG_COOKIE = "lang";

/** The page shell around a body, from the context's language and site. */
export function page<E extends KitEnv>(
  c: Context<E>,
  input: Pick<ShellInput, "title" | "body" | "header" | "scripts" | "head">,
  status = 200,
) {
  const url = new URL(c.req.url);
  return c.html(
    shell({
      ...input,
      lang: c.var.lang,
      tr: c.var.tr,
      base: c.var.base,
      url: `${url.pathname}${url.search}`,
    }),
    status as 200,
  );
}

/** An error as a page (a 404, a refused link, a 403): a title, one sentence, and a way back. */
export function errorPage<E extends KitEnv>(
  c: Context<E>,
  status: number,
  key: string,
  options: {
    params?: Record<string, string | number | boolean | undefined>;
    header?: Html;
    back?: string;
  } = {},
) {
  const tr = c.var.tr;
  return page(
    c,
    {
      title: tr(`web.errors.${key}.title`),
      body: html`<section class="error">
<h1>${tr(`web.errors.${key}.title`)}</h1>
<p>${tr(`web.errors.${key}.text`, options.params)}</p>
<p><a href="${options.back ?? c.var.base}">${tr("web.errors.back")}</a></p>
</section>`,
      ...(options.header ? { header: options.header } : {}),
    },
    status,
  );
}

/**
 * A site's Hono app under its prefix with what every site needs: security headers, the page's
 * language (`?lang=` remembered in a cookie, else the browser's), the static assets, and 404 and
 * 500 as pages (an error is logged without the request's query: it may carry a token).
 */
export function createSiteApp<E extends KitEnv = KitEnv>(options: SiteAppOptions): Hono<E> {
  const app = new Hono<E>({ strict: false }).basePath(options.prefix);
  app.use(securityHeaders(options));
  app.use(async (c, next) => {
    const asked = c.req.query("lang");
    let lang: Language;
    if (isLanguage(asked)) {
      lang = asked;
      setCookie(c, LANG_COOKIE, asked, {
        path: "/",
        sameSite: "Lax",
        httpOnly: true,
        secure: options.secure ?? false,
        maxAge: 365 * 86_400,
      });
    } else {
      const kept = getCookie(c, LANG_COOKIE);
      lang = isLanguage(kept) ? kept : fromAcceptLanguage(c.req.header("Accept-Language"));
    }
    c.set("lang", lang);
    c.set("tr", textsFor(options.translator, lang));
    c.set("base", options.prefix);
    await next();
  });
  app.get("/static/:name", staticAssets([KIT_STATIC, KIT_FONTS, ...(options.staticDirs ?? [])]));
  app.notFound((c) => errorPage(c as unknown as Context<KitEnv>, 404, "not_found"));
  app.onError((error, c) => {
    options.logger.error("web page failed", { path: new URL(c.req.url).pathname, error });
    return errorPage(c as unknown as Context<KitEnv>, 500, "internal");
  });
  return app;
}

import { html } from "hono/html";
import type { HtmlEscapedString } from "hono/utils/html";
import type { Language } from "../../domain/types.ts";
import type { Texts } from "./i18n.ts";

/** What the page templates return: HTML whose interpolated values are already escaped. */
export type Html = HtmlEscapedString | Promise<HtmlEscapedString>;

export interface ShellInput {
  lang: Language;
  tr: Texts;
  /** The site's path prefix (`/app`, `/mo-hinh`): its stylesheet and scripts are below it. */
  base: string;
  title: string;
  body: Html;
  /** The page's own URL (path and query): the language switch links to it in the other language. */
  url: string;
  /** The site's header beside the title (a user's name and sign-out). */
  header?: Html;
  /** Scripts of the site's static folder (no inline script: the CSP forbids it). */
  scripts?: string[];
  /** More of the head: a site's stylesheet, a page's description and Open Graph tags. */
  head?: Html;
}

/** The same page in another language: its URL with `lang` set. */
export function withLanguage(url: string, lang: Language): string {
  const u = new URL(url, "http://x");
  u.searchParams.set("lang", lang);
  return `${u.pathname}${u.search}`;
}

/** The page shell every site shares: language, viewport, title, the kit's stylesheet, the language switch. */
export function shell(input: ShellInput): Html {
  const { lang, tr, base } = input;
  const other: Language = lang === "vi" ? "en" : "vi";
  return html`<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${input.title} · ${tr("web.site_name")}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="${base}/static/kit.css">
${(input.scripts ?? []).map((s) => html`<script src="${base}/static/${s}" defer></script>`)}
${input.head ?? ""}
</head>
<body>
<header class="top">
<a class="brand" href="${base}">${tr("web.site_name")}</a>
<nav class="top-nav">${input.header ?? ""}
<a class="lang" href="${withLanguage(input.url, other)}" hreflang="${other}" lang="${other}">${tr(`web.language.${other}`)}</a>
</nav>
</header>
<main>
${input.body}
</main>
</body>
</html>`;
}

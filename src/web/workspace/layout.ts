import type { Context } from "hono";
import { html } from "hono/html";
import { type Html, page } from "../kit/index.ts";
import type { WorkspaceEnv } from "./session.ts";

/** A hidden field with the session's CSRF token: in every form of the workspace. */
export function csrfField(c: Context<WorkspaceEnv>): Html {
  return html`<input type="hidden" name="_csrf" value="${c.var.officer.csrf}">`;
}

/** The signed-in header: the officer's name, the pages, sign-out. */
function officerHeader(c: Context<WorkspaceEnv>): Html {
  const { tr, base, officer } = c.var;
  return html`<a href="${base}/queue">${tr("web.nav.queue")}</a>
<a href="${base}/report">${tr("web.nav.report")}</a>
<span class="muted-light">${officer.displayName}</span>
<form method="post" action="${base}/signout">${csrfField(c)}<button type="submit">${tr("web.nav.signout")}</button></form>`;
}

/** A page of the signed-in workspace. */
export function officerPage(c: Context<WorkspaceEnv>, title: string, body: Html, status = 200) {
  return page(c, { title, body, header: officerHeader(c) }, status);
}

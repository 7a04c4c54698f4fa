import { parse, validate } from "@telegram-apps/init-data-node";
import type { Context, Hono } from "hono";
import { html } from "hono/html";
import { z } from "zod";
import { hashWebToken } from "../../application/services/web-signin.ts";
import type { RateRule } from "../../domain/ports.ts";
import { errorPage, page } from "../kit/index.ts";
import {
  endSession,
  officerOf,
  type SessionDeps,
  servingMemberships,
  startSession,
  type WorkspaceEnv,
} from "./session.ts";

/** Sign-in attempts per client (links and Mini App alike): a few at once, then one every 30 s. */
export const SIGN_IN_RATE: RateRule = { perSecond: 1 / 30, burst: 10 };
/** The Mini App's initData is accepted for an hour after Telegram signed it. */
export const INIT_DATA_MAX_AGE_S = 3600;

export interface SignInDeps extends SessionDeps {
  /** The Telegram bot's token (its initData is signed with it); no Mini App without it. */
  telegramBotToken?: string;
}

const signInForm = z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{20,100}$/) });
const miniAppForm = z.object({ initData: z.string().min(1).max(4096), next: z.string().max(200).optional() });

/** Where to go after signing in: a page of the workspace, nothing else. */
function safeNext(prefix: string, next: string | undefined): string {
  return next && new RegExp(`^${prefix}/[A-Za-z0-9/_-]*$`).test(next) ? next : `${prefix}/queue`;
}

/**
 * The client, for the attempts' limit: the address the server read from the socket and the
 * trusted proxies' hops (TRUST_PROXY), never a header the client wrote itself.
 */
function clientKey(c: Context<WorkspaceEnv>): string {
  return `web-signin:${c.env.clientAddress}`;
}

/**
 * A sign-in posted from another site (which would sign the victim in as someone else) is refused:
 * browsers say where a POST comes from, and before any session there is no CSRF token yet.
 */
function foreign(c: Context): boolean {
  // With "Referrer-Policy: no-referrer" a browser's Origin may be "null": its Sec-Fetch-Site says.
  const origin = c.req.header("origin");
  const site = c.req.header("sec-fetch-site");
  return (
    (origin !== undefined && origin !== "null" && origin !== new URL(c.req.url).origin) ||
    (site !== undefined && site !== "same-origin" && site !== "none")
  );
}

async function allowed(c: Context<WorkspaceEnv>, deps: SignInDeps): Promise<boolean> {
  return (await deps.store.rateLimits.take(clientKey(c), deps.clock(), SIGN_IN_RATE)) === "allowed";
}

/** The person behind a Mini App's initData, when it is Telegram's, fresh, and theirs. */
async function miniAppPerson(deps: SignInDeps, initData: string): Promise<string | null> {
  if (!deps.telegramBotToken) return null;
  try {
    // Telegram's signature, checked here; its age against our clock (which tests and demos set).
    validate(initData, deps.telegramBotToken, { expiresIn: 0 });
    const data = parse(initData);
    const age = deps.clock().getTime() - data.auth_date.getTime();
    if (age > INIT_DATA_MAX_AGE_S * 1000 || age < -300_000 || !data.user) return null;
    return deps.store.people.personOf("telegram", String(data.user.id));
  } catch {
    return null;
  }
}

export function signInRoutes(app: Hono<WorkspaceEnv>, deps: SignInDeps): void {
  const { prefix } = deps;

  app.get("/", async (c) => {
    if (await officerOf(c, deps)) return c.redirect(`${prefix}/queue`, 303);
    const tr = c.var.tr;
    return page(c, {
      title: tr("web.signin.title"),
      body: html`<section class="card"><h1>${tr("web.signin.title")}</h1><p>${tr("web.signin.how")}</p></section>`,
    });
  });

  // The link's page: a preview or a prefetch of it spends nothing; the person's click does.
  app.get("/signin", (c) => {
    const tr = c.var.tr;
    return page(c, {
      title: tr("web.signin.title"),
      scripts: ["signin.js"],
      body: html`<section class="card"><h1>${tr("web.signin.title")}</h1>
<p>${tr("web.signin.confirm")}</p>
<form method="post" action="${prefix}/signin">
<input type="hidden" name="token" id="token" value="">
<button type="submit">${tr("web.signin.button")}</button>
</form></section>`,
    });
  });

  app.post("/signin", async (c) => {
    if (foreign(c)) return errorPage(c, 403, "csrf");
    if (!(await allowed(c, deps))) return errorPage(c, 429, "too_many");
    const form = signInForm.safeParse(await c.req.parseBody());
    if (!form.success) return errorPage(c, 400, "link_unknown");
    const result = await deps.store.web.redeemSignIn(hashWebToken(form.data.token), deps.clock());
    if (!result.ok) return errorPage(c, result.reason === "unknown" ? 400 : 410, `link_${result.reason}`);
    if (servingMemberships(await deps.store.memberships.ofPerson(result.personId)).length === 0)
      return errorPage(c, 403, "no_role");
    await startSession(c, deps, result.personId, "link");
    return c.redirect(`${prefix}/queue`, 303);
  });

  // Opened by Telegram (the menu button, a message's button) with initData in the fragment.
  app.get("/miniapp", (c) => {
    const tr = c.var.tr;
    return page(c, {
      title: tr("web.signin.title"),
      scripts: ["miniapp.js"],
      body: html`<section class="card">
<form id="miniapp" action="${prefix}/auth/telegram" data-next="${safeNext(prefix, c.req.query("next"))}"></form>
<p id="miniapp-status" data-failed="${tr("web.signin.miniapp_failed")}">${tr("web.signin.miniapp_wait")}</p>
</section>`,
    });
  });

  app.post("/auth/telegram", async (c) => {
    if (foreign(c)) return c.json({ error: "foreign origin" }, 403);
    if (!(await allowed(c, deps))) return c.json({ error: "too many attempts" }, 429);
    const form = miniAppForm.safeParse(await c.req.parseBody());
    const personId = form.success ? await miniAppPerson(deps, form.data.initData) : null;
    if (!personId) return c.json({ error: "invalid init data" }, 401);
    if (servingMemberships(await deps.store.memberships.ofPerson(personId)).length === 0)
      return c.json({ error: "no role" }, 403);
    await startSession(c, deps, personId, "telegram");
    return c.json({ next: safeNext(prefix, form.data?.next) });
  });

  app.post("/signout", async (c) => {
    const officer = await officerOf(c, deps);
    const form = await c.req.parseBody();
    if (!officer || form._csrf !== officer.csrf) return errorPage(c, 403, "csrf");
    await endSession(c, deps);
    return c.redirect(prefix, 303);
  });
}

import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import type { Context, MiddlewareHandler } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import {
  SESSION_ABSOLUTE_MS as ABSOLUTE_MS,
  SESSION_IDLE_MS as IDLE_MS,
} from "../../application/services/web-signin.ts";
import type { Store, WebSession } from "../../domain/ports.ts";
import type { Membership, PersonId } from "../../domain/types.ts";
import { errorPage, type KitBindings, type KitVariables } from "../kit/index.ts";

/** The session cookie: HttpOnly, SameSite=Lax, Secure behind https, only for the workspace's paths. */
export const SESSION_COOKIE = "dvk_session";

/** Activity is written at most this often (a page view is then one read). */
const TOUCH_MS = 60_000;

/** Who is signed in, as every page and action sees them: roles exactly as in chat (memberships). */
export interface Officer {
  personId: PersonId;
  displayName: string;
  memberships: Membership[];
  csrf: string;
  sessionHash: string;
}

export type WorkspaceEnv = { Variables: KitVariables & { officer: Officer }; Bindings: KitBindings };

export function hashSessionId(id: string): string {
  return createHash("sha256").update(`session:${id}`).digest("hex");
}

export interface SessionDeps {
  store: Store;
  clock: () => Date;
  secure: boolean;
  prefix: string;
}

/** The memberships that serve a body's queue or read its reports (admin alone is not enough). */
export function servingMemberships(memberships: Membership[]): Membership[] {
  return memberships.filter((m) => m.role !== "admin");
}

/** Starts a session for a person and sets its cookie; the id exists only in the cookie. */
export async function startSession(
  c: Context,
  deps: SessionDeps,
  personId: PersonId,
  via: WebSession["via"],
): Promise<void> {
  const id = randomBytes(32).toString("base64url");
  const now = deps.clock();
  await deps.store.web.createSession({
    idHash: hashSessionId(id),
    personId,
    csrf: randomBytes(24).toString("base64url"),
    via,
    createdAt: now,
    lastSeenAt: now,
    expiresAt: new Date(now.getTime() + ABSOLUTE_MS),
  });
  setCookie(c, SESSION_COOKIE, id, {
    path: deps.prefix,
    httpOnly: true,
    sameSite: "Lax",
    secure: deps.secure,
    maxAge: ABSOLUTE_MS / 1000,
  });
}

export async function endSession(c: Context, deps: SessionDeps): Promise<void> {
  const id = getCookie(c, SESSION_COOKIE);
  if (id) await deps.store.web.endSession(hashSessionId(id));
  deleteCookie(c, SESSION_COOKIE, { path: deps.prefix, secure: deps.secure });
}

/** The officer of the request's session, or null (no cookie, unknown, idle or past its end, no role left). */
export async function officerOf(c: Context, deps: SessionDeps): Promise<Officer | null> {
  const id = getCookie(c, SESSION_COOKIE);
  if (!id || id.length > 100) return null;
  const idHash = hashSessionId(id);
  const session = await deps.store.web.session(idHash);
  if (!session) return null;
  const now = deps.clock();
  if (session.expiresAt <= now || now.getTime() - session.lastSeenAt.getTime() > IDLE_MS) {
    await deps.store.web.endSession(idHash);
    return null;
  }
  const [person, memberships] = await Promise.all([
    deps.store.people.get(session.personId),
    deps.store.memberships.ofPerson(session.personId),
  ]);
  // A membership revoked (or the person erased) ends the session at its next request.
  if (!person || person.erasedAt || servingMemberships(memberships).length === 0) {
    await deps.store.web.endSession(idHash);
    return null;
  }
  if (now.getTime() - session.lastSeenAt.getTime() > TOUCH_MS) await deps.store.web.touch(idHash, now);
  return {
    personId: person.id,
    displayName: person.displayName,
    memberships,
    csrf: session.csrf,
    sessionHash: idHash,
  };
}

/** Pages and actions of signed-in officers only; anyone else gets the sign-in page with a 401. */
export function requireOfficer(deps: SessionDeps): MiddlewareHandler<WorkspaceEnv> {
  return async (c, next) => {
    const officer = await officerOf(c, deps);
    if (!officer) return errorPage(c, 401, "signed_out");
    c.set("officer", officer);
    await next();
  };
}

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Every form of a session carries its CSRF token: a POST without it (or with another) is refused with 403. */
export function requireCsrf(): MiddlewareHandler<WorkspaceEnv> {
  return async (c, next) => {
    if (c.req.method !== "POST") return next();
    const form = await c.req.parseBody();
    const token = typeof form._csrf === "string" ? form._csrf : "";
    if (!sameToken(token, c.var.officer.csrf)) return errorPage(c, 403, "csrf");
    await next();
  };
}

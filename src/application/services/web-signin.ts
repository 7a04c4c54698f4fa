import { createHash, randomBytes } from "node:crypto";
import type { Repositories } from "../../domain/ports.ts";
import type { PersonId } from "../../domain/types.ts";

/**
 * The officers' workspace in a browser (`/web` in chat): a one-time sign-in link, stored hashed,
 * valid 10 minutes, single use. The token rides in the link's fragment (`/app/signin#<token>`),
 * which browsers never send to a server: it stays out of proxies' logs and link previews.
 */

export const SIGN_IN_MINUTES = 10;
/** A workspace session unused this long ends. */
export const SESSION_IDLE_MS = 2 * 3_600_000;
/** A workspace session ends this long after sign-in, however active. */
export const SESSION_ABSOLUTE_MS = 12 * 3_600_000;
export const WORKSPACE_PATH = "/app";

export function hashWebToken(token: string): string {
  return createHash("sha256").update(`web:${token}`).digest("hex");
}

/** A random token (32 bytes) in the URL-safe alphabet. */
export function newWebToken(): string {
  return randomBytes(32).toString("base64url");
}

/** The workspace's address below PUBLIC_URL (whatever path PUBLIC_URL has). */
export function workspaceUrl(publicUrl: string, path = ""): string {
  return `${publicUrl.replace(/\/+$/, "")}${WORKSPACE_PATH}${path}`;
}

/** A sign-in link for a person: the absolute URL, and how long it lives. */
export async function createSignInLink(
  repos: Pick<Repositories, "web">,
  personId: PersonId,
  publicUrl: string,
  now: Date,
): Promise<{ url: string; minutes: number }> {
  const token = newWebToken();
  await repos.web.createSignIn({
    tokenHash: hashWebToken(token),
    personId,
    expiresAt: new Date(now.getTime() + SIGN_IN_MINUTES * 60_000),
    now,
  });
  return { url: workspaceUrl(publicUrl, `/signin#${token}`), minutes: SIGN_IN_MINUTES };
}

import type { MiddlewareHandler } from "hono";

export interface SecurityOptions {
  /**
   * Who may show the pages in a frame: nobody by default; the workspace lets Telegram's web
   * clients show it as a Mini App.
   */
  frameAncestors?: string[];
}

/**
 * The usual headers on every answer: a Content-Security-Policy that allows only the app's own
 * scripts, styles and images (no inline script, no CDN), no MIME sniffing, no referrer (a sign-in
 * link's token must not leak to another site), and pages never cached by shared caches.
 */
export function securityHeaders(options: SecurityOptions = {}): MiddlewareHandler {
  const ancestors = options.frameAncestors?.length ? options.frameAncestors.join(" ") : "'none'";
  const csp = [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data: blob:",
    "connect-src 'self'",
    "font-src 'self'",
    "form-action 'self'",
    "base-uri 'none'",
    `frame-ancestors ${ancestors}`,
  ].join("; ");
  return async (c, next) => {
    await next();
    c.header("Content-Security-Policy", csp);
    c.header("X-Content-Type-Options", "nosniff");
    c.header("Referrer-Policy", "no-referrer");
    c.header("Cross-Origin-Opener-Policy", "same-origin");
    c.header("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
    if (!options.frameAncestors?.length) c.header("X-Frame-Options", "DENY");
    if (!c.res.headers.has("Cache-Control")) c.header("Cache-Control", "no-store");
  };
}

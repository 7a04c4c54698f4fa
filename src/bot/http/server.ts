import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { Logger } from "../../application/logger.ts";
import { clientAddress, NO_PROXY, type TrustProxy } from "./client-address.ts";
import { guardConnections } from "./connections.ts";

/**
 * The one HTTP server (DESIGN §4): webhooks of every channel, /healthz and /readyz. Each route
 * gets the raw body bytes (signatures are computed over them) and answers with a status.
 */
export interface HttpRequest {
  method: string;
  path: string;
  headers: IncomingMessage["headers"];
  rawBody: Buffer;
  /** The client's address, as TRUST_PROXY says to read it (for logs). */
  client: string;
}

export interface HttpResponse {
  status: number;
  body?: unknown;
}

export interface Route {
  method: "GET" | "POST";
  path: string;
  handle(request: HttpRequest): Promise<HttpResponse>;
}

/**
 * A web application under a path prefix (the officers' workspace, the public gallery): a fetch
 * handler in the WHATWG shape (Hono's `app.fetch`), given every request at or below its prefix.
 */
export interface Mount {
  prefix: string;
  fetch(request: Request, env: MountEnv): Response | Promise<Response>;
}

/** What the server knows of a request beyond its bytes, handed to a mount (Hono's `c.env`). */
export interface MountEnv {
  /** The client's address, as TRUST_PROXY says to read it: rate limits and logs count by it. */
  clientAddress: string;
}

export const MAX_BODY_BYTES = 1_000_000;

/** The edge's limits: slow or idle clients are cut off, and only so many connections are held. */
export const LIMITS = {
  /** The request's headers must all arrive within this (a client trickling them a byte at a time). */
  headersTimeoutMs: 10_000,
  /** The whole request (headers and body) must arrive within this. */
  requestTimeoutMs: 30_000,
  /** An idle kept-alive connection is closed after this. */
  keepAliveTimeoutMs: 5_000,
  /** A connection that sends nothing for this long (from its start, or halfway) is closed. */
  idleTimeoutMs: 6_000,
  /** Connections held at once; past it the oldest waiting one is closed for the newcomer. */
  maxConnections: 1024,
  /** How often the header and request timeouts are checked. */
  checkEveryMs: 1_000,
};

/** HSTS for a site served over https: browsers go there only by https for a year. */
export const HSTS = "max-age=31536000; includeSubDomains";

/**
 * The body, or null when it is over MAX_BODY_BYTES. An oversized body is read to its end (and
 * dropped) so the client gets its 413 instead of a reset connection.
 */
function readBody(req: IncomingMessage): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    req.on("end", () => resolve(size > MAX_BODY_BYTES ? null : Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

export interface HttpServerOptions {
  host: string;
  port: number;
  routes: Route[];
  mounts?: Mount[];
  /** PUBLIC_URL's origin: the address mounts see in their request URLs (behind a proxy). */
  publicOrigin?: string;
  /** Whether the service can take traffic (database reachable, channels started). */
  ready: () => Promise<boolean>;
  logger: Logger;
  /** The proxies in front of the server whose X-Forwarded-For hops are believed; none by default. */
  trustProxy?: TrustProxy;
  /** LIMITS, changed (tests of the limits themselves). */
  limits?: Partial<typeof LIMITS>;
}

/** A node request as a WHATWG Request for a mount, and its Response written back (cookies kept apart). */
async function answerFetch(
  mount: Mount,
  req: IncomingMessage,
  rawBody: Buffer,
  res: ServerResponse,
  publicOrigin: string | undefined,
  env: MountEnv,
  extra: Record<string, string>,
): Promise<void> {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    for (const one of Array.isArray(value) ? value : [value]) headers.append(name, one);
  }
  const origin = publicOrigin ?? `http://${req.headers.host ?? "localhost"}`;
  const method = req.method ?? "GET";
  const request = new Request(new URL(req.url ?? "/", origin), {
    method,
    headers,
    ...(method === "GET" || method === "HEAD" ? {} : { body: new Uint8Array(rawBody) }),
  });
  const response = await mount.fetch(request, env);
  const out: Record<string, string | string[]> = { ...extra };
  response.headers.forEach((value, name) => {
    if (name !== "set-cookie") out[name] = value;
  });
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) out["set-cookie"] = cookies;
  const body = method === "HEAD" ? Buffer.alloc(0) : Buffer.from(await response.arrayBuffer());
  res.writeHead(response.status, out);
  res.end(body);
}

export async function startHttpServer(
  options: HttpServerOptions,
): Promise<{ server: Server; url: string; close(): Promise<void> }> {
  const routes = [
    ...options.routes,
    {
      method: "GET",
      path: "/healthz",
      handle: async () => ({ status: 200, body: { ok: true } }),
    } satisfies Route,
    {
      method: "GET",
      path: "/readyz",
      handle: async () =>
        (await options.ready().catch(() => false))
          ? { status: 200, body: { ready: true } }
          : { status: 503, body: { ready: false } },
    } satisfies Route,
  ];
  const trust = options.trustProxy ?? NO_PROXY;
  const limits = { ...LIMITS, ...options.limits };
  // Over https (PUBLIC_URL), every answer tells the browser to come back by https only.
  const always: Record<string, string> = options.publicOrigin?.startsWith("https://")
    ? { "strict-transport-security": HSTS }
    : {};
  const server = createServer({ connectionsCheckingInterval: limits.checkEveryMs }, async (req, res) => {
    const path = (req.url ?? "/").split("?")[0]!;
    const client = clientAddress(req.socket.remoteAddress, req.headers["x-forwarded-for"], trust);
    const route = routes.find((r) => r.path === path);
    const mount = route
      ? undefined
      : options.mounts?.find((m) => path === m.prefix || path.startsWith(`${m.prefix}/`));
    const send = (status: number, body: unknown = {}, headers: Record<string, string> = {}) => {
      if (res.headersSent) return;
      res.writeHead(status, { "content-type": "application/json", ...always, ...headers });
      res.end(JSON.stringify(body));
    };
    if (!route && !mount) return send(404, { error: "not found" });
    if (route && req.method !== route.method) return send(405, { error: "method not allowed" });
    // Announced too large: refused before a byte of it is read.
    if (Number(req.headers["content-length"] ?? 0) > MAX_BODY_BYTES) {
      req.resume();
      return send(413, { error: "payload too large" }, { connection: "close" });
    }
    try {
      const rawBody = await readBody(req);
      if (rawBody === null) return send(413, { error: "payload too large" }, { connection: "close" });
      // The request is in: from here the server is working, and the idle timeout waits for it.
      connections.working(req.socket, new Promise((done) => res.once("close", done)));
      if (mount)
        return await answerFetch(
          mount,
          req,
          rawBody,
          res,
          options.publicOrigin,
          { clientAddress: client },
          always,
        );
      const response = await route!.handle({
        method: req.method!,
        path,
        headers: req.headers,
        rawBody,
        client,
      });
      send(response.status, response.body ?? {});
    } catch (error) {
      options.logger.error("http handler failed", { path, client, error });
      send(500, { error: "internal error" });
    }
  });
  server.headersTimeout = limits.headersTimeoutMs;
  server.requestTimeout = limits.requestTimeoutMs;
  server.keepAliveTimeout = limits.keepAliveTimeoutMs;
  const connections = guardConnections(server, {
    idleMs: limits.idleTimeoutMs,
    maxConnections: limits.maxConnections,
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : options.port;
  return {
    server,
    url: `http://${options.host}:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      }),
  };
}

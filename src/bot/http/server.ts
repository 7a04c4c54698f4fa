import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { Logger } from "../../application/logger.ts";

/**
 * The one HTTP server (DESIGN §4): webhooks of every channel, /healthz and /readyz. Each route
 * gets the raw body bytes (signatures are computed over them) and answers with a status.
 */
export interface HttpRequest {
  method: string;
  path: string;
  headers: IncomingMessage["headers"];
  rawBody: Buffer;
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
  fetch(request: Request): Response | Promise<Response>;
}

export const MAX_BODY_BYTES = 1_000_000;

/** The edge's limits: slow or idle clients are cut off, and only so many connections are held. */
export const LIMITS = {
  /** The request's headers must all arrive within this. */
  headersTimeoutMs: 10_000,
  /** The whole request (headers and body) must arrive within this. */
  requestTimeoutMs: 30_000,
  /** An idle kept-alive connection is closed after this. */
  keepAliveTimeoutMs: 5_000,
  /** Connections held at once; more are refused until some close. */
  maxConnections: 1024,
  /** How often the timeouts above are checked. */
  checkEveryMs: 1_000,
};

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
}

/** A node request as a WHATWG Request for a mount, and its Response written back (cookies kept apart). */
async function answerFetch(
  mount: Mount,
  req: IncomingMessage,
  rawBody: Buffer,
  res: ServerResponse,
  publicOrigin: string | undefined,
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
  const response = await mount.fetch(request);
  const out: Record<string, string | string[]> = {};
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
  const server = createServer({ connectionsCheckingInterval: LIMITS.checkEveryMs }, async (req, res) => {
    const path = (req.url ?? "/").split("?")[0]!;
    const route = routes.find((r) => r.path === path);
    const mount = route
      ? undefined
      : options.mounts?.find((m) => path === m.prefix || path.startsWith(`${m.prefix}/`));
    const send = (status: number, body: unknown = {}, headers: Record<string, string> = {}) => {
      if (res.headersSent) return;
      res.writeHead(status, { "content-type": "application/json", ...headers });
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
      if (mount) return await answerFetch(mount, req, rawBody, res, options.publicOrigin);
      const response = await route!.handle({ method: req.method!, path, headers: req.headers, rawBody });
      send(response.status, response.body ?? {});
    } catch (error) {
      options.logger.error("http handler failed", { path, error });
      send(500, { error: "internal error" });
    }
  });
  server.headersTimeout = LIMITS.headersTimeoutMs;
  server.requestTimeout = LIMITS.requestTimeoutMs;
  server.keepAliveTimeout = LIMITS.keepAliveTimeoutMs;
  server.maxConnections = LIMITS.maxConnections;
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

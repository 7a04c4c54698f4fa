import { createServer, type IncomingMessage, type Server } from "node:http";
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
  /** Whether the service can take traffic (database reachable, channels started). */
  ready: () => Promise<boolean>;
  logger: Logger;
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
    const send = (status: number, body: unknown = {}, headers: Record<string, string> = {}) => {
      if (res.headersSent) return;
      res.writeHead(status, { "content-type": "application/json", ...headers });
      res.end(JSON.stringify(body));
    };
    if (!route) return send(404, { error: "not found" });
    if (req.method !== route.method) return send(405, { error: "method not allowed" });
    // Announced too large: refused before a byte of it is read.
    if (Number(req.headers["content-length"] ?? 0) > MAX_BODY_BYTES) {
      req.resume();
      return send(413, { error: "payload too large" }, { connection: "close" });
    }
    try {
      const rawBody = await readBody(req);
      if (rawBody === null) return send(413, { error: "payload too large" }, { connection: "close" });
      const response = await route.handle({ method: req.method, path, headers: req.headers, rawBody });
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

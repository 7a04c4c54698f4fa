import { connect, type Socket } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { parseTrustProxy } from "../../src/bot/http/client-address.ts";
import {
  HSTS,
  type HttpServerOptions,
  LIMITS,
  MAX_BODY_BYTES,
  startHttpServer,
} from "../../src/bot/http/server.ts";
import { silent } from "../support/serving.ts";

describe("the HTTP edge", () => {
  let close: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await close?.();
  });

  async function server(extra: Partial<HttpServerOptions> = {}) {
    let received = 0;
    let slow = Promise.resolve();
    const s = await startHttpServer({
      ...extra,
      host: "127.0.0.1",
      port: 0,
      routes: [
        {
          method: "POST",
          path: "/webhooks/test",
          handle: async (r) => {
            received += r.rawBody.length;
            return { status: 200, body: { ok: true } };
          },
        },
        {
          method: "GET",
          path: "/slow",
          handle: async () => {
            await slow;
            return { status: 200, body: { ok: true } };
          },
        },
      ],
      mounts: [
        {
          prefix: "/app",
          fetch: async (request, env) => {
            const url = new URL(request.url);
            const headers = new Headers({ "content-type": "text/plain; charset=utf-8" });
            headers.append("set-cookie", "a=1; HttpOnly");
            headers.append("set-cookie", "b=2; HttpOnly");
            if (url.pathname === "/app/client") return new Response(env.clientAddress);
            const text = `${request.method} ${url.pathname}${url.search} ${request.headers.get("cookie") ?? ""} ${request.method === "POST" ? await request.text() : ""}`;
            return new Response(text, { status: url.pathname === "/app/missing" ? 404 : 200, headers });
          },
        },
      ],
      ready: async () => true,
      logger: silent,
    });
    close = s.close;
    return {
      url: s.url,
      port: Number(new URL(s.url).port),
      received: () => received,
      /** Holds /slow's answer until the promise resolves. */
      holdSlow: (until: Promise<void>) => {
        slow = until;
      },
    };
  }

  /** Opens a raw connection; `closedAt` resolves with the milliseconds it stayed open once connected. */
  function open(port: number) {
    let connected = Date.now();
    const socket = connect(port, "127.0.0.1", () => {
      connected = Date.now();
    });
    socket.on("error", () => {});
    const closedAt = new Promise<number>((resolve) =>
      socket.on("close", () => resolve(Date.now() - connected)),
    );
    return { socket, closedAt };
  }

  it("closes a connection that sends nothing, or stops halfway, within 10 s, and answers /healthz within a second while 1,100 silent ones are held", async () => {
    const s = await server();
    const silent = Array.from({ length: 1_100 }, () => open(s.port));
    const stalled = Array.from({ length: 50 }, () => open(s.port));
    for (const { socket } of stalled) socket.write("GET /healthz HTTP/1.1\r\nHo");
    try {
      await new Promise((resolve) => setTimeout(resolve, 500));
      for (let i = 0; i < 3; i++) {
        const t0 = Date.now();
        expect((await fetch(`${s.url}/healthz`)).status).toBe(200);
        expect(Date.now() - t0).toBeLessThan(1000);
      }
      const lifetimes = await Promise.all([...silent, ...stalled].map((c) => c.closedAt));
      expect(Math.max(...lifetimes)).toBeLessThanOrEqual(10_000);
    } finally {
      for (const { socket } of [...silent, ...stalled]) socket.destroy();
    }
  }, 30_000);

  it("never cuts a connection whose request is being answered, however long the answer takes", async () => {
    const s = await server({ limits: { idleTimeoutMs: 300 } });
    let release = () => {};
    s.holdSlow(new Promise((resolve) => (release = resolve)));
    const answer = fetch(`${s.url}/slow`);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    release();
    expect((await answer).status).toBe(200);
    // An idle one is cut at that limit.
    expect(await open(s.port).closedAt).toBeLessThan(1_000);
  });

  it("at the connection cap, closes the oldest waiting connection for a newcomer", async () => {
    const s = await server({ limits: { maxConnections: 20 } });
    const held = Array.from({ length: 20 }, () => open(s.port));
    try {
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect((await fetch(`${s.url}/healthz`)).status).toBe(200);
      // The first one opened made room; the others are still held.
      const within = (c: { closedAt: Promise<number> }) =>
        Promise.race([c.closedAt.then(() => true), new Promise((r) => setTimeout(() => r(false), 500))]);
      expect(await within(held[0]!)).toBe(true);
      expect(await within(held[19]!)).toBe(false);
    } finally {
      for (const { socket } of held) socket.destroy();
    }
  });

  it("sends HSTS on every answer when PUBLIC_URL is https, and none over http", async () => {
    const secure = await server({ publicOrigin: "https://dvk.example.gov.vn" });
    for (const path of ["/healthz", "/app/queue", "/nowhere"])
      expect((await fetch(`${secure.url}${path}`)).headers.get("strict-transport-security")).toBe(HSTS);
    await close?.();
    const plain = await server({ publicOrigin: "http://127.0.0.1" });
    expect((await fetch(`${plain.url}/healthz`)).headers.get("strict-transport-security")).toBeNull();
    expect((await fetch(`${plain.url}/app/queue`)).headers.get("strict-transport-security")).toBeNull();
  });

  it("tells a mount the client's address: the socket's, or what the trusted proxies appended", async () => {
    const direct = await server();
    const spoofed = { "x-forwarded-for": "203.0.113.7" };
    expect(await (await fetch(`${direct.url}/app/client`, { headers: spoofed })).text()).toBe("127.0.0.1");
    await close?.();
    const proxied = await server({ trustProxy: parseTrustProxy("1") });
    // The client wrote the first hop; our proxy appended the address it saw.
    const appended = { "x-forwarded-for": "203.0.113.7, 198.51.100.20" };
    expect(await (await fetch(`${proxied.url}/app/client`, { headers: appended })).text()).toBe(
      "198.51.100.20",
    );
  });

  it("answers an oversized body 413, announced or streamed, and takes the next request", async () => {
    const s = await server();
    const big = "x".repeat(MAX_BODY_BYTES + 1);
    const announced = await fetch(`${s.url}/webhooks/test`, { method: "POST", body: big });
    expect(announced.status).toBe(413);
    const streamed = await fetch(`${s.url}/webhooks/test`, {
      method: "POST",
      body: new ReadableStream({
        start(controller) {
          for (let i = 0; i < 3; i++) controller.enqueue(new TextEncoder().encode(big.slice(0, 600_000)));
          controller.close();
        },
      }),
      duplex: "half",
    } as RequestInit);
    expect(streamed.status).toBe(413);
    expect(s.received()).toBe(0);
    expect((await fetch(`${s.url}/webhooks/test`, { method: "POST", body: "{}" })).status).toBe(200);
  });

  it("cuts off connections that trickle their headers, and stays healthy meanwhile", async () => {
    const s = await server();
    const sockets: Socket[] = [];
    const closed: number[] = [];
    const started = Date.now();
    for (let i = 0; i < 300; i++) {
      const socket = connect(s.port, "127.0.0.1");
      socket.on("error", () => {});
      socket.on("close", () => closed.push(Date.now() - started));
      socket.write("POST /webhooks/test HTTP/1.1\r\nHost: x\r\n");
      sockets.push(socket);
    }
    // One header byte a second: never a whole request.
    const trickle = setInterval(() => {
      for (const socket of sockets) if (!socket.destroyed) socket.write("X");
    }, 1000);
    try {
      const t0 = Date.now();
      expect((await fetch(`${s.url}/healthz`)).status).toBe(200);
      expect(Date.now() - t0).toBeLessThan(1000);
      const limit = LIMITS.headersTimeoutMs + 2 * LIMITS.checkEveryMs + 2000;
      while (closed.length < sockets.length && Date.now() - started < limit)
        await new Promise((r) => setTimeout(r, 200));
      expect(closed.length).toBe(sockets.length);
      expect(Math.max(...closed)).toBeLessThan(limit);
    } finally {
      clearInterval(trickle);
      for (const socket of sockets) socket.destroy();
    }
  }, 30_000);

  it("hands a mount every request under its prefix, with the body, and writes every cookie back", async () => {
    const s = await server();
    const get = await fetch(`${s.url}/app/queue?page=2`, { headers: { cookie: "sid=x" } });
    expect(get.status).toBe(200);
    expect(await get.text()).toBe("GET /app/queue?page=2 sid=x ");
    expect(get.headers.getSetCookie()).toEqual(["a=1; HttpOnly", "b=2; HttpOnly"]);
    const post = await fetch(`${s.url}/app`, { method: "POST", body: "decision=accept" });
    expect(await post.text()).toBe("POST /app  decision=accept");
    expect((await fetch(`${s.url}/app/missing`)).status).toBe(404);
    // Only the prefix itself or a path below it: "/apple" is not the app's.
    expect((await fetch(`${s.url}/apple`)).status).toBe(404);
    expect((await fetch(`${s.url}/webhooks/test`, { method: "POST", body: "{}" })).status).toBe(200);
  });
});

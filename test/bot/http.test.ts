import { connect, type Socket } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { LIMITS, MAX_BODY_BYTES, startHttpServer } from "../../src/bot/http/server.ts";
import { silent } from "../support/serving.ts";

describe("the HTTP edge", () => {
  let close: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await close?.();
  });

  async function server() {
    let received = 0;
    const s = await startHttpServer({
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
      ],
      mounts: [
        {
          prefix: "/app",
          fetch: async (request) => {
            const url = new URL(request.url);
            const headers = new Headers({ "content-type": "text/plain; charset=utf-8" });
            headers.append("set-cookie", "a=1; HttpOnly");
            headers.append("set-cookie", "b=2; HttpOnly");
            const text = `${request.method} ${url.pathname}${url.search} ${request.headers.get("cookie") ?? ""} ${request.method === "POST" ? await request.text() : ""}`;
            return new Response(text, { status: url.pathname === "/app/missing" ? 404 : 200, headers });
          },
        },
      ],
      ready: async () => true,
      logger: silent,
    });
    close = s.close;
    return { url: s.url, port: Number(new URL(s.url).port), received: () => received };
  }

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

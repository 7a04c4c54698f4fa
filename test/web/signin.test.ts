import { sign } from "@telegram-apps/init-data-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "../../src/application/logger.ts";
import { databaseKinds } from "../storage/databases.ts";
import { useApp } from "../support/app.ts";
import type { TelegramUser } from "../support/telegram-driver.ts";
import { startWorkspace, WebClient, type Workspace } from "./support.ts";

describe.each(databaseKinds)("workspace sign-in on $provider", (kind) => {
  const app = useApp(kind);
  let w: Workspace;
  let officer: TelegramUser;
  beforeAll(async () => {
    w = await startWorkspace(app());
    officer = await w.join(5001, "Lan", "NB-TP-NN", "officer");
  });
  afterAll(() => w.close());

  it("/web answers a one-time link; it signs in once, with a session cookie; a second use is refused with a page", async () => {
    const link = await w.signInLink(officer);
    expect(link).toMatch(new RegExp(`^${w.publicUrl}/app/signin#[A-Za-z0-9_-]{43}$`));
    expect(officer.last().text).toContain("dùng một lần, hết hạn sau 10 phút");
    const token = new URL(link).hash.slice(1);
    const client = new WebClient(w.publicUrl);
    // The link's page spends nothing (a preview fetches it); the token is not even sent to it.
    const landing = await client.get("/app/signin");
    expect(landing.status).toBe(200);
    expect(await landing.text()).toContain('src="/app/static/signin.js"');
    // Posted from another site: refused, and the link still works.
    const foreign = await client.fetch("/app/signin", {
      method: "POST",
      headers: { origin: "https://evil.example" },
      body: new URLSearchParams({ token }),
    });
    expect(foreign.status).toBe(403);
    const signedIn = await client.post("/app/signin", { token });
    expect(signedIn.status).toBe(303);
    expect(signedIn.headers.get("location")).toBe("/app/queue");
    const cookie = signedIn.headers.getSetCookie().find((c) => c.startsWith("dvk_session="))!;
    expect(cookie).toContain("HttpOnly");
    expect(cookie).toContain("SameSite=Lax");
    expect(cookie).toContain("Path=/app");
    expect(cookie).not.toContain("Secure");
    // The token is stored hashed only.
    expect(JSON.stringify(await app().store.web.redeemSignIn(token, app().clock()))).toContain("unknown");
    const queue = await client.get("/app/queue");
    expect(queue.status).toBe(200);
    expect(await queue.text()).toContain("<h1>Hàng đợi hồ sơ</h1>");

    const again = await new WebClient(w.publicUrl).post("/app/signin", { token });
    expect(again.status).toBe(410);
    expect(await again.text()).toContain("Đường dẫn đã được dùng");
  });

  it("refuses an expired link with a page that says so", async () => {
    const token = new URL(await w.signInLink(officer)).hash.slice(1);
    const a = app();
    const start = a.clock();
    a.clock.set(new Date(start.getTime() + 11 * 60_000));
    try {
      const res = await new WebClient(w.publicUrl).post("/app/signin", { token });
      expect(res.status).toBe(410);
      expect(await res.text()).toContain("Đường dẫn đã hết hạn");
    } finally {
      a.clock.set(start);
    }
  });

  it("gives no link to someone without a role", async () => {
    const { TelegramUser } = await import("../support/telegram-driver.ts");
    const citizen = new TelegramUser(w.fake, { id: 6001, first_name: "An" });
    await citizen.say("/web");
    expect(citizen.last().text).not.toContain("/app/signin");
  });

  it("asks to sign in without a session, ends an idle one, and signs out", async () => {
    expect((await new WebClient(w.publicUrl).get("/app/queue")).status).toBe(401);
    const a = app();
    const start = a.clock();
    const client = await w.signIn(officer);
    expect((await client.get("/app/queue")).status).toBe(200);
    a.clock.set(new Date(start.getTime() + 2 * 3_600_000 + 60_000));
    try {
      const idle = await client.get("/app/queue");
      expect(idle.status).toBe(401);
      expect(await idle.text()).toContain("Cần đăng nhập");
    } finally {
      a.clock.set(start);
    }
    const again = await w.signIn(officer);
    const page = await (await again.get("/app/queue")).text();
    const out = await again.post("/app/signout", { _csrf: WebClient.csrfOf(page) });
    expect(out.status).toBe(303);
    expect((await again.get("/app/queue")).status).toBe(401);
  });

  it("ends a session at its absolute end however active it is", async () => {
    const a = app();
    const start = a.clock();
    const client = await w.signIn(officer);
    try {
      for (let hour = 1; hour <= 11; hour++) {
        a.clock.set(new Date(start.getTime() + hour * 3_600_000));
        expect((await client.get("/app/queue")).status).toBe(200);
      }
      a.clock.set(new Date(start.getTime() + 12 * 3_600_000 + 1000));
      expect((await client.get("/app/queue")).status).toBe(401);
    } finally {
      a.clock.set(start);
    }
  });

  it("refuses a POST without the CSRF token with 403", async () => {
    const client = await w.signIn(officer);
    const res = await client.post("/app/queue", { status: "all" });
    expect(res.status).toBe(403);
    expect(await res.text()).toContain("Yêu cầu không hợp lệ");
    expect((await client.post("/app/queue", { status: "all", _csrf: "x".repeat(32) })).status).toBe(403);
    const page = await (await client.get("/app/queue")).text();
    expect((await client.post("/app/queue", { status: "all", _csrf: WebClient.csrfOf(page) })).status).toBe(
      200,
    );
  });

  it("verifies the Mini App's initData: forged or stale → 401, Telegram's own → a session", async () => {
    const a = app();
    const initData = (token: string, at: Date) => sign({ user: { id: 5001, first_name: "Lan" } }, token, at);
    const post = (client: WebClient, data: string) => client.post("/app/auth/telegram", { initData: data });
    expect(
      (await post(new WebClient(w.publicUrl), initData("123456:forged-token-of-another-bot", a.clock())))
        .status,
    ).toBe(401);
    const stale = new Date(a.clock().getTime() - 3_601_000);
    expect((await post(new WebClient(w.publicUrl), initData(w.fake.token, stale))).status).toBe(401);
    const tampered = initData(w.fake.token, a.clock()).replace("5001", "5002");
    expect((await post(new WebClient(w.publicUrl), tampered)).status).toBe(401);
    const client = new WebClient(w.publicUrl);
    const res = await post(client, initData(w.fake.token, a.clock()));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ next: "/app/queue" });
    expect((await client.get("/app/queue")).status).toBe(200);
    // A Telegram user without a role gets no session.
    const nobody = sign({ user: { id: 6001, first_name: "An" } }, w.fake.token, a.clock());
    expect((await post(new WebClient(w.publicUrl), nobody)).status).not.toBe(200);
  });

  it("limits sign-in attempts per client: a made-up X-Forwarded-For picks no new bucket, a trusted proxy's hop does", async () => {
    const attempts = async (client: WebClient, forwardedFor: (i: number) => string, n = 12) => {
      const statuses: number[] = [];
      for (let i = 0; i < n; i++)
        statuses.push(
          (
            await client.fetch("/app/signin", {
              method: "POST",
              headers: { "x-forwarded-for": forwardedFor(i) },
              body: new URLSearchParams({ token: `not-a-real-token-${i}-xxxxxxxxxx` }),
            })
          ).status,
        );
      return statuses;
    };
    // An hour later, when the earlier tests' sign-ins from this address are long refilled.
    const a = app();
    a.clock.set(new Date(a.clock().getTime() + 3_600_000));
    // No TRUST_PROXY: the socket's address counts, whatever the client writes.
    const direct = await attempts(new WebClient(w.publicUrl), (i) => `203.0.113.${i}`);
    expect(direct.slice(0, 10).every((s) => s === 400)).toBe(true);
    expect(direct.slice(10)).toEqual([429, 429]);

    // Behind one trusted proxy: the hop it appended counts, not what the client wrote before it.
    const proxied = await startWorkspace(app(), { TRUST_PROXY: "1" });
    try {
      const client = new WebClient(proxied.publicUrl);
      const first = await attempts(client, (i) => `10.9.9.${i}, 198.51.100.1`);
      expect(first.slice(10)).toEqual([429, 429]);
      // Another client behind the same proxy has its own bucket.
      expect(await attempts(client, () => "198.51.100.2", 1)).toEqual([400]);
    } finally {
      await proxied.close();
    }
  });

  it("never writes a sign-in link's token to the logs", () => {
    const lines: string[] = [];
    const logger = createLogger("debug", (line) => lines.push(line));
    logger.info("sent", { text: "Đường dẫn:\nhttp://x/app/signin#AbC_dEf-0123456789abcdefghijklmnopqrstuv" });
    expect(lines.join("")).not.toContain("AbC_dEf");
  });
});

import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { migrate, openStore } from "../../src/storage/index.ts";
import { BotProcess, freePort } from "../support/bot-process.ts";
import { testCipher } from "../support/data-key.ts";
import { type FakeTelegram, startFakeTelegram } from "../support/fake-telegram.ts";
import { TcpProxy } from "../support/tcp-proxy.ts";
import { TelegramUser } from "../support/telegram-driver.ts";

const dir = mkdtempSync(join(tmpdir(), "dvk-outage-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const SECRET = "outage-webhook-secret-outage-webhook-secret";
const OUTAGE_MS = 45_000;

/** A database that can go away: SQLite held by another connection's lock, PostgreSQL behind a cut proxy. */
interface Outage {
  url: string;
  begin(): Promise<void>;
  end(): Promise<void>;
  close(): Promise<void>;
}

async function sqliteOutage(name: string): Promise<Outage> {
  const file = join(dir, `${name}.db`);
  await migrate(`file:${file}`);
  let lock: Database.Database | undefined;
  return {
    url: `file:${file}`,
    async begin() {
      lock = new Database(file);
      lock.exec("BEGIN EXCLUSIVE");
    },
    async end() {
      lock?.exec("COMMIT");
      lock?.close();
      lock = undefined;
    },
    async close() {
      lock?.close();
    },
  };
}

async function postgresOutage(server: string, name: string): Promise<Outage> {
  const target = new URL(server);
  const proxy = await TcpProxy.start(target.hostname, Number(target.port || 5432));
  const url = new URL(server);
  url.port = String(proxy.port);
  url.searchParams.set("schema", `outage_${name}_${randomBytes(4).toString("hex")}`);
  return {
    url: url.toString(),
    begin: () => proxy.cut(),
    end: () => proxy.restore(),
    close: () => proxy.close(),
  };
}

/** The outage tests for one database, in polling and in webhook mode. */
export function outageTests(db: "sqlite" | "postgres"): void {
  const make =
    db === "sqlite" ? sqliteOutage : (name: string) => postgresOutage(process.env.TEST_DATABASE_URL!, name);
  const cases = (["polling", "webhook"] as const).map((mode) => [db, mode, make] as const);
  describe.each(cases)("a 45 s database outage mid-registration (%s, %s)", (db, mode, make) => {
    let fake: FakeTelegram | undefined;
    let bot: BotProcess | undefined;
    let outage: Outage | undefined;
    afterEach(async () => {
      await outage?.end().catch(() => {});
      await bot?.stop();
      await fake?.close();
      await outage?.close();
    });

    it("loses no answer and leaves the dialog at the right step", async () => {
      outage = await make(`${db}-${mode}`);
      fake = await startFakeTelegram();
      const port = await freePort();
      bot = BotProcess.start({
        DATABASE_URL: outage.url,
        TELEGRAM_BOT_TOKEN: fake.token,
        TELEGRAM_API_ROOT: fake.url,
        TELEGRAM_MODE: mode,
        HTTP_PORT: String(port),
        DVK_NOW: "2026-03-10T09:00:00+07:00",
        ...(mode === "webhook"
          ? { TELEGRAM_WEBHOOK_SECRET: SECRET, PUBLIC_URL: `http://127.0.0.1:${port}` }
          : {}),
      });
      await bot.waitFor("http server listening");
      const user = new TelegramUser(fake, { id: 7301, first_name: "Hà" });
      await user.say("/dangky");
      await user.press("Kinh tế");
      expect(user.last().text).toContain("Câu 2/27");

      await outage.begin();
      const asked = fake.mark();
      // The answer to question 2, sent while the database is away: acknowledged only once stored.
      await user.press("Một tập thể", { expectReply: false }).catch(() => {});
      await new Promise((r) => setTimeout(r, OUTAGE_MS));
      expect(user.last().text).toContain("Câu 2/27");
      await outage.end();

      await fake.waitFor(() => user.messages().some((m) => m.text?.includes("Câu 3/27")), 60_000);
      expect(
        fake
          .calls()
          .slice(asked)
          .some((c) => c.method === "sendMessage" && c.status === 200),
      ).toBe(true);
      await user.press("Chi bộ");
      expect(user.last().text).toContain("Câu 4/27");

      const store = await openStore(outage.url, { cipher: testCipher() });
      try {
        const session = await store.dialogs.load("telegram", "7301");
        const flow = (session!.state as { flow: { step: string; draft: Record<string, unknown> } }).flow;
        expect(flow.step).toBe("location");
        expect(flow.draft).toMatchObject({
          field: "economy",
          registrantKind: "collective",
          unitCategory: "party_cell",
        });
      } finally {
        await store.close();
      }
      expect(bot.exitCode).toBeNull();
    }, 180_000);
  });
}

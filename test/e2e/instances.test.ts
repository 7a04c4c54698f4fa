import { randomBytes } from "node:crypto";
import { createServer, type Server } from "node:http";
import { afterAll, describe, expect, it } from "vitest";
import { openStore } from "../../src/storage/index.ts";
import { migrate } from "../../src/storage/migrate.ts";
import { BotProcess, freePort } from "../support/bot-process.ts";
import { testCipher } from "../support/data-key.ts";
import { type FakeTelegram, startFakeTelegram } from "../support/fake-telegram.ts";

const serverUrl = process.env.TEST_DATABASE_URL;
const SECRET = "two-instances-secret-two-instances-secret";
const CHATS = 200;
const OFFICERS = 20;

/** What each chat types: the start of a registration, its own unit and address. */
const script = (chat: number) => [
  "/dangky",
  "2",
  "1",
  "1",
  "ninh nhat",
  `Chi bộ ${chat}`,
  `Thôn ${chat}, xã Ninh Nhất`,
];

/**
 * A load balancer in front of the two instances: answers Telegram at once, then forwards each
 * chat's updates in order — each to a randomly chosen instance — while different chats go in
 * parallel, as several webhook connections would.
 */
function balancer(targets: string[]) {
  const queues = new Map<number, Promise<void>>();
  const served = targets.map(() => 0);
  const forward = async (body: string) => {
    for (;;) {
      const i = Math.floor(Math.random() * targets.length);
      const response = await fetch(`${targets[i]}/webhooks/telegram`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": SECRET },
        body,
      }).catch(() => null);
      if (response?.ok) {
        served[i]!++;
        return;
      }
    }
  };
  const server: Server = createServer((req, res) => {
    let body = "";
    req.on("data", (d) => (body += d));
    req.on("end", () => {
      res.writeHead(200).end("{}");
      const update = JSON.parse(body);
      const chat = update.message?.chat.id ?? update.callback_query?.message?.chat.id ?? 0;
      const next = (queues.get(chat) ?? Promise.resolve()).then(() => forward(body));
      queues.set(chat, next);
    });
  });
  return {
    served,
    async listen(): Promise<string> {
      await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
      const address = server.address();
      return `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
    },
    idle: () => Promise.all(queues.values()),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe.skipIf(!serverUrl)("two bot instances on one PostgreSQL, behind webhooks", () => {
  const cleanup: (() => Promise<unknown>)[] = [];
  afterAll(async () => {
    for (const step of cleanup.reverse()) await step().catch(() => {});
  });

  it("processes every update exactly once, keeps each chat's order, loses no state, nudges once", async () => {
    const url = new URL(serverUrl!);
    url.searchParams.set("schema", `instances_${randomBytes(4).toString("hex")}`);
    const db = url.toString();
    await migrate(db);
    const store = await openStore(db, { cipher: testCipher() });
    cleanup.push(() => store.close());
    // Officers of Ninh Nhất, already joined: at 08:00 on 16/3 both instances owe each a nudge.
    for (let i = 0; i < OFFICERS; i++) {
      const { person } = await store.people.identify({
        channel: "telegram",
        externalId: String(7000 + i),
        chatId: String(7000 + i),
        displayName: `Officer ${i}`,
        language: "vi",
        at: new Date(),
      });
      await store.memberships.add({ personId: person.id, bodyCode: "NB-TP-NN", role: "officer" });
    }

    const fake: FakeTelegram = await startFakeTelegram();
    cleanup.push(() => fake.close());
    const ports = [await freePort(), await freePort()];
    const lb = balancer(ports.map((p) => `http://127.0.0.1:${p}`));
    const publicUrl = await lb.listen();
    cleanup.push(() => lb.close());
    const bots = ports.map((port) =>
      BotProcess.start({
        DATABASE_URL: db,
        TELEGRAM_BOT_TOKEN: fake.token,
        TELEGRAM_API_ROOT: fake.url,
        TELEGRAM_MODE: "webhook",
        TELEGRAM_WEBHOOK_SECRET: SECRET,
        PUBLIC_URL: publicUrl,
        HTTP_PORT: String(port),
        DVK_NOW: "2026-03-16T08:00:00+07:00",
      }),
    );
    for (const bot of bots) cleanup.push(() => bot.stop());
    for (const bot of bots) await bot.waitFor("http server listening");

    // 200 chats type their lines, interleaved at random; some deliveries come twice.
    const cursors = Array.from({ length: CHATS }, () => 0);
    let duplicates = 0;
    for (let left = CHATS * script(0).length; left > 0; ) {
      const chat = Math.floor(Math.random() * CHATS);
      const lines = script(chat);
      if (cursors[chat]! >= lines.length) continue;
      fake.sendText({ id: 10_000 + chat, first_name: `Chat ${chat}` }, lines[cursors[chat]!]!);
      cursors[chat]!++;
      left--;
      if (Math.random() < 0.03) {
        fake.duplicateLast();
        duplicates++;
      }
    }
    await fake.waitFor(() => fake.pendingUpdates().length === 0, 120_000);
    await lb.idle();
    // Acknowledged once stored: wait until the instances have processed everything stored.
    const until = Date.now() + 120_000;
    while ((await store.inbox.dueChats(new Date(Date.now() + 3_600_000), 1)).length > 0) {
      if (Date.now() > until) throw new Error("the instances left updates unprocessed");
      await new Promise((r) => setTimeout(r, 100));
    }

    for (let chat = 0; chat < CHATS; chat++) {
      const session = await store.dialogs.load("telegram", String(10_000 + chat));
      const flow = (session?.state as { flow: { step: string; draft: Record<string, unknown> } } | undefined)
        ?.flow;
      expect(flow?.step, `chat ${chat}`).toBe("consent"); // the notice before the contact
      expect(flow?.draft).toMatchObject({
        field: "culture_society",
        registrantKind: "collective",
        unitCategory: "party_cell",
        localityCode: "NB-TP-NN",
        unitName: `Chi bộ ${chat}`,
        address: `Thôn ${chat}, xã Ninh Nhất`,
      });
    }
    // Exactly once: every chat read the same number of messages, duplicates or not. A reply
    // leaves after its update's commit, so the last ones may still be on their way.
    // The scheduler's reminder to registrants with a draft ("Nhắc hạn") comes on its own time, to
    // the chats that had a draft at its pass: counted apart, at most once each.
    const reminder = (m: { text?: string }) => Boolean(m.text?.includes("Nhắc hạn"));
    const replies = (chat: number) => fake.chat(10_000 + chat).filter((m) => !reminder(m)).length;
    const counts = () => new Set(Array.from({ length: CHATS }, (_, chat) => replies(chat)));
    await fake.waitFor(() => counts().size === 1, 30_000).catch(() => {});
    const read = Array.from({ length: CHATS }, (_, chat) => replies(chat));
    // /dangky: the greeting and question 1; the field: its guidance and question 2; then one
    // question for each line, the last answered by the notice before the contact.
    const usual = 9;
    const odd = read.flatMap((n, chat) => (n === usual ? [] : [`chat ${chat}: ${n} replies of ${usual}`]));
    expect(odd).toEqual([]);
    for (let chat = 0; chat < CHATS; chat++)
      expect(fake.chat(10_000 + chat).filter(reminder).length, `chat ${chat}`).toBeLessThanOrEqual(1);
    expect(duplicates).toBeGreaterThan(0);
    expect(lb.served.every((n) => n > 0)).toBe(true);

    // Each officer nudged once, though both instances ran the scheduler.
    await fake.waitFor(
      () => Array.from({ length: OFFICERS }, (_, i) => fake.chat(7000 + i).length).every((n) => n >= 1),
      30_000,
    );
    await new Promise((r) => setTimeout(r, 1500));
    for (let i = 0; i < OFFICERS; i++)
      expect(fake.chat(7000 + i).filter((m) => m.text?.includes("Nhắc hạn"))).toHaveLength(1);
    expect(fake.violations()).toEqual([]);
  }, 300_000);
});

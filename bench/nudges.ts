// (d) Nudge fan-out: 10,000 officers (each a Telegram user with an officer membership) get the
// registration-deadline nudge. The app's own scheduler pass queues them (queueNudges), and the
// notifications dispatcher delivers them through the one RateLimiter and the Telegram courier, as
// src/serve.ts wires them, with the Bot API faked and time simulated: the limiter's clock and
// sleep, the dispatcher's and the app's clock are one virtual clock that a sleep moves forward,
// so 333 simulated seconds pass in the real time the database work takes.
import { createApp } from "../src/app.ts";
import { createDispatcher } from "../src/application/delivery/dispatcher.ts";
import { RateLimiter } from "../src/application/delivery/rate-limiter.ts";
import { createLogger } from "../src/application/logger.ts";
import { queueNudges } from "../src/application/services/nudges.ts";
import { createTelegramAdapter } from "../src/bot/telegram/adapter.ts";
import { telegramSettings } from "../src/bot/telegram/settings.ts";
import { loadConfig } from "../src/config.ts";
import { BENCH_DATA_KEY, type BenchDatabase } from "./databases.ts";
import { BOT_TOKEN, FakeTelegramApi } from "./fake-api.ts";

export interface NudgeRun {
  officers: number;
  queued: number;
  sent: number;
  /** Messages beyond the first that reached a chat. */
  duplicates: number;
  /** Simulated seconds from the first send to the last. */
  simulatedSeconds: number;
  /** The floor at 30 messages/s: officers / 30. */
  floorSeconds: number;
  /** Most messages sent in any one simulated second (the limit is 30). */
  maxPerSecond: number;
  realSeconds: { seed: number; queue: number; dispatch: number };
}

/** Seven days before the 2026 registration deadline (30/3), at the rulebook's nudge hour. */
const NUDGE_AT = Date.parse("2026-03-23T08:00:00+07:00");
const PER_SECOND = 30;
const SEED_BATCH = 500;

export async function runNudges(db: BenchDatabase, officers: number): Promise<NudgeRun> {
  let now = NUDGE_AT;
  const clock = () => new Date(now);
  const logger = createLogger("warn");
  const config = loadConfig({
    DATABASE_URL: db.url,
    DATA_ENCRYPTION_KEY: BENCH_DATA_KEY,
    TELEGRAM_BOT_TOKEN: BOT_TOKEN,
    TELEGRAM_API_ROOT: "http://127.0.0.1:9",
    LOG_LEVEL: "warn",
  });
  const app = await createApp(config, logger, { clock });
  try {
    const started = performance.now();
    const bodies = app.tree.units.map((u) => u.code);
    for (let from = 0; from < officers; from += SEED_BATCH)
      await app.store.transaction(async (repos) => {
        for (let i = from; i < Math.min(officers, from + SEED_BATCH); i++) {
          const id = String(500_000 + i);
          const { person } = await repos.people.identify({
            channel: "telegram",
            externalId: id,
            chatId: id,
            displayName: `Cán bộ ${i + 1}`,
            language: "vi",
            at: clock(),
          });
          await repos.memberships.add({
            personId: person.id,
            bodyCode: bodies[i % bodies.length]!,
            role: "officer",
          });
        }
      });
    const seeded = performance.now();

    const queued = await queueNudges(app.store, app.rulebook, clock());
    const queuedAt = performance.now();

    const api = new FakeTelegramApi();
    const telegram = createTelegramAdapter(
      telegramSettings.parse({ TELEGRAM_BOT_TOKEN: BOT_TOKEN, TELEGRAM_API_ROOT: "http://127.0.0.1:9" }),
      { store: app.store, translator: app.translator, flows: app.flows, logger, clock },
    );
    telegram.api.config.use(api.transformer);
    const sendTimes: number[] = [];
    const courier = {
      channel: telegram.channel,
      edit: telegram.edit,
      send: (...args: Parameters<typeof telegram.send>) => {
        sendTimes.push(now);
        return telegram.send(...args);
      },
    };
    const limiter = new RateLimiter({
      perSecond: PER_SECOND,
      now: () => now,
      sleep: async (ms) => {
        now += ms;
      },
    });
    const dispatcher = createDispatcher({
      store: app.store,
      couriers: [courier],
      translator: app.translator,
      rulebook: app.rulebook,
      tree: app.tree,
      limiter,
      clock,
      logger,
    });
    const dispatchStart = performance.now();
    while ((await dispatcher.runOnce()) > 0) {}
    const dispatched = performance.now();

    let duplicates = 0;
    for (const count of api.sentPerChat().values()) duplicates += Math.max(0, count - 1);
    const sent = (await app.store.notifications.list({ kind: "nudge", status: "sent" })).length;
    let maxPerSecond = 0;
    for (let i = 0, j = 0; i < sendTimes.length; i++) {
      while (sendTimes[i]! - sendTimes[j]! >= 1000) j++;
      maxPerSecond = Math.max(maxPerSecond, i - j + 1);
    }
    return {
      officers,
      queued,
      sent,
      duplicates,
      simulatedSeconds: sendTimes.length ? (sendTimes.at(-1)! - sendTimes[0]!) / 1000 : 0,
      floorSeconds: officers / PER_SECOND,
      maxPerSecond,
      realSeconds: {
        seed: (seeded - started) / 1000,
        queue: (queuedAt - seeded) / 1000,
        dispatch: (dispatched - dispatchStart) / 1000,
      },
    };
  } finally {
    await app.close();
  }
}

import { createHash, randomUUID } from "node:crypto";
import type { Logger } from "../application/logger.ts";
import { languageOf, type Runner, StaleSession } from "../application/runner.ts";
import { say } from "../dialogs/view.ts";
import type { InboxItem, RateRule, Store } from "../domain/ports.ts";
import type { ChannelAdapter, Delivery, Ingress, ParsedDelivery, Rejection } from "./adapter.ts";

/**
 * The one pipeline every channel's updates go through, whatever the channel:
 *
 * 1. **Stored before acknowledged.** A delivery is written to the inbox (InboundUpdate) before the
 *    webhook answers 200 or the polling offset moves on; if it cannot be stored the platform is
 *    told to deliver it again (503, offset kept). Nothing acknowledged is ever lost.
 * 2. **Once.** The inbox is keyed by the adapter's `source` and the delivery's key; a key seen in
 *    the last `dedupeHours` is a repetition and is dropped. Older keys count as new: Telegram may
 *    start a new range of update ids after a week without updates.
 * 3. **In order, across instances.** A chat's deliveries are processed one after the other, in
 *    the chat's order, by whichever instance holds the chat's lease (ChatLease).
 * 4. **One retry policy.** The runner is called once per attempt; the dialog step, its effects and
 *    marking the delivery done commit together. The database away or busy: tried again with
 *    backoff for as long as it takes, the chat's later deliveries waiting behind. Any other
 *    failure: tried `attempts` times, then the person is told to send it again and the chat moves on.
 * 5. **After the commit**: the reply is sent through the adapter, and `afterCommit` runs (the
 *    notifications dispatcher is kicked) when the update queued a notification.
 * 6. **A rate limit per person**, when given: a token bucket in the database, shared by the
 *    person's channels and by every instance, taken when the delivery arrives. Over it, the
 *    delivery is refused before it is stored (a flood is the bucket's counter, not inbox rows
 *    with payloads) and before the runner sees it; the first one since the bucket was last full
 *    is answered with one sentence, the later ones with nothing.
 * 7. **Not an update**: a webhook body that is valid JSON but no update of the platform (null, a
 *    number, an array, an object without an id) is recorded as rejected with its reason, and
 *    acknowledged: the platform never delivers it again, and nothing processes it.
 */
export interface PipelineOptions {
  store: Store;
  runner: Pick<Runner, "handle">;
  logger: Logger;
  /** Real time by default: retries wait for it, dedupe windows are measured in it. */
  clock?: () => Date;
  afterCommit?: () => void;
  /** Deliveries of the same key within this many hours are repetitions; default 48. */
  dedupeHours?: number;
  /** Tries of a delivery that fails for another reason than the database; default 5. */
  attempts?: number;
  /** First pause after a failure, doubled each time (at most `maxRetryMs`); default 500 ms. */
  retryBaseMs?: number;
  maxRetryMs?: number;
  /** How long a chat's lease lasts (renewed per delivery); default 60 s. */
  leaseMs?: number;
  /** How often the inbox is swept for what nobody is processing (after a restart, an outage); default 5 s. */
  sweepMs?: number;
  /** The incoming rate limit per person; none by default (the configuration gives 1/s, bursts of 10). */
  rateLimit?: RateRule;
}

export interface Pipeline extends Ingress {
  /** The adapters whose deliveries this instance processes. */
  attach(adapter: ChannelAdapter): void;
  /** Looks for waiting deliveries (left by a crash, an outage or another instance) and processes them. */
  sweep(): Promise<void>;
  start(): void;
  /** Resolves when everything received so far has been processed (tests, shutdown). */
  idle(): Promise<void>;
  /** Resolves once no delivery of the chat is being processed at this moment (the benchmark). */
  chatIdle(channel: string, chatId: string): Promise<void>;
  stop(): Promise<void>;
}

const BATCH = 20;
/** When another instance holds a chat, look again this soon in case it was just letting go. */
const HANDOVER_MS = 250;

export function createPipeline(options: PipelineOptions): Pipeline {
  const { store, runner, logger } = options;
  const clock = options.clock ?? (() => new Date());
  const owner = randomUUID();
  const dedupeMs = (options.dedupeHours ?? 48) * 3_600_000;
  const maxAttempts = options.attempts ?? 5;
  const retryBaseMs = options.retryBaseMs ?? 500;
  const maxRetryMs = options.maxRetryMs ?? 30_000;
  const leaseMs = options.leaseMs ?? 60_000;
  const adapters = new Map<string, ChannelAdapter>();
  /** Chats being drained in this process, and whether more arrived meanwhile. */
  const draining = new Map<string, { promise: Promise<void>; again: boolean }>();
  const timers = new Set<NodeJS.Timeout>();
  /** Consecutive infrastructure failures per chat, for the backoff while the database is away. */
  const outages = new Map<string, number>();
  let sweeper: NodeJS.Timeout | undefined;
  let stopped = false;

  const chatKey = (channel: string, chatId: string) => `${channel}\u0000${chatId}`;
  const backoff = (n: number) => Math.min(retryBaseMs * 2 ** Math.max(0, n - 1), maxRetryMs);
  const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

  function later(channel: string, chatId: string, ms: number): void {
    if (stopped) return;
    const timer = setTimeout(() => {
      timers.delete(timer);
      void drain(channel, chatId);
    }, ms);
    timer.unref();
    timers.add(timer);
  }

  /**
   * Whether the delivery, just arrived, is over its person's rate limit: a read and one write to
   * the bucket, no inbox row and no session, so a flood costs little and nothing of it reaches the
   * conversation. The first refused one is answered (`warning`) in the person's language.
   */
  async function limited(
    delivery: Delivery,
    rule: RateRule,
    now: Date,
  ): Promise<{ refused: false } | { refused: true; warning: Promise<void> }> {
    const { channel, user } = delivery.update;
    const personId = await store.people.personOf(channel, user.externalId);
    const verdict = await store.rateLimits.take(personId ?? `${channel}:${user.externalId}`, now, rule);
    if (verdict === "allowed") return { refused: false };
    logger.debug("update over the rate limit", { channel, verdict });
    if (verdict === "excess") return { refused: true, warning: Promise.resolve() };
    // After what the chat has waiting, so the sentence comes after the answers it follows.
    const before = draining.get(chatKey(channel, delivery.update.chatId))?.promise ?? Promise.resolve();
    return { refused: true, warning: before.then(() => warn(delivery, personId)) };
  }

  async function warn(delivery: Delivery, personId: string | null): Promise<void> {
    const { channel, user } = delivery.update;
    const adapter = adapters.get(channel);
    try {
      const person = personId ? await store.people.get(personId) : null;
      const language = person?.language ?? languageOf(user.languageCode);
      await adapter?.reply(delivery, { reply: { views: [say("limits.slow_down")] }, language, nonce: 0 });
    } catch (error) {
      logger.warn("reply not sent", { channel, error: message(error) });
    }
  }

  /** One delivery: the runner (with the delivery marked done in its transaction), then the reply. */
  async function handleItem(item: InboxItem, adapter: ChannelAdapter): Promise<"done" | "wait" | "stale"> {
    const delivery = item.payload as Delivery;
    try {
      const output = await runner.handle(delivery.update, {
        inTransaction: (repos) => repos.inbox.markDone(item.source, item.key, clock()),
      });
      outages.delete(chatKey(item.channel, item.chatId));
      // What an operator needs to follow an update, and nothing a person typed or is called.
      logger.debug("update handled", {
        channel: item.channel,
        input: delivery.update.input.kind,
        views: output.reply.views.length,
        attempt: item.attempts + 1,
      });
      // Most updates queue nothing: no dispatcher pass (a claim statement) for them.
      if (output.queued !== false) options.afterCommit?.();
      await adapter
        .reply(delivery, output)
        .catch((error) => logger.warn("reply not sent", { channel: item.channel, error: message(error) }));
      return "done";
    } catch (error) {
      if (error instanceof StaleSession) return "stale"; // Taken again at once, on the fresh state.
      const key = chatKey(item.channel, item.chatId);
      if (store.isTransient(error)) {
        const n = (outages.get(key) ?? 0) + 1;
        outages.set(key, n);
        logger.warn("database unavailable, the update waits", {
          channel: item.channel,
          try: n,
          error: message(error),
        });
        const at = new Date(clock().getTime() + backoff(n));
        await store.inbox.retry(item.source, item.key, message(error), at, false).catch(() => {});
        later(item.channel, item.chatId, backoff(n));
        return "wait";
      }
      const attempts = item.attempts + 1;
      logger.error("update failed", { channel: item.channel, attempt: attempts, error: message(error) });
      if (attempts < maxAttempts) {
        await store.inbox.retry(
          item.source,
          item.key,
          message(error),
          new Date(clock().getTime() + backoff(attempts)),
          true,
        );
        later(item.channel, item.chatId, backoff(attempts));
        return "wait";
      }
      await store.inbox.markFailed(item.source, item.key, message(error), clock());
      await adapter.failed(delivery).catch(() => {});
      return "done";
    }
  }

  /** Processes a chat's waiting deliveries in order while this instance holds the chat. */
  async function drainOnce(channel: string, chatId: string): Promise<void> {
    const adapter = adapters.get(channel);
    if (!adapter) return; // Another instance serves that channel.
    for (;;) {
      if (stopped) return;
      const now = clock();
      if (!(await store.inbox.lease(channel, chatId, owner, new Date(now.getTime() + leaseMs), now))) {
        // Another instance is on this chat: it takes what is waiting, unless it was just leaving.
        later(channel, chatId, HANDOVER_MS);
        return;
      }
      try {
        const items = await store.inbox.pending(channel, chatId, BATCH);
        if (items.length === 0) return;
        let stale = false;
        for (const item of items) {
          const wait = item.notBefore.getTime() - clock().getTime();
          if (wait > 0) {
            // A delivery waiting for its retry holds back the chat's later ones: order first.
            later(channel, chatId, wait);
            return;
          }
          const outcome = await handleItem(item, adapter);
          if (outcome === "wait") return;
          if (outcome === "stale") stale = true;
        }
        // A short batch was all there was: what this process receives meanwhile asks for another
        // pass (`again` in drain), what another instance receives waits for the lease to go.
        if (items.length < BATCH && !stale) return;
      } finally {
        await store.inbox.release(channel, chatId, owner).catch(() => {});
      }
    }
  }

  function drain(channel: string, chatId: string): Promise<void> {
    const key = chatKey(channel, chatId);
    const running = draining.get(key);
    if (running) {
      running.again = true;
      return running.promise;
    }
    const entry = { promise: Promise.resolve(), again: false };
    entry.promise = (async () => {
      try {
        do {
          entry.again = false;
          await drainOnce(channel, chatId);
        } while (entry.again && !stopped);
      } catch (error) {
        // The database went away between deliveries: look again after a pause.
        const n = (outages.get(key) ?? 0) + 1;
        outages.set(key, n);
        logger.warn("chat not processed, trying again", { channel, error: message(error) });
        later(channel, chatId, backoff(n));
      } finally {
        draining.delete(key);
      }
    })();
    draining.set(key, entry);
    return entry.promise;
  }

  async function receive(adapter: ChannelAdapter, delivery: ParsedDelivery) {
    const now = clock();
    const { key, seq, update, meta } = delivery;
    const rule = adapter.local ? undefined : options.rateLimit;
    if (rule) {
      const verdict = await limited(delivery, rule, now);
      if (verdict.refused) return { fresh: false, processed: verdict.warning };
    }
    const fresh = await store.inbox.receive(
      {
        source: adapter.source,
        key,
        channel: adapter.channel,
        chatId: update.chatId,
        seq,
        payload: meta ? { update, meta } : { update },
        receivedAt: now,
      },
      new Date(now.getTime() - dedupeMs),
    );
    return { fresh, processed: fresh ? drain(adapter.channel, update.chatId) : Promise.resolve() };
  }

  async function sweep(): Promise<void> {
    const due = await store.inbox.dueChats(clock(), 200);
    await Promise.all(due.filter((c) => adapters.has(c.channel)).map((c) => drain(c.channel, c.chatId)));
  }

  async function reject(adapter: ChannelAdapter, rejection: Rejection): Promise<void> {
    // The body's hash is its key: the same body sent again is the same record.
    const key = `rejected:${createHash("sha256").update(rejection.body).digest("hex").slice(0, 32)}`;
    logger.warn("webhook body is not an update", { channel: adapter.channel, reason: rejection.reason });
    await store.inbox
      .reject({
        source: adapter.source,
        key,
        channel: adapter.channel,
        reason: rejection.reason,
        at: clock(),
      })
      .catch((error) => logger.warn("rejected body not recorded", { error: message(error) }));
  }

  return {
    receive,
    reject,
    attach(adapter) {
      adapters.set(adapter.channel, adapter);
    },
    sweep,
    start() {
      const pass = () =>
        sweep().catch((error) => logger.warn("inbox sweep failed", { error: message(error) }));
      void pass();
      sweeper = setInterval(pass, options.sweepMs ?? 5000);
      sweeper.unref();
    },
    chatIdle: (channel, chatId) => draining.get(chatKey(channel, chatId))?.promise ?? Promise.resolve(),
    async idle() {
      while (draining.size) await Promise.all([...draining.values()].map((d) => d.promise));
    },
    async stop() {
      stopped = true;
      clearInterval(sweeper);
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      await Promise.all([...draining.values()].map((d) => d.promise));
    },
  };
}

import type { Opts, Update, WebhookInfo } from "grammy/types";
import { Described, FakeApiError, sleep, unixNow, withoutUndefined } from "./telegram-common.ts";

// The updates waiting for the bot, and the two ways Telegram hands them over: getUpdates (long
// polling, confirmed by offset) and a webhook (POSTed one at a time until accepted).

export interface WebhookDelivery {
  update_id: number;
  url: string;
  at: number;
  /** HTTP status the webhook answered; absent when the request failed outright. */
  status?: number;
  error?: string;
  secretSent: boolean;
}

export interface UpdateQueueOptions {
  /** Pause between webhook delivery attempts after a failure; default 100 ms. */
  webhookRetryMs?: number;
  /** How long a webhook delivery may take before it counts as failed; default 10 s. */
  webhookTimeoutMs?: number;
  /** Aborts when the server closes. */
  closing: AbortSignal;
  /** Performs a method call a webhook answered with. */
  webhookReply: (method: string, params: Record<string, unknown>) => Promise<unknown>;
  /** Told after every change, for waitFor. */
  changed: () => void;
}

interface QueuedUpdate {
  update: Update;
  delivered: boolean;
  /** Queued again with an id already handed out (duplicateLast / inject with update_id). */
  duplicate: boolean;
}

interface WebhookState {
  url: string;
  secret_token?: string;
  ip_address?: string;
  max_connections?: number;
  allowed_updates?: readonly string[];
  has_custom_certificate: boolean;
  last_error_date?: number;
  last_error_message?: string;
}

/** Update types a bot gets only when it lists them in allowed_updates. */
const OPT_IN_UPDATES = new Set(["chat_member", "message_reaction", "message_reaction_count"]);

const WEBHOOK_ACTIVE =
  "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first";
const OTHER_POLL =
  "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running";

function updateType(update: Update): string {
  return Object.keys(update).find((k) => k !== "update_id") ?? "";
}

export class UpdateQueue {
  readonly deliveries: WebhookDelivery[] = [];
  private queue: QueuedUpdate[] = [];
  private allowedUpdates?: readonly string[];
  private webhook?: WebhookState;
  private pumping = false;
  private poller?: { wake: (error?: FakeApiError) => void };

  constructor(private readonly options: UpdateQueueOptions) {}

  pending(): Update[] {
    return this.queue.map((q) => q.update);
  }

  add(update: Update, duplicate: boolean): void {
    const entry: QueuedUpdate = { update, delivered: false, duplicate };
    // Telegram hands updates out in update_id order; a repeat goes after its original.
    const at = this.queue.findIndex((q) => q.update.update_id > update.update_id);
    if (at < 0) this.queue.push(entry);
    else this.queue.splice(at, 0, entry);
    this.poller?.wake();
    void this.pumpWebhook();
  }

  /** Ends a waiting long poll (with [] unless the server is still open and there is news). */
  wakePoller(): void {
    this.poller?.wake();
  }

  // ------------------------------------------------------------ getUpdates

  async getUpdates(p: Opts<"getUpdates">, signal: AbortSignal): Promise<Update[]> {
    if (this.webhook) throw new FakeApiError(409, WEBHOOK_ACTIVE);
    // Only one getUpdates may wait at a time; Telegram ends the older one. A client that aborted
    // its poll and asks again (grammY's bot.stop()) is no conflict: give the abort a moment to arrive.
    if (this.poller) await sleep(25, this.options.closing);
    this.poller?.wake(new FakeApiError(409, OTHER_POLL));
    if (p.allowed_updates) this.allowedUpdates = p.allowed_updates;
    this.confirm(p.offset);
    const limit = Math.min(Math.max(p.limit ?? 100, 1), 100);
    const deadline = Date.now() + Math.max(p.timeout ?? 0, 0) * 1000;
    while (true) {
      if (signal.aborted || this.options.closing.aborted) return [];
      const batch = this.takeBatch(limit);
      const left = deadline - Date.now();
      if (batch.length || left <= 0) return batch;
      await this.waitForUpdates(left, signal);
    }
  }

  private waitForUpdates(ms: number, signal: AbortSignal): Promise<void> {
    return new Promise((resolve, reject) => {
      const entry = { wake: (error?: FakeApiError) => done(error) };
      const timer = setTimeout(() => done(), ms);
      const onAbort = () => done();
      const done = (error?: FakeApiError) => {
        clearTimeout(timer);
        signal.removeEventListener("abort", onAbort);
        if (this.poller === entry) this.poller = undefined;
        if (error) reject(error);
        else resolve();
      };
      signal.addEventListener("abort", onAbort, { once: true });
      this.poller = entry;
    });
  }

  /**
   * getUpdates' offset confirms every update below it; a negative offset keeps only that many of
   * the latest. A repeat not yet handed out survives, so that duplicates do reach the bot.
   */
  private confirm(offset: number | undefined): void {
    if (offset === undefined) return;
    if (offset < 0) {
      this.queue = this.queue.slice(offset);
      return;
    }
    this.queue = this.queue.filter((q) => q.update.update_id >= offset || (q.duplicate && !q.delivered));
  }

  private takeBatch(limit: number): Update[] {
    this.dropUnwanted();
    const batch = this.queue.slice(0, limit);
    for (const q of batch) q.delivered = true;
    return batch.map((q) => q.update);
  }

  /** Telegram drops updates of types the bot did not ask for. */
  private dropUnwanted(): void {
    const allowed = this.webhook?.allowed_updates ?? this.allowedUpdates;
    const wanted = (type: string) => (allowed?.length ? allowed.includes(type) : !OPT_IN_UPDATES.has(type));
    this.queue = this.queue.filter((q) => wanted(updateType(q.update)));
  }

  // ------------------------------------------------------------ webhook

  setWebhook(p: Opts<"setWebhook">): Described {
    if (p.url === "") return this.deleteWebhook({});
    if (p.drop_pending_updates) this.queue = [];
    this.webhook = withoutUndefined({
      url: p.url,
      secret_token: p.secret_token,
      ip_address: p.ip_address,
      max_connections: p.max_connections ?? 40,
      allowed_updates: p.allowed_updates,
      has_custom_certificate: p.certificate !== undefined,
    });
    this.poller?.wake(new FakeApiError(409, "Conflict: terminated by setWebhook request"));
    void this.pumpWebhook();
    return new Described(true, "Webhook was set");
  }

  deleteWebhook(p: Opts<"deleteWebhook">): Described {
    const had = this.webhook !== undefined;
    this.webhook = undefined;
    if (p.drop_pending_updates) this.queue = [];
    return new Described(true, had ? "Webhook was deleted" : "Webhook is already deleted");
  }

  webhookInfo(): WebhookInfo {
    const w = this.webhook;
    const base = {
      url: w?.url ?? "",
      has_custom_certificate: w?.has_custom_certificate ?? false,
      pending_update_count: this.queue.length,
    };
    if (!w) return base;
    const { url: _url, secret_token: _secret, has_custom_certificate: _cert, ...rest } = w;
    return { ...base, ...rest } as WebhookInfo;
  }

  /** Posts queued updates to the webhook one at a time, in order, retrying each until accepted. */
  private async pumpWebhook(): Promise<void> {
    if (this.pumping) return;
    this.pumping = true;
    try {
      while (this.webhook && !this.options.closing.aborted) {
        this.dropUnwanted();
        const entry = this.queue[0];
        if (!entry) break;
        if (await this.deliver(this.webhook, entry)) this.queue = this.queue.filter((q) => q !== entry);
        else await sleep(this.options.webhookRetryMs ?? 100, this.options.closing);
      }
    } finally {
      this.pumping = false;
    }
  }

  private async deliver(webhook: WebhookState, entry: QueuedUpdate): Promise<boolean> {
    const headers: Record<string, string> = { "content-type": "application/json" };
    if (webhook.secret_token) headers["X-Telegram-Bot-Api-Secret-Token"] = webhook.secret_token;
    const delivery: WebhookDelivery = {
      update_id: entry.update.update_id,
      url: webhook.url,
      at: Date.now(),
      secretSent: webhook.secret_token !== undefined,
    };
    try {
      const timeout = AbortSignal.timeout(this.options.webhookTimeoutMs ?? 10_000);
      const res = await fetch(webhook.url, {
        method: "POST",
        headers,
        body: JSON.stringify(entry.update),
        signal: AbortSignal.any([this.options.closing, timeout]),
      });
      const text = await res.text();
      delivery.status = res.status;
      if (!res.ok) {
        this.failed(webhook, `Wrong response from the webhook: ${res.status} ${res.statusText}`);
        return false;
      }
      entry.delivered = true;
      await this.performReply(text, res.headers.get("content-type"));
      return true;
    } catch (e) {
      delivery.error = e instanceof Error ? e.message : String(e);
      this.failed(webhook, delivery.error);
      return false;
    } finally {
      this.deliveries.push(delivery);
      this.options.changed();
    }
  }

  private failed(webhook: WebhookState, message: string): void {
    webhook.last_error_date = unixNow();
    webhook.last_error_message = message;
  }

  /** A webhook may answer with a method call in its response body; Telegram performs it. */
  private async performReply(text: string, contentType: string | null): Promise<void> {
    if (!contentType?.includes("json") || !text.trim()) return;
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      return;
    }
    if (typeof body !== "object" || body === null || Array.isArray(body)) return;
    const { method, ...params } = body as Record<string, unknown>;
    if (typeof method === "string") await this.options.webhookReply(method, params);
  }
}

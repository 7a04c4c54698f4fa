/**
 * The one outgoing rate limiter of the process, shared by every sender: at most `perSecond`
 * messages in any one-second window overall, and one message per `perChatMs` to each chat
 * (Telegram's limits: 30/s overall, about 1/s per chat). Time and sleeping are injected so a
 * benchmark can run it on a simulated clock.
 */
export interface RateLimiterOptions {
  perSecond?: number;
  perChatMs?: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

export class RateLimiter {
  private readonly perSecond: number;
  private readonly perChatMs: number;
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;
  /** Send times of the last second, oldest first. */
  private readonly window: number[] = [];
  private readonly lastByChat = new Map<string, number>();

  constructor(options: RateLimiterOptions = {}) {
    this.perSecond = options.perSecond ?? 30;
    this.perChatMs = options.perChatMs ?? 1000;
    this.now = options.now ?? Date.now;
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  }

  /** Waits until a message to `chat` may go, and counts it as sent. */
  async acquire(chat: string): Promise<void> {
    for (;;) {
      const now = this.now();
      while (this.window.length && this.window[0]! <= now - 1000) this.window.shift();
      const chatWait = (this.lastByChat.get(chat) ?? Number.NEGATIVE_INFINITY) + this.perChatMs - now;
      const globalWait = this.window.length >= this.perSecond ? this.window[0]! + 1000 - now : 0;
      const wait = Math.max(chatWait, globalWait);
      if (wait <= 0) {
        this.window.push(now);
        this.lastByChat.set(chat, now);
        this.forget(now);
        return;
      }
      await this.sleep(wait);
    }
  }

  /** Drops chats not written to for a while, so the map does not grow without end. */
  private forget(now: number): void {
    if (this.lastByChat.size < 10_000) return;
    for (const [chat, at] of this.lastByChat) if (at < now - this.perChatMs) this.lastByChat.delete(chat);
  }
}

import { randomUUID } from "node:crypto";
import type { NotificationPayload } from "../../dialogs/notifications.ts";
import { arrivalViews, decidedViews, decisionViews, draftExpiryViews } from "../../dialogs/notifications.ts";
import type { View } from "../../dialogs/view.ts";
import { nextSendableTime } from "../../domain/calendar.ts";
import type { OrgTree } from "../../domain/org.ts";
import type { ChannelIdentity, Notification, Person, Store } from "../../domain/ports.ts";
import type { Rulebook } from "../../domain/rulebook/schema.ts";
import type { Translator } from "../i18n.ts";
import type { Logger } from "../logger.ts";
import { nudgeTiming, nudgeViews } from "../services/nudges.ts";
import { type Courier, RecipientUnreachable, RetryLater } from "./courier.ts";
import type { RateLimiter } from "./rate-limiter.ts";

/**
 * Delivers the notifications outbox: claims what is due (atomically, so two instances never
 * send the same one), renders it in the recipient's language, sends it through the channel they
 * were last active on, and records the outcome. A failed send is retried with backoff; a person
 * who blocked the bot on every channel is marked undeliverable.
 */
export interface DispatcherDeps {
  store: Store;
  couriers: Courier[];
  translator: Translator;
  rulebook: Rulebook;
  tree: OrgTree;
  limiter: RateLimiter;
  clock: () => Date;
  logger: Logger;
}

const BATCH = 50;
/** How long a kick waits, so a burst of updates is delivered in one pass. */
const KICK_DELAY_MS = 50;
const LEASE_MS = 120_000;
const MAX_BACKOFF_MS = 3_600_000;

export function backoffMs(attempts: number): number {
  return Math.min(30_000 * 2 ** Math.max(0, attempts - 1), MAX_BACKOFF_MS);
}

export function createDispatcher(deps: DispatcherDeps) {
  const worker = randomUUID();
  const couriers = new Map(deps.couriers.map((c) => [c.channel, c]));
  let running: Promise<number> | null = null;
  let again = false;
  let timer: NodeJS.Timeout | undefined;
  let kickTimer: NodeJS.Timeout | undefined;

  async function viewsFor(n: Notification, person: Person): Promise<{ views: View[]; keep?: string } | null> {
    const payload = n.payload as NotificationPayload;
    if (payload.kind === "nudge") {
      const views = await nudgeViews(deps.store, n, person, deps.rulebook, deps.tree, deps.clock());
      return views ? { views } : null;
    }
    const s = await deps.store.submissions.get(payload.submissionId);
    if (!s) return null;
    switch (payload.kind) {
      case "new_submission":
        return {
          views: arrivalViews(s, await deps.store.memberships.ofPerson(person.id), deps.rulebook, deps.tree),
          keep: "decision",
        };
      case "decision":
        return { views: decisionViews(s, payload) };
      case "draft_expiry": {
        const views = draftExpiryViews(s, payload, deps.rulebook.timeZone);
        return views ? { views } : null;
      }
      case "decision_edit": {
        const actor = payload.actorId ? await deps.store.people.get(payload.actorId) : null;
        const last = (await deps.store.submissions.history(s.id)).at(-1);
        return {
          views: decidedViews(s, payload, actor, last?.actorRole ?? "officer", deps.rulebook, deps.tree),
        };
      }
    }
  }

  /** Where to reach a person: the channel they used last, then the others. */
  function routes(identities: ChannelIdentity[]): ChannelIdentity[] {
    return identities
      .filter((i) => !i.undeliverable && couriers.has(i.channel))
      .sort((a, b) => b.lastActiveAt.getTime() - a.lastActiveAt.getTime());
  }

  async function deliver(n: Notification, now: Date): Promise<boolean> {
    if (n.kind === "nudge") {
      const timing = nudgeTiming(n, deps.rulebook, now);
      if (timing === "expired") {
        await deps.store.notifications.markUndeliverable(n.id, "deadline passed");
        return false;
      }
      // Never at night: back in the queue until the quiet hours end.
      if (timing === "later") {
        await deps.store.notifications.markFailed(n.id, "quiet hours", nextSendableTime(now, deps.rulebook));
        return false;
      }
    }
    const person = await deps.store.people.get(n.personId);
    const rendered = person ? await viewsFor(n, person) : null;
    if (!person || !rendered) {
      await deps.store.notifications.markUndeliverable(n.id, "nothing to deliver");
      return false;
    }
    const speaker = { translator: deps.translator, language: person.language };
    const payload = n.payload as NotificationPayload;
    if (payload.kind === "decision_edit") {
      const courier = couriers.get(payload.channel);
      if (!courier) return false; // Another instance serves that channel.
      await deps.limiter.acquire(`${payload.channel}:${payload.chatId}`);
      await courier.edit(payload.chatId, payload.messageId, rendered.views, speaker);
      await deps.store.notifications.markSent(n.id, payload.channel, now);
      return true;
    }
    let later: RetryLater | null = null;
    for (const identity of routes(await deps.store.people.identities(person.id))) {
      const courier = couriers.get(identity.channel)!;
      try {
        await deps.limiter.acquire(`${identity.channel}:${identity.chatId}`);
        const messageId = await courier.send(identity.chatId, rendered.views, speaker);
        await deps.store.transaction(async (repos) => {
          if (rendered.keep && messageId && "submissionId" in payload)
            await repos.messages.add({
              submissionId: payload.submissionId,
              personId: person.id,
              channel: identity.channel,
              chatId: identity.chatId,
              messageId,
              purpose: rendered.keep,
            });
          await repos.notifications.markSent(n.id, identity.channel, now);
        });
        return true;
      } catch (error) {
        // Refused for now on this channel (Zalo's 7-day rule, its night pause): try the next one.
        if (error instanceof RetryLater) {
          if (!later || error.until < later.until) later = error;
          continue;
        }
        if (!(error instanceof RecipientUnreachable)) throw error;
        deps.logger.info("recipient unreachable on a channel", { channel: identity.channel });
        await deps.store.people.setUndeliverable(identity.channel, identity.externalId, true);
      }
    }
    if (later) await deps.store.notifications.markFailed(n.id, later.message, later.until);
    else await deps.store.notifications.markUndeliverable(n.id, "no reachable channel");
    return false;
  }

  async function pass(): Promise<number> {
    let sent = 0;
    for (;;) {
      const now = deps.clock();
      const due = await deps.store.notifications.claimDue(
        now,
        worker,
        new Date(now.getTime() + LEASE_MS),
        BATCH,
      );
      if (due.length === 0) return sent;
      for (const n of due) {
        try {
          if (await deliver(n, deps.clock())) sent++;
        } catch (error) {
          const retryAt = new Date(deps.clock().getTime() + backoffMs(n.attempts));
          deps.logger.warn("notification send failed, will retry", {
            id: n.id,
            attempts: n.attempts,
            error: (error as Error).message,
          });
          await deps.store.notifications.markFailed(n.id, (error as Error).message.slice(0, 500), retryAt);
        }
      }
    }
  }

  /** One delivery pass (a second call while one runs makes it go round once more). */
  async function runOnce(): Promise<number> {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      let total = 0;
      do {
        again = false;
        total += await pass();
      } while (again);
      return total;
    })();
    try {
      return await running;
    } finally {
      running = null;
    }
  }

  return {
    runOnce,
    /** Delivers soon: updates arriving together share one pass instead of one claim each. */
    kick(): void {
      if (kickTimer) return;
      kickTimer = setTimeout(() => {
        kickTimer = undefined;
        runOnce().catch((error) => deps.logger.error("notification dispatch failed", { error }));
      }, KICK_DELAY_MS);
    },
    start(intervalMs = 5000): void {
      timer = setInterval(() => this.kick(), intervalMs);
      timer.unref();
    },
    async stop(): Promise<void> {
      clearInterval(timer);
      clearTimeout(kickTimer);
      await running?.catch(() => {});
    },
  };
}

export type Dispatcher = ReturnType<typeof createDispatcher>;

import { randomUUID } from "node:crypto";
import type { NotificationPayload } from "../../dialogs/notifications.ts";
import {
  arrivalViews,
  decidedViews,
  decisionViews,
  draftExpiryViews,
  emailCodeViews,
} from "../../dialogs/notifications.ts";
import type { View } from "../../dialogs/view.ts";
import { nextSendableTime } from "../../domain/calendar.ts";
import type { OrgTree } from "../../domain/org.ts";
import type { ChannelIdentity, DeliveryAttempt, Notification, Person, Store } from "../../domain/ports.ts";
import type { Rulebook } from "../../domain/rulebook/schema.ts";
import type { Speaker, Translator } from "../i18n.ts";
import type { Logger } from "../logger.ts";
import { nudgeTiming, nudgeViews } from "../services/nudges.ts";
import {
  type Courier,
  RecipientUnreachable,
  RetryLater,
  type TemplateRecipient,
  type TemplateWay,
  WayUnavailable,
} from "./courier.ts";
import { DEFAULT_POLICY, type DeliveryPolicy, type PolicyKind, policyKind, reachBy } from "./policy.ts";
import type { RateLimiter } from "./rate-limiter.ts";
import { templateValues } from "./template-values.ts";

/**
 * Delivers the notifications outbox: claims what is due (atomically, so two instances never
 * send the same one), renders it in the recipient's language and goes through the delivery
 * policy's ways for its kind (the chat channel used last, the other linked ones, e-mail, a Zalo
 * template), recording every attempt, until one reaches the person. A way refused for now
 * (Zalo's interaction window, a quota, a mail server's 4xx) moves on at once and is tried again
 * later; one refused for good (a blocked bot, a refused address) is not tried again until the
 * person writes. Nobody reached by the notification's deadline: "unreached", for the officers.
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
  /** The delivery policy; the defaults when left out. */
  policy?: DeliveryPolicy;
  /** E-mail (the courier's chat id is the address). */
  email?: Courier;
  /** Zalo template messages, and the chat channel whose user ids they take. */
  templates?: TemplateWay;
  templateChannel?: string;
  /** Per chat channel, how long after a person's last message free messages may go (Zalo OA: 48 h). */
  windows?: Record<string, number>;
}

export const EMAIL_WAY = "email";
export const TEMPLATE_WAY = "zalo-template";
/** Outside the interaction window, the chat channel is looked at again this much later (capped by the deadline). */
export const WINDOW_RECHECK_MS = 6 * 3_600_000;
/** How often writing down a sent message is tried again when the database is busy (about a minute in all). */
const RECORD_TRIES = 15;

/** The tracking id of a notification's template message: the same on every retry. */
const trackingId = (n: Notification) => n.id.replaceAll("-", "").slice(0, 48);

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
  const policy = deps.policy ?? DEFAULT_POLICY;
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
    if (payload.kind === "email_code") return { views: emailCodeViews(payload) };
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

  /** The person's chat accounts the dispatcher can write to, the one used last first. */
  function chats(identities: ChannelIdentity[]): ChannelIdentity[] {
    return identities
      .filter((i) => !i.undeliverable && couriers.has(i.channel))
      .sort((a, b) => b.lastActiveAt.getTime() - a.lastActiveAt.getTime());
  }

  /** A way tried: sent (with its cost), or why not and until when. */
  type Tried =
    | { result: "sent"; costVnd: number; messageId: string | null; channel: string; chatId?: string }
    | { result: "refused_for_now"; reason: string; until: Date; detail?: string }
    | { result: "refused_for_good"; reason: string; detail?: string }
    | { result: "failed"; reason: string; until: Date; detail?: string };

  /** One try of one way, its error read as the policy needs it. */
  async function attempt(way: string, n: Notification, send: () => Promise<Tried>): Promise<Tried> {
    try {
      return await send();
    } catch (error) {
      if (error instanceof RetryLater)
        return { result: "refused_for_now", reason: error.reason, until: error.until, detail: error.message };
      if (error instanceof RecipientUnreachable)
        return { result: "refused_for_good", reason: "unreachable", detail: error.message };
      if (error instanceof WayUnavailable) {
        deps.logger.warn("a way to reach people is not usable as configured", { way, error: error.message });
        return { result: "refused_for_good", reason: "not_configured", detail: error.message };
      }
      const message = (error as Error).message.slice(0, 300);
      deps.logger.warn("notification send failed, will retry", { id: n.id, way, error: message });
      return {
        result: "failed",
        reason: message,
        until: new Date(deps.clock().getTime() + backoffMs(n.attempts)),
      };
    }
  }

  /** A chat account, unless the platform's interaction window has closed (Zalo OA: 48 h). */
  async function viaChat(
    identity: ChannelIdentity,
    rendered: { views: View[] },
    speaker: Speaker,
    now: Date,
  ): Promise<Tried> {
    const window = deps.windows?.[identity.channel];
    if (window !== undefined && now.getTime() - identity.lastActiveAt.getTime() > window)
      // Free messages would be refused (-230): the next way at once, this one again if they write.
      return {
        result: "refused_for_now",
        reason: "outside_window",
        until: new Date(now.getTime() + WINDOW_RECHECK_MS),
      };
    const courier = couriers.get(identity.channel)!;
    await deps.limiter.acquire(`${identity.channel}:${identity.chatId}`);
    const messageId = await courier.send(identity.chatId, rendered.views, speaker);
    return { result: "sent", costVnd: 0, messageId, channel: identity.channel, chatId: identity.chatId };
  }

  /** The policy's ways for a person, in order, each as a named try. */
  async function waysFor(
    n: Notification,
    kind: PolicyKind,
    person: Person,
    rendered: { views: View[] },
    speaker: Speaker,
    now: Date,
  ): Promise<{ way: string; run: () => Promise<Tried>; identity?: ChannelIdentity }[]> {
    const identities = await deps.store.people.identities(person.id);
    const reachable = chats(identities);
    const out: { way: string; run: () => Promise<Tried>; identity?: ChannelIdentity }[] = [];
    for (const way of policy[kind].ways) {
      if (way === "last_channel" || way === "other_channels") {
        const listsLast = policy[kind].ways.includes("last_channel");
        const picked =
          way === "last_channel" ? reachable.slice(0, 1) : listsLast ? reachable.slice(1) : reachable;
        for (const identity of picked)
          out.push({ way: identity.channel, identity, run: () => viaChat(identity, rendered, speaker, now) });
      } else if (way === "email" && deps.email && person.consents.contact_email !== undefined) {
        const contact = await deps.store.people.email(person.id);
        const courier = deps.email;
        if (contact && !contact.refused)
          out.push({
            way: EMAIL_WAY,
            run: async () => {
              await deps.limiter.acquire(`${EMAIL_WAY}:${person.id}`);
              const messageId = await courier.send(contact.address, rendered.views, speaker);
              return { result: "sent", costVnd: 0, messageId, channel: EMAIL_WAY };
            },
          });
      } else if (way === "zalo_template" && deps.templates?.has(kind)) {
        const to = await templateRecipient(person, identities);
        const templates = deps.templates;
        if (to)
          out.push({
            way: TEMPLATE_WAY,
            run: async () => {
              const values = await templateValues(deps, n, person, now);
              if (!values) return { result: "refused_for_good", reason: "nothing_to_say" };
              await deps.limiter.acquire(`${TEMPLATE_WAY}:${person.id}`);
              const { costVnd } = await templates.send(to, kind, values, trackingId(n));
              return { result: "sent", costVnd, messageId: null, channel: TEMPLATE_WAY };
            },
          });
      }
    }
    return out;
  }

  /**
   * Who a template message goes to: the person's Zalo OA user id (the OA's follower), else their
   * phone number when they consented to be contacted by phone (from their latest registration).
   */
  async function templateRecipient(
    person: Person,
    identities: ChannelIdentity[],
  ): Promise<TemplateRecipient | null> {
    const oa = identities.find((i) => i.channel === deps.templateChannel);
    if (oa) return { userId: oa.externalId };
    if (person.consents.contact_phone === undefined) return null;
    const mine = await deps.store.submissions.ofPerson(person.id);
    const phone = mine
      .filter((s) => s.contactPhone)
      .sort((a, b) => b.updatedAt.getTime() - a.updatedAt.getTime())[0]?.contactPhone;
    return phone ? { phone } : null;
  }

  async function deliver(n: Notification, now: Date): Promise<boolean> {
    const payload = n.payload as NotificationPayload;
    if (payload.kind === "email_code") return deliverCode(n, payload, now);
    if (n.kind === "nudge") {
      const timing = nudgeTiming(n, deps.rulebook, now);
      if (timing === "expired") {
        await deps.store.notifications.markUnreached(n.id, "deadline passed", now);
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
    if (payload.kind === "decision_edit") {
      const byEmail = !couriers.has(payload.channel) && payload.channel === EMAIL_WAY;
      const courier = byEmail ? deps.email : couriers.get(payload.channel);
      if (!courier) return false; // Another instance serves that channel.
      // An e-mail's "chat" is the person's address, which the message reference does not keep.
      const contact = byEmail ? await deps.store.people.email(person.id) : null;
      if (byEmail && (!contact || contact.refused)) {
        await deps.store.notifications.markUndeliverable(n.id, "no e-mail address");
        return false;
      }
      const chatId = contact?.address ?? payload.chatId;
      await deps.limiter.acquire(`${payload.channel}:${byEmail ? person.id : chatId}`);
      await courier.edit(chatId, payload.messageId, rendered.views, speaker);
      await deps.store.notifications.markSent(n.id, payload.channel, now);
      return true;
    }
    const kind = policyKind(payload) ?? "arrival";
    const attempts: DeliveryAttempt[] = [];
    let later: Date | null = null;
    let lastReason = "no way to reach the person";
    for (const { way, run, identity } of await waysFor(n, kind, person, rendered, speaker, now)) {
      const tried = await attempt(way, n, run);
      attempts.push({
        notificationId: n.id,
        kind,
        way,
        result: tried.result,
        reason: tried.result === "sent" ? null : tried.reason.slice(0, 200),
        costVnd: tried.result === "sent" ? tried.costVnd : 0,
        at: deps.clock(),
      });
      if (tried.result === "sent") {
        await recorded(() =>
          deps.store.transaction(async (repos) => {
            if (rendered.keep && tried.messageId && "submissionId" in payload)
              await repos.messages.add({
                submissionId: payload.submissionId,
                personId: person.id,
                channel: tried.channel,
                chatId: tried.chatId ?? "",
                messageId: tried.messageId,
                purpose: rendered.keep,
              });
            await repos.deliveries.record(attempts);
            await repos.notifications.markSent(n.id, tried.channel, now);
          }),
        );
        return true;
      }
      lastReason = `${way}: ${(tried.detail ?? tried.reason).slice(0, 300)}`;
      if (tried.result === "refused_for_good") {
        if (identity) {
          deps.logger.info("recipient unreachable on a channel", { channel: identity.channel });
          await deps.store.people.setUndeliverable(identity.channel, identity.externalId, true);
        } else if (way === EMAIL_WAY) await deps.store.people.markEmailRefused(person.id, now);
      } else if (!later || tried.until < later) later = tried.until;
    }
    const by = reachBy(n, policy, deps.rulebook);
    await deps.store.transaction(async (repos) => {
      await repos.deliveries.record(attempts);
      // Nobody reached and no way left that may work later, or the time is up: unreached.
      if (!later || (by && now >= by)) await repos.notifications.markUnreached(n.id, lastReason, now);
      else await repos.notifications.markFailed(n.id, lastReason, by && by < later ? by : later);
    });
    return false;
  }

  /**
   * Writes down a message that went out. The database being busy for a moment must not make it
   * go out twice: the write is tried again (while the claim's lease lasts) instead of the send.
   */
  async function recorded(write: () => Promise<void>): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await write();
      } catch (error) {
        if (!deps.store.isTransient(error) || attempt >= RECORD_TRIES) throw error;
        await new Promise((resolve) => setTimeout(resolve, Math.min(200 * 2 ** attempt, 5000)));
      }
    }
  }

  /** A confirmation code for an e-mail address being added: to that address only, by e-mail. */
  async function deliverCode(
    n: Notification,
    payload: Extract<NotificationPayload, { kind: "email_code" }>,
    now: Date,
  ): Promise<boolean> {
    if (!deps.email) return false; // Another instance sends e-mail (or none does: it expires).
    if (now.getTime() > Date.parse(payload.expiresAt)) {
      await deps.store.notifications.markUndeliverable(n.id, "code expired");
      return false;
    }
    const person = await deps.store.people.get(n.personId);
    const speaker = { translator: deps.translator, language: person?.language ?? "vi" };
    const tried = await attempt(EMAIL_WAY, n, async () => {
      await deps.email!.send(payload.address, emailCodeViews(payload), speaker);
      return { result: "sent", costVnd: 0, messageId: null, channel: EMAIL_WAY };
    });
    await recorded(() =>
      deps.store.transaction(async (repos) => {
        await repos.deliveries.record([
          {
            notificationId: n.id,
            kind: "email_code",
            way: EMAIL_WAY,
            result: tried.result,
            reason: tried.result === "sent" ? null : tried.reason.slice(0, 200),
            costVnd: 0,
            at: deps.clock(),
          },
        ]);
        if (tried.result === "sent") await repos.notifications.markSent(n.id, EMAIL_WAY, now);
        else if (tried.result === "refused_for_good")
          await repos.notifications.markUndeliverable(n.id, `${EMAIL_WAY}: ${tried.reason}`);
        else await repos.notifications.markFailed(n.id, `${EMAIL_WAY}: ${tried.reason}`, tried.until);
      }),
    );
    return tried.result === "sent";
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

import { randomUUID } from "node:crypto";
import type { ChannelIdentity, PeopleRepository, Person } from "../../domain/ports.ts";
import { LANGUAGES } from "../../domain/types.ts";
import { dateOf, optionalDateOf } from "../driver.ts";
import type {
  ChannelIdentity as ChannelIdentityRow,
  Person as PersonRow,
} from "../generated/sqlite/client.ts";
import { isUniqueViolation, type Scope } from "../scope.ts";
import { consentsOf } from "./consents.ts";
import { oneOf } from "./rows.ts";

type IdentifyInput = Parameters<PeopleRepository["identify"]>[0];

/** Activity within this long of the recorded one is not written again. */
const FRESH_MS = 30_000;

/** A known account and its person in one read (every update starts with it); on the driver. */
const KNOWN = `
  SELECT i."id" AS "identityId", i."chatId", i."personId", i."undeliverable", i."lastActiveAt" AS "identityActiveAt",
         p."displayName", p."language", p."lastChannel", p."lastActiveAt", p."consents", p."erasedAt"
    FROM "ChannelIdentity" i JOIN "Person" p ON p."id" = i."personId"
   WHERE i."channel" = $1 AND i."externalId" = $2`;
const TOUCH_IDENTITY = `UPDATE "ChannelIdentity" SET "chatId" = $2, "lastActiveAt" = $3, "undeliverable" = $4 WHERE "id" = $1`;
const TOUCH_PERSON = `UPDATE "Person" SET "lastChannel" = $2, "lastActiveAt" = $3 WHERE "id" = $1`;
const PERSON_OF = `SELECT "personId" FROM "ChannelIdentity" WHERE "channel" = $1 AND "externalId" = $2`;

interface KnownRow {
  identityId: string;
  chatId: string;
  personId: string;
  undeliverable: unknown;
  identityActiveAt: unknown;
  displayName: string;
  language: string;
  lastChannel: string | null;
  lastActiveAt: unknown;
  consents: string;
  erasedAt: unknown;
}

export function peopleRepository(scope: Scope): PeopleRepository {
  const { db, cipher, driver } = scope;
  const personFromRow = (
    row: Pick<
      PersonRow,
      "id" | "displayName" | "language" | "lastChannel" | "lastActiveAt" | "consents" | "erasedAt"
    >,
  ): Person => ({
    id: row.id,
    displayName: cipher.decrypt(row.displayName),
    language: oneOf(LANGUAGES, row.language, "Person.language"),
    lastChannel: row.lastChannel,
    lastActiveAt: row.lastActiveAt,
    consents: consentsOf(row.consents),
    erasedAt: row.erasedAt,
  });

  /**
   * A known account: one read of the identity and its person, and the activity written only when
   * it is stale (two updates by primary key). Null for a first contact.
   */
  const identifyKnown = (input: IdentifyInput) =>
    scope.alone(async (lane) => {
      const { channel, externalId, chatId, at } = input;
      const [row] = await lane.all<KnownRow>(KNOWN, [channel, externalId]);
      if (!row) return null;
      const lastActiveAt = dateOf(row.identityActiveAt);
      const undeliverable = Boolean(row.undeliverable);
      const identity = (touched: boolean): ChannelIdentity => ({
        channel,
        externalId,
        chatId,
        personId: row.personId,
        undeliverable: touched ? false : undeliverable,
        lastActiveAt: touched ? at : lastActiveAt,
      });
      const person = (touched: boolean) =>
        personFromRow({
          id: row.personId,
          displayName: row.displayName,
          language: row.language,
          lastChannel: touched ? channel : row.lastChannel,
          lastActiveAt: touched ? at : optionalDateOf(row.lastActiveAt),
          consents: row.consents,
          erasedAt: optionalDateOf(row.erasedAt),
        });
      // Every update of a chat passes here: skip the writes when nothing changed but a few
      // seconds of activity (which channel was used last is still right to the minute).
      const fresh =
        row.chatId === chatId &&
        !undeliverable &&
        at.getTime() - lastActiveAt.getTime() < FRESH_MS &&
        at.getTime() >= lastActiveAt.getTime() &&
        row.lastChannel === channel;
      if (fresh) return { person: person(false), identity: identity(false), created: false };
      // Whoever writes to the bot can be written to again (e.g. after unblocking it). Outside a
      // transaction the two writes are each atomic, and both say the same: active now, here.
      await lane.run(TOUCH_IDENTITY, [row.identityId, chatId, at, false]);
      await lane.run(TOUCH_PERSON, [row.personId, channel, at]);
      return { person: person(true), identity: identity(true), created: false };
    });

  const identifyOnce = (input: IdentifyInput) =>
    scope.atomic(async (tx) => {
      const { channel, externalId, chatId, at } = input;
      const existing = await tx.channelIdentity.findUnique({
        where: { channel_externalId: { channel, externalId } },
      });
      if (existing) {
        // Every update of a chat passes here: skip the writes when nothing changed but a few
        // seconds of activity (which channel was used last is still right to the minute).
        const fresh =
          existing.chatId === chatId &&
          !existing.undeliverable &&
          at.getTime() - existing.lastActiveAt.getTime() < FRESH_MS &&
          at.getTime() >= existing.lastActiveAt.getTime();
        if (fresh) {
          const person = await tx.person.findUnique({ where: { id: existing.personId } });
          if (person?.lastChannel === channel)
            return { person: personFromRow(person), identity: identityFromRow(existing), created: false };
        }
        const identity = await tx.channelIdentity.update({
          where: { id: existing.id },
          // Whoever writes to the bot can be written to again (e.g. after unblocking it).
          data: { chatId, lastActiveAt: at, undeliverable: false },
        });
        const person = await tx.person.update({
          where: { id: existing.personId },
          data: { lastChannel: channel, lastActiveAt: at },
        });
        return { person: personFromRow(person), identity: identityFromRow(identity), created: false };
      }
      const person = await tx.person.create({
        data: {
          id: randomUUID(),
          // A citizen's platform name is not needed, so not kept; a member's is (see setDisplayName).
          displayName: input.displayName ? cipher.encrypt(input.displayName) : "",
          language: input.language,
          lastChannel: channel,
          lastActiveAt: at,
          createdAt: at,
        },
      });
      const identity = await tx.channelIdentity.create({
        data: {
          id: randomUUID(),
          channel,
          externalId,
          chatId,
          personId: person.id,
          lastActiveAt: at,
          createdAt: at,
        },
      });
      return { person: personFromRow(person), identity: identityFromRow(identity), created: true };
    });

  return {
    async identify(input) {
      const known = await identifyKnown(input);
      if (known) return known;
      try {
        return await identifyOnce(input);
      } catch (error) {
        // First contact from one account arriving twice at once: the loser's transaction rolled
        // back whole, and running it again finds the winner's person.
        if (scope.retryable && isUniqueViolation(error)) return identifyOnce(input);
        throw error;
      }
    },

    async get(id) {
      const row = await db.person.findUnique({ where: { id } });
      return row && personFromRow(row);
    },

    async setDisplayName(id, name) {
      await db.person.update({ where: { id }, data: { displayName: name ? cipher.encrypt(name) : "" } });
    },

    async personOf(channel, externalId) {
      const [row] = await driver.all<{ personId: string }>(PERSON_OF, [channel, externalId]);
      return row?.personId ?? null;
    },

    async setLanguage(id, language) {
      await db.person.update({ where: { id }, data: { language } });
    },

    async identities(personId) {
      const rows = await db.channelIdentity.findMany({ where: { personId }, orderBy: { createdAt: "asc" } });
      return rows.map(identityFromRow);
    },

    async setUndeliverable(channel, externalId, undeliverable) {
      await db.channelIdentity.updateMany({ where: { channel, externalId }, data: { undeliverable } });
    },

    async email(id) {
      const row = await db.person.findUnique({
        where: { id },
        select: { email: true, emailRefusedAt: true },
      });
      if (!row?.email) return null;
      return { address: cipher.decrypt(row.email), refused: row.emailRefusedAt !== null };
    },

    async setEmail(id, address) {
      await db.person.update({
        where: { id },
        data: { email: address ? cipher.encrypt(address) : null, emailRefusedAt: null },
      });
    },

    async markEmailRefused(id, at) {
      await db.person.update({ where: { id }, data: { emailRefusedAt: at } });
    },

    erase: (personId, at, keep) =>
      scope.atomic(async (tx) => {
        const identities = await tx.channelIdentity.findMany({ where: { personId } });
        const chats = identities.map((i) => ({ channel: i.channel, chatId: i.chatId }));
        // The chat the request came from keeps its session: the runner writes its new state next.
        await tx.dialogSession.deleteMany({
          where: { OR: [{ personId }, ...chats], NOT: { channel: keep.channel, chatId: keep.chatId } },
        });
        if (chats.length)
          await tx.inboundUpdate.deleteMany({ where: { OR: chats, status: { in: ["done", "failed"] } } });
        await tx.channelIdentity.deleteMany({ where: { personId } });
        await tx.linkCode.deleteMany({ where: { personId } });
        await tx.webSignIn.deleteMany({ where: { personId } });
        await tx.webSession.deleteMany({ where: { personId } });
        await tx.notification.deleteMany({ where: { personId } });
        await tx.messageRef.deleteMany({ where: { personId } });
        await tx.person.update({
          where: { id: personId },
          data: {
            displayName: "",
            consents: "{}",
            erasedAt: at,
            lastChannel: null,
            lastActiveAt: null,
            email: null,
            emailRefusedAt: null,
          },
        });
        scope.erased();
      }),

    async linkIdentity(channel, externalId, personId) {
      await db.channelIdentity.update({
        where: { channel_externalId: { channel, externalId } },
        data: { personId },
      });
    },
  };
}

function identityFromRow(row: ChannelIdentityRow): ChannelIdentity {
  return {
    channel: row.channel,
    externalId: row.externalId,
    chatId: row.chatId,
    personId: row.personId,
    undeliverable: row.undeliverable,
    lastActiveAt: row.lastActiveAt,
  };
}

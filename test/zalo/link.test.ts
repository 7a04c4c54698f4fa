import { describe, expect, it } from "vitest";
import {
  createLinkCode,
  hashLinkCode,
  isLinkCode,
  LINK_CODE_MINUTES,
  newLinkCode,
  normalizeLinkCode,
  redeemLinkCode,
} from "../../src/application/services/link.ts";
import { databaseKinds, useStore } from "../storage/databases.ts";
import { query } from "../storage/inspect.ts";
import { vn } from "../support/fixtures.ts";

const T0 = vn("2026-03-10T09:00:00");
const later = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);

describe("link codes", () => {
  it("are 8 characters without look-alikes, shown as ABCD-EFGH, read in any case", () => {
    const codes = Array.from({ length: 200 }, newLinkCode);
    for (const code of codes) {
      expect(code).toMatch(/^[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4}$/);
      expect(isLinkCode(code)).toBe(true);
      expect(isLinkCode(code.toLowerCase().replace("-", " "))).toBe(true);
    }
    expect(new Set(codes).size).toBe(codes.length);
    expect(normalizeLinkCode(" abcd-efgh ")).toBe("ABCDEFGH");
    expect(hashLinkCode("abcd efgh")).toBe(hashLinkCode("ABCD-EFGH"));
    expect(isLinkCode("ABCD-EFG0")).toBe(false);
    expect(isLinkCode("ABCDEFGHJ")).toBe(false);
  });
});

describe.each(databaseKinds)("linking channels on $provider", (kind) => {
  const db = useStore(kind, { perTest: true });

  async function twoAccounts() {
    const store = db.store();
    const telegram = await store.people.identify({
      channel: "telegram",
      externalId: "111",
      chatId: "111",
      displayName: "An",
      language: "vi",
      at: T0,
    });
    const zalo = await store.people.identify({
      channel: "zalo-bot",
      externalId: "z-1",
      chatId: "z-1",
      displayName: "An Zalo",
      language: "vi",
      at: T0,
    });
    return { store, person: telegram.person.id, other: zalo.person.id };
  }

  it("links the account that types the code to the person who asked for it, once", async () => {
    const { store, person, other } = await twoAccounts();
    expect(person).not.toBe(other);
    const { code, expiresAt, minutes } = await createLinkCode(store, person, T0);
    expect(minutes).toBe(LINK_CODE_MINUTES);
    expect(expiresAt).toEqual(later(10));
    // Stored hashed only.
    const rows = await query(db.url(), `SELECT "codeHash", "personId" FROM "LinkCode"`);
    expect(rows).toEqual([{ codeHash: hashLinkCode(code), personId: person }]);
    expect(JSON.stringify(rows)).not.toContain(normalizeLinkCode(code));

    expect(await redeemLinkCode(store, code.toLowerCase(), "zalo-bot", "z-1", later(9))).toEqual({
      ok: true,
      personId: person,
      already: false,
    });
    expect((await store.people.identities(person)).map((i) => i.channel).sort()).toEqual([
      "telegram",
      "zalo-bot",
    ]);
    expect(await store.people.identities(other)).toEqual([]);
    // The next message from Zalo is the same person.
    const again = await store.people.identify({
      channel: "zalo-bot",
      externalId: "z-1",
      chatId: "z-1",
      displayName: "An Zalo",
      language: "vi",
      at: later(10),
    });
    expect(again.person.id).toBe(person);

    expect(await redeemLinkCode(store, code, "zalo-oa", "o-1", later(9))).toEqual({
      ok: false,
      reason: "used",
    });
  });

  it("refuses expired, unknown and malformed codes; a new code replaces the unused one", async () => {
    const { store, person } = await twoAccounts();
    const first = await createLinkCode(store, person, T0);
    expect(await redeemLinkCode(store, first.code, "zalo-bot", "z-1", later(10))).toEqual({
      ok: false,
      reason: "expired",
    });
    expect(await redeemLinkCode(store, "ABCD-EFGH", "zalo-bot", "z-1", T0)).toEqual({
      ok: false,
      reason: "unknown",
    });
    expect(await redeemLinkCode(store, "12", "zalo-bot", "z-1", T0)).toEqual({
      ok: false,
      reason: "invalid",
    });
    const second = await createLinkCode(store, person, later(11));
    const third = await createLinkCode(store, person, later(12));
    expect(await redeemLinkCode(store, second.code, "zalo-bot", "z-1", later(13))).toEqual({
      ok: false,
      reason: "unknown",
    });
    expect(await redeemLinkCode(store, third.code, "zalo-bot", "z-1", later(13))).toMatchObject({ ok: true });
  });

  it("says so when the account already belongs to the person, and works inside a transaction", async () => {
    const { store, person } = await twoAccounts();
    const result = await store.transaction(async (repos) => {
      const { code } = await createLinkCode(repos, person, T0);
      return redeemLinkCode(repos, code, "telegram", "111", later(1));
    });
    expect(result).toEqual({ ok: true, personId: person, already: true });
  });

  it("lets only one of two accounts racing for one code have it", async () => {
    const { store, person } = await twoAccounts();
    await store.people.identify({
      channel: "zalo-oa",
      externalId: "o-1",
      chatId: "o-1",
      displayName: "X",
      language: "vi",
      at: T0,
    });
    const { code } = await createLinkCode(store, person, T0);
    const results = await Promise.all([
      redeemLinkCode(store, code, "zalo-bot", "z-1", later(1)),
      redeemLinkCode(store, code, "zalo-oa", "o-1", later(1)),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok)).toEqual([{ ok: false, reason: "used" }]);
  });
});

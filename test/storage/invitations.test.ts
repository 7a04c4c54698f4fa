import { describe, expect, it } from "vitest";
import { databaseKinds, useStore } from "./databases.ts";
import { minutesAfter, T0 } from "./fixtures.ts";

describe.each(databaseKinds)("invitations and memberships on $provider", (kind) => {
  const db = useStore(kind);
  const invite = (codeHash: string, expiresAt = minutesAfter(T0, 60)) =>
    db.store().invitations.create({ codeHash, bodyCode: "NB-HL", role: "officer", expiresAt });

  it("redeems once: the membership is added, a second redeem is 'used'", async () => {
    await invite("hash-once");
    expect(await db.store().invitations.redeem("hash-once", "officer-1", T0)).toEqual({
      ok: true,
      membership: { personId: "officer-1", bodyCode: "NB-HL", role: "officer" },
    });
    expect(await db.store().memberships.ofPerson("officer-1")).toEqual([
      { personId: "officer-1", bodyCode: "NB-HL", role: "officer" },
    ]);
    expect(await db.store().invitations.redeem("hash-once", "officer-2", T0)).toEqual({
      ok: false,
      reason: "used",
    });
    expect(await db.store().memberships.ofPerson("officer-2")).toEqual([]);
  });

  it("lets only one of two simultaneous redeems win", async () => {
    await invite("hash-race");
    const results = await Promise.all([
      db.store().invitations.redeem("hash-race", "racer-1", T0),
      db.store().invitations.redeem("hash-race", "racer-2", T0),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.find((r) => !r.ok)).toEqual({ ok: false, reason: "used" });
  });

  it("refuses expired and unknown codes", async () => {
    await invite("hash-old", T0);
    expect(await db.store().invitations.redeem("hash-old", "late-1", T0)).toEqual({
      ok: false,
      reason: "expired",
    });
    expect(await db.store().invitations.redeem("hash-none", "late-1", T0)).toEqual({
      ok: false,
      reason: "unknown",
    });
    expect(await db.store().memberships.ofPerson("late-1")).toEqual([]);
  });

  it("adds memberships idempotently and lists a body's by role", async () => {
    const memberships = db.store().memberships;
    await memberships.add({ personId: "m-1", bodyCode: "BODY-M", role: "officer" });
    await memberships.add({ personId: "m-1", bodyCode: "BODY-M", role: "officer" });
    await memberships.add({ personId: "m-2", bodyCode: "BODY-M", role: "committee" });
    expect(await memberships.ofBody("BODY-M")).toHaveLength(2);
    expect(await memberships.ofBody("BODY-M", "committee")).toEqual([
      { personId: "m-2", bodyCode: "BODY-M", role: "committee" },
    ]);
  });

  it("redeeming a role already held keeps one membership", async () => {
    await db.store().memberships.add({ personId: "twice", bodyCode: "NB-HL", role: "officer" });
    await invite("hash-twice");
    expect((await db.store().invitations.redeem("hash-twice", "twice", T0)).ok).toBe(true);
    expect(await db.store().memberships.ofPerson("twice")).toHaveLength(1);
  });
});

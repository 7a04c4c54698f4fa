import { describe, expect, it } from "vitest";
import type { RateRule, RateVerdict, Store } from "../../src/domain/ports.ts";
import { openStore } from "../../src/storage/client.ts";
import { databaseKinds, useStore } from "./databases.ts";
import { T0 } from "./fixtures.ts";

const RULE: RateRule = { perSecond: 1, burst: 10 };
const later = (ms: number) => new Date(T0.getTime() + ms);

describe.each(databaseKinds)("rate limits on $provider", (kind) => {
  const db = useStore(kind, { perTest: true });
  const take = (key: string, at = T0, rule = RULE, store: Store = db.store()) =>
    store.rateLimits.take(key, at, rule);
  const takes = async (n: number, key: string, at = T0, rule = RULE) => {
    const verdicts: RateVerdict[] = [];
    for (let i = 0; i < n; i++) verdicts.push(await take(key, at, rule));
    return verdicts;
  };
  const allowed = (n: number): RateVerdict[] => Array(n).fill("allowed");
  const excess = (n: number): RateVerdict[] => Array(n).fill("excess");

  it("allows a burst, then refuses: the first refusal is told apart from the later ones", async () => {
    expect(await takes(13, "p-1")).toEqual([...allowed(10), "first_excess", ...excess(2)]);
  });

  it("gives tokens back at the sustained rate, never more than the burst", async () => {
    await takes(11, "p-2");
    expect(await takes(2, "p-2", later(999))).toEqual(excess(2));
    expect(await takes(2, "p-2", later(1000))).toEqual(["allowed", "excess"]);
    expect(await takes(4, "p-2", later(4000))).toEqual([...allowed(3), "excess"]);
    // A long pause fills the bucket up to the burst, not beyond it.
    expect(await takes(12, "p-2", later(3_600_000))).toEqual([...allowed(10), "first_excess", "excess"]);
  });

  it("says slow down once per flood: again only after the bucket has filled up", async () => {
    await takes(11, "p-3");
    // Tokens trickle back while the flood goes on: admitted one by one, without a second warning.
    for (let s = 1; s <= 5; s++)
      expect(await takes(2, "p-3", later(s * 1000))).toEqual(["allowed", "excess"]);
    // Ten quiet seconds: full again, and the warning is due once more.
    expect(await takes(12, "p-3", later(15_000))).toEqual([...allowed(10), "first_excess", "excess"]);
  });

  it("keeps each key's bucket apart", async () => {
    await takes(11, "p-4");
    expect(await take("p-5")).toBe("allowed");
    expect(await take("p-4")).toBe("excess");
  });

  it("takes a fractional rate and ignores a clock that runs behind the bucket", async () => {
    const slow = { perSecond: 0.5, burst: 1 };
    expect(await takes(2, "p-6", later(10_000), slow)).toEqual(["allowed", "first_excess"]);
    // An instance whose clock is behind refills nothing and moves nothing back.
    expect(await take("p-6", T0, slow)).toBe("excess");
    expect(await take("p-6", later(11_000), slow)).toBe("excess");
    expect(await take("p-6", later(12_000), slow)).toBe("allowed");
  });

  it("prunes the buckets untouched since a time, which are full again", async () => {
    await takes(11, "p-8");
    await take("p-9", later(60_000));
    expect(await db.store().rateLimits.prune(later(1))).toBe(1);
    expect(await takes(11, "p-8", later(2))).toEqual([...allowed(10), "first_excess"]);
    expect(await take("p-9", later(60_000))).toBe("allowed");
  });

  it("never admits more than the burst to two stores hammering one key at once", async () => {
    const second = await openStore(db.url());
    try {
      const verdicts = await Promise.all(
        Array.from({ length: 60 }, (_, i) => take("p-7", T0, RULE, i % 2 ? second : db.store())),
      );
      const count = (v: RateVerdict) => verdicts.filter((x) => x === v).length;
      expect([count("allowed"), count("first_excess"), count("excess")]).toEqual([10, 1, 49]);
    } finally {
      await second.close();
    }
  });
});

import { describe, expect, it } from "vitest";
import { databaseKinds, useStore } from "./databases.ts";

describe.each(databaseKinds)("dialog sessions and the inbox on $provider", (kind) => {
  const db = useStore(kind);
  const dialogs = () => db.store().dialogs;
  const inbox = () => db.store().inbox;

  it("creates a session at version 0, then updates it only from the current version", async () => {
    expect(await dialogs().load("telegram", "chat-1")).toBeNull();
    expect(await dialogs().save("telegram", "chat-1", { step: "field" }, 0, "person-1")).toBe(true);
    expect(await dialogs().load("telegram", "chat-1")).toEqual({ state: { step: "field" }, version: 1 });

    expect(await dialogs().save("telegram", "chat-1", { step: "name" }, 1)).toBe(true);
    expect(await dialogs().load("telegram", "chat-1")).toEqual({ state: { step: "name" }, version: 2 });
  });

  it("answers false and writes nothing when the version is stale", async () => {
    await dialogs().save("zalo", "chat-2", { step: "a" }, 0);
    expect(await dialogs().save("zalo", "chat-2", { step: "b" }, 0)).toBe(false);
    expect(await dialogs().save("zalo", "chat-2", { step: "c" }, 7)).toBe(false);
    expect(await dialogs().load("zalo", "chat-2")).toEqual({ state: { step: "a" }, version: 1 });
  });

  it("lets exactly one of two concurrent saves of one version win", async () => {
    await dialogs().save("telegram", "chat-3", { n: 0 }, 0);
    const results = await Promise.all([
      dialogs().save("telegram", "chat-3", { n: 1 }, 1),
      dialogs().save("telegram", "chat-3", { n: 2 }, 1),
    ]);
    expect(results.filter(Boolean)).toHaveLength(1);
    expect((await dialogs().load("telegram", "chat-3"))?.version).toBe(2);
  });

  it("keeps sessions of the same chat id on different channels apart", async () => {
    await dialogs().save("telegram", "same", { on: "telegram" }, 0);
    await dialogs().save("zalo", "same", { on: "zalo" }, 0);
    expect((await dialogs().load("zalo", "same"))?.state).toEqual({ on: "zalo" });
  });

  const item = (
    key: string,
    over: Partial<{ source: string; chatId: string; seq: number; receivedAt: Date }> = {},
  ) => ({
    source: "telegram:1",
    key,
    channel: "telegram",
    chatId: "c-1",
    seq: Number(key),
    payload: { update: key },
    receivedAt: new Date("2026-03-10T02:00:00Z"),
    ...over,
  });
  const hours = (n: number) => new Date(Date.parse("2026-03-10T02:00:00Z") + n * 3_600_000);

  it("stores a delivery once within the dedupe window, per source", async () => {
    const windowStart = hours(-48);
    expect(await inbox().receive(item("1001"), windowStart)).toBe(true);
    expect(await inbox().receive(item("1001"), windowStart)).toBe(false);
    expect(await inbox().receive(item("1001", { source: "telegram:2" }), windowStart)).toBe(true);
    expect((await inbox().pending("telegram", "c-1", 10)).length).toBe(2);
  });

  it("takes an old key as new once its delivery is done and the window has passed", async () => {
    expect(await inbox().receive(item("2001", { chatId: "c-2" }), hours(-48))).toBe(true);
    // Still pending: never taken again, whatever its age.
    expect(await inbox().receive(item("2001", { chatId: "c-2", receivedAt: hours(200) }), hours(150))).toBe(
      false,
    );
    await inbox().markDone("telegram:1", "2001", hours(0));
    expect(await inbox().receive(item("2001", { chatId: "c-2", receivedAt: hours(24) }), hours(-24))).toBe(
      false,
    );
    expect(await inbox().receive(item("2001", { chatId: "c-2", receivedAt: hours(200) }), hours(150))).toBe(
      true,
    );
    const [again] = await inbox().pending("telegram", "c-2", 10);
    expect(again).toMatchObject({ key: "2001", status: "pending", attempts: 0, payload: { update: "2001" } });
  });

  it("lists a chat's waiting deliveries in the chat's order, without the done ones' payloads", async () => {
    for (const key of ["3003", "3001", "3002"])
      await inbox().receive(item(key, { chatId: "c-3" }), hours(-48));
    await inbox().markDone("telegram:1", "3001", hours(1));
    expect((await inbox().pending("telegram", "c-3", 10)).map((i) => i.key)).toEqual(["3002", "3003"]);
    expect(await inbox().dueChats(hours(1), 10)).toContainEqual({ channel: "telegram", chatId: "c-3" });
  });

  it("counts failed attempts only when asked, and keeps a failed delivery without its payload", async () => {
    await inbox().receive(item("4001", { chatId: "c-4" }), hours(-48));
    await inbox().retry("telegram:1", "4001", "database away", hours(1), false);
    await inbox().retry("telegram:1", "4001", "bug", hours(2), true);
    const [waiting] = await inbox().pending("telegram", "c-4", 10);
    expect(waiting).toMatchObject({ attempts: 1, notBefore: hours(2) });
    expect(await inbox().dueChats(hours(1), 10)).not.toContainEqual({ channel: "telegram", chatId: "c-4" });
    await inbox().markFailed("telegram:1", "4001", "bug", hours(3));
    expect(await inbox().pending("telegram", "c-4", 10)).toEqual([]);
  });

  it("leases a chat to one owner at a time, until the lease runs out", async () => {
    expect(await inbox().lease("telegram", "c-5", "a", hours(1), hours(0))).toBe(true);
    expect(await inbox().lease("telegram", "c-5", "b", hours(1), hours(0))).toBe(false);
    expect(await inbox().lease("telegram", "c-5", "a", hours(2), hours(0.5))).toBe(true);
    expect(await inbox().lease("telegram", "c-5", "b", hours(4), hours(3))).toBe(true);
    await inbox().release("telegram", "c-5", "a");
    expect(await inbox().lease("telegram", "c-5", "a", hours(4), hours(3))).toBe(false);
    await inbox().release("telegram", "c-5", "b");
    expect(await inbox().lease("telegram", "c-5", "a", hours(4), hours(3))).toBe(true);
  });

  it("prunes processed deliveries older than a date, and never a pending one", async () => {
    await inbox().receive(item("6001", { chatId: "c-6" }), hours(-48));
    await inbox().receive(item("6002", { chatId: "c-6" }), hours(-48));
    await inbox().markDone("telegram:1", "6001", hours(0));
    expect(await inbox().prune(hours(1))).toBeGreaterThanOrEqual(1);
    expect((await inbox().pending("telegram", "c-6", 10)).map((i) => i.key)).toEqual(["6002"]);
    // Pruned: the key is new again.
    expect(await inbox().receive(item("6001", { chatId: "c-6" }), hours(-48))).toBe(true);
  });
});

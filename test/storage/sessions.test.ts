import { describe, expect, it } from "vitest";
import { databaseKinds, useStore } from "./databases.ts";

describe.each(databaseKinds)("dialog sessions and processed updates on $provider", (kind) => {
  const db = useStore(kind);
  const dialogs = () => db.store().dialogs;
  const processed = () => db.store().processed;

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

  it("marks an update processed once", async () => {
    expect(await processed().isProcessed("telegram", "1001")).toBe(false);
    expect(await processed().markProcessed("telegram", "1001")).toBe(true);
    expect(await processed().markProcessed("telegram", "1001")).toBe(false);
    expect(await processed().markProcessed("zalo", "1001")).toBe(true);
    expect(await processed().isProcessed("telegram", "1001")).toBe(true);
  });
});

import { describe, expect, it } from "vitest";
import { openStore } from "../../src/storage/client.ts";
import { parseDatabaseUrl } from "../../src/storage/database-url.ts";
import { InvalidDatabaseUrlError, StorageUnavailableError } from "../../src/storage/errors.ts";
import { migrate } from "../../src/storage/migrate.ts";
import { databaseKinds, useStore } from "./databases.ts";
import { auditEvent, draft } from "./fixtures.ts";
import { query } from "./inspect.ts";

describe.each(databaseKinds)("store on $provider", (kind) => {
  const db = useStore(kind);

  it("commits every write of a transaction together", async () => {
    const submission = draft();
    const code = await db.store().transaction(async (repos) => {
      await repos.submissions.create(submission);
      const next = await repos.submissions.nextCode(2050);
      await repos.submissions.applyTransition(
        { ...submission, code: next, status: "submitted" },
        auditEvent(submission),
        0,
      );
      await repos.inbox.receive(
        {
          source: "telegram:1",
          key: "tx-commit",
          channel: "telegram",
          chatId: "c",
          seq: 1,
          payload: {},
          receivedAt: new Date(),
        },
        new Date(0),
      );
      return next;
    });
    expect(code).toBe("DVK-2050-000001");
    expect(await db.store().submissions.get(submission.id)).toMatchObject({ code, version: 1 });
    expect((await db.store().inbox.pending("telegram", "c", 10)).map((i) => i.key)).toEqual(["tx-commit"]);
  });

  it("rolls every write back when the work throws", async () => {
    const submission = draft();
    const failure = new Error("the dialog failed");
    await expect(
      db.store().transaction(async (repos) => {
        await repos.submissions.create(submission);
        await repos.submissions.nextCode(2051);
        await repos.dialogs.save("telegram", "tx-rollback", { step: 1 }, 0);
        await repos.notifications.enqueue({
          dedupeKey: "tx-rollback",
          personId: "p",
          kind: "k",
          payload: {},
          notBefore: new Date(),
        });
        throw failure;
      }),
    ).rejects.toBe(failure);
    expect(await db.store().submissions.get(submission.id)).toBeNull();
    expect(await db.store().dialogs.load("telegram", "tx-rollback")).toBeNull();
    expect(await db.store().notifications.byKey("tx-rollback")).toBeNull();
    expect(await db.store().submissions.nextCode(2051)).toBe("DVK-2051-000001");
  });

  // A repository of the top level used inside the work: its statements and the transaction it
  // begins (a savepoint) are the store transaction's, on its connection.
  it("makes a transaction begun inside the work part of the store's", async () => {
    const store = db.store();
    const codeHash = "hash-nested";
    const create = () =>
      store.linkCodes.create({
        codeHash,
        personId: "p-nested",
        expiresAt: new Date(Date.now() + 60_000),
        now: new Date(),
      });
    const failure = new Error("after the nested transaction");
    await expect(
      store.transaction(async (repos) => {
        await repos.dialogs.save("telegram", "nested", { step: 1 }, 0);
        await create();
        throw failure;
      }),
    ).rejects.toBe(failure);
    expect(await store.dialogs.load("telegram", "nested")).toBeNull();
    expect(await query(db.url(), `SELECT "codeHash" FROM "LinkCode"`)).toEqual([]);
    await store.transaction(async (repos) => {
      await repos.dialogs.save("telegram", "nested", { step: 2 }, 0);
      await create();
    });
    expect(await store.dialogs.load("telegram", "nested")).toMatchObject({ state: { step: 2 } });
    expect(await query(db.url(), `SELECT "codeHash" FROM "LinkCode"`)).toEqual([{ codeHash }]);
  });

  it.runIf(kind.provider === "sqlite")("runs SQLite in WAL mode", async () => {
    expect(await query(db.url(), "PRAGMA journal_mode")).toEqual([{ journal_mode: "wal" }]);
  });
});

describe("opening a database", () => {
  it("names an unreachable PostgreSQL server without its password", async () => {
    const url = "postgresql://dvk:s3cret@127.0.0.1:1/dvk";
    const error = await openStore(url).catch((e) => e);
    expect(error).toBeInstanceOf(StorageUnavailableError);
    expect(error.message).toContain("postgresql://dvk@127.0.0.1:1/dvk");
    expect(error.message).not.toContain("s3cret");
    await expect(migrate(url)).rejects.toBeInstanceOf(StorageUnavailableError);
  });

  it("reports a SQLite file that cannot be opened", async () => {
    await expect(openStore("file:/nonexistent-dir/dvk.db")).rejects.toBeInstanceOf(StorageUnavailableError);
  });

  it("reads DATABASE_URL forms", () => {
    expect(parseDatabaseUrl("file:./data/dvk.db")).toEqual({
      provider: "sqlite",
      file: `${process.cwd()}/data/dvk.db`,
      label: `${process.cwd()}/data/dvk.db`,
    });
    expect(parseDatabaseUrl("file:/var/lib/dvk.db?connection_limit=1")).toMatchObject({
      file: "/var/lib/dvk.db",
    });
    expect(parseDatabaseUrl("postgres://u:p@h:5432/d?schema=dvk&sslmode=disable")).toEqual({
      provider: "postgres",
      connectionString: "postgres://u:p@h:5432/d?sslmode=disable",
      schema: "dvk",
      label: "postgres://u@h:5432/d?sslmode=disable",
    });
    expect(() => parseDatabaseUrl("mysql://h/d")).toThrow(InvalidDatabaseUrlError);
    expect(() => parseDatabaseUrl("file:")).toThrow(InvalidDatabaseUrlError);
  });
});

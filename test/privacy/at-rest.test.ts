// Personal data at rest: encrypted on both databases, unreadable raw, re-encrypted by rotate-key,
// and a local demo that keeps its own key.
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createApp, StartupError } from "../../src/app.ts";
import { createLogger } from "../../src/application/logger.ts";
import { loadConfig } from "../../src/config.ts";
import { createCipher, keyId, newKey, openStore, parseKey } from "../../src/storage/index.ts";
import { databaseKinds } from "../storage/databases.ts";
import { useApp } from "../support/app.ts";
import { runDvk } from "../support/cli.ts";
import { TEST_DATA_KEY, testCipher } from "../support/data-key.ts";
import { registerModel } from "../support/registration.ts";
import { cellsHolding, rawSqliteBytes } from "../support/scan.ts";

const PHONE = "0912345678";
const CONTACT = "Nguyễn Văn An";

const cli = (args: string[], env: Record<string, string | undefined>) => runDvk(args, env);

describe.each(databaseKinds)("personal data at rest on $provider", (kind) => {
  const app = useApp(kind);

  it("stores contact names and phones encrypted: no table holds them in clear, the bot reads them back", async () => {
    const a = app();
    await registerModel(a, "citizen");
    const [submission] = await a.store.submissions.list();
    expect(submission).toMatchObject({ contactName: CONTACT, contactPhone: PHONE });
    expect(submission!.code).toMatch(/^DVK-2026-/);
    expect(await a.store.submissions.getByCode(submission!.code!)).toMatchObject({ contactPhone: PHONE });
    expect(await cellsHolding(a.url, [PHONE, CONTACT])).toEqual([]);
    if (kind.provider === "sqlite") {
      const raw = rawSqliteBytes(a.url);
      for (const needle of [PHONE, "912345678", "912 345 678", CONTACT])
        expect(raw.includes(Buffer.from(needle, "utf8"))).toBe(false);
    }
  });

  it("re-encrypts everything under a new key with rotate-key: the old key no longer reads anything", async () => {
    const a = app();
    const fresh = newKey();
    const result = await cli(["data", "rotate-key"], {
      DATABASE_URL: a.url,
      DATA_ENCRYPTION_KEY: TEST_DATA_KEY,
      DATA_ENCRYPTION_NEW_KEY: fresh,
      LOG_LEVEL: "silent",
    });
    expect(result.err).toBe("");
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/Re-encrypted \d+ values under key/);
    expect(result.out).not.toContain(fresh);
    const newCipher = createCipher(parseKey(fresh));
    const rotated = await openStore(a.url, { cipher: newCipher });
    const stale = await openStore(a.url, { cipher: testCipher() });
    try {
      expect(await rotated.sealed.keyIds()).toEqual([keyId(parseKey(fresh))]);
      const [submission] = await rotated.submissions.list();
      expect(submission).toMatchObject({ contactPhone: PHONE, contactName: CONTACT });
      // Duplicates are still found: their keys were remade under the new key.
      expect(
        await rotated.submissions.findByDedupeKey(
          (await import("../../src/domain/eligibility.ts")).dedupeKey(
            submission!.unitName!,
            submission!.description.model_name!,
          ),
          submission!.cycleYear,
        ),
      ).toHaveLength(1);
      await expect(stale.submissions.list()).rejects.toThrow(/DATA_ENCRYPTION_KEY/);
      await expect(stale.dialogs.load("test", "citizen")).rejects.toThrow();
      // And the bot refuses to start on the old key, naming the variable.
      const refused = await cli(["submissions", "list"], { DATABASE_URL: a.url, LOG_LEVEL: "silent" });
      expect(refused.code).toBe(1);
      expect(refused.err).toContain("DATA_ENCRYPTION_KEY");
    } finally {
      await rotated.close();
      await stale.close();
    }
  });
});

describe("the local demo's key", () => {
  const dir = mkdtempSync(join(tmpdir(), "dvk-key-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const logger = createLogger("silent");

  it("is created beside a new SQLite database, kept, rotated in its file, and missed when lost", async () => {
    const file = join(dir, "dvk.db");
    const env = { DATABASE_URL: `file:${file}`, DATA_ENCRYPTION_KEY: "" };
    const lines: string[] = [];
    const first = await createApp(
      loadConfig(env),
      createLogger("info", (l) => lines.push(l)),
    );
    const { person } = await first.store.people.identify({
      channel: "test",
      externalId: "u",
      chatId: "u",
      displayName: "Trần Thị Bích",
      language: "vi",
      at: new Date(),
    });
    await first.close();
    const keyFile = `${file}.key`;
    expect(existsSync(keyFile)).toBe(true);
    expect(statSync(keyFile).mode & 0o077).toBe(0);
    expect(lines.join("\n")).toContain(`file=${keyFile}`);
    expect(lines.join("\n")).not.toContain(readFileSync(keyFile, "utf8").trim());
    const before = readFileSync(keyFile, "utf8");

    const again = await createApp(loadConfig(env), logger);
    expect((await again.store.people.get(person.id))?.displayName).toBe("Trần Thị Bích");
    await again.close();
    expect(readFileSync(keyFile, "utf8")).toBe(before);

    const rotated = await cli(["data", "rotate-key"], { ...env, LOG_LEVEL: "silent" });
    expect(rotated.code).toBe(0);
    expect(rotated.out).toContain(`The key file ${keyFile} now holds the new key only.`);
    const after = readFileSync(keyFile, "utf8").trim();
    expect(after).not.toBe(before.trim());
    expect(after.split("\n")).toHaveLength(1);
    const reopened = await createApp(loadConfig(env), logger);
    expect((await reopened.store.people.get(person.id))?.displayName).toBe("Trần Thị Bích");
    await reopened.close();

    rmSync(keyFile);
    const lost = await createApp(loadConfig(env), logger).catch((e) => e);
    expect(lost).toBeInstanceOf(StartupError);
    expect(String(lost.message)).toContain("DATA_ENCRYPTION_KEY");
    // The key file it would have made is not left behind to hide the loss at the next start.
    expect(existsSync(keyFile)).toBe(false);
  });

  it("served to the public (PUBLIC_URL), warns when the key file sits beside the database, and not when it is elsewhere", async () => {
    const file = join(dir, "public", "dvk.db");
    const served = {
      DATABASE_URL: `file:${file}`,
      DATA_ENCRYPTION_KEY: "",
      PUBLIC_URL: "https://dvk.example.gov.vn",
    };
    const warnings = async (env: Record<string, string>) => {
      const lines: string[] = [];
      const started = await createApp(
        loadConfig(env),
        createLogger("warn", (l) => lines.push(l)),
      );
      await started.close();
      return lines.filter((l) => l.includes("sits beside the database"));
    };
    expect(await warnings(served)).toHaveLength(1);
    // The same key kept outside the data folder: no warning.
    const outside = join(dir, "secrets", "dvk.key");
    mkdirSync(join(dir, "secrets"), { mode: 0o700 });
    renameSync(`${file}.key`, outside);
    expect(await warnings({ ...served, DATA_KEY_FILE: outside })).toEqual([]);
    // Not served to the public (a terminal trial): the demo's key beside its database is fine.
    renameSync(outside, `${file}.key`);
    expect(await warnings({ ...served, PUBLIC_URL: "" })).toEqual([]);
  });

  it.runIf(databaseKinds.some((k) => k.provider === "postgres"))(
    "is required with PostgreSQL: start-up names the variable",
    async () => {
      // A schema of its own: the shared server's default one may hold another run's tables.
      const at = new URL(process.env.TEST_DATABASE_URL!);
      at.searchParams.set("schema", `keyless_${randomBytes(4).toString("hex")}`);
      const url = at.toString();
      const error = await createApp(loadConfig({ DATABASE_URL: url, DATA_ENCRYPTION_KEY: "" }), logger).catch(
        (e) => e,
      );
      expect(error).toBeInstanceOf(StartupError);
      expect(String(error.message)).toContain("DATA_ENCRYPTION_KEY");
    },
  );
});

import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { startFakeTelegram } from "../support/fake-telegram.ts";
import { root } from "../support/fixtures.ts";

const dir = mkdtempSync(join(tmpdir(), "dvk-cli-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const env = { DATABASE_URL: `file:${join(dir, "dvk.db")}`, LOG_LEVEL: "warn" };

function dvk(...args: string[]) {
  const r = spawnSync("npm", ["run", "--silent", "dvk", "--", ...args], {
    cwd: root,
    env: { ...process.env, ...env },
    encoding: "utf8",
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe("the dvk command line", () => {
  it("migrates, lists nothing, invites, reports and nudges; bad arguments exit 2 with the usage", () => {
    expect(dvk("migrate")).toMatchObject({ code: 0 });
    expect(existsSync(join(dir, "dvk.db"))).toBe(true);
    expect(dvk("migrate").out).toContain("up to date");
    const list = dvk("submissions", "list", "--json");
    expect(list.code).toBe(0);
    expect(JSON.parse(list.out)).toEqual([]);

    const invite = dvk("invite", "--body", "NB-HL", "--role", "officer");
    expect(invite.code).toBe(0);
    expect(invite.out).toMatch(/Code: [A-Za-z0-9_-]{16}\n/);

    for (const bad of [
      ["invite", "--body", "NB-HL", "--role", "boss"],
      ["submissions", "list", "--status", "lost"],
      ["frobnicate"],
      ["report", "--body", "NB"],
      ["nudges", "run", "--now", "yesterday"],
      ["invite", "--bogus"],
    ]) {
      const r = dvk(...bad);
      expect(r.code, bad.join(" ")).toBe(2);
      expect(r.err).toContain("Usage: npm run --silent dvk -- <command>");
      expect(r.err).not.toContain("    at ");
    }

    const xlsx = join(dir, "bao-cao.xlsx");
    const csv = join(dir, "bao-cao.csv");
    const report = dvk("report", "--body", "NB", "--year", "2026", "--xlsx", xlsx, "--csv", csv);
    expect(report.code).toBe(0);
    expect(report.out).toContain("Ban Dân vận Tỉnh ủy Ninh Bình");
    expect(readFileSync(xlsx).subarray(0, 2).toString()).toBe("PK");
    expect(readFileSync(csv).subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));

    const nudges = dvk("nudges", "run", "--now", "2026-03-16T08:00:00+07:00");
    expect(nudges.code).toBe(0);
    // Nobody has joined yet (the invitation is unused): one pass at that clock, nothing to queue.
    expect(nudges.out.trim()).toBe("Queued 0 nudges at 2026-03-16T01:00:00.000Z; sent 0.");
  }, 120_000);

  it("prints the Telegram deep link whenever a token is set, asking the Bot API for the username", async () => {
    const fake = await startFakeTelegram({ username: "dvk_ninhbinh_bot" });
    try {
      const out = await new Promise<string>((resolve, reject) => {
        const child = spawn(
          "npm",
          ["run", "--silent", "dvk", "--", "invite", "--body", "NB-HL", "--role", "committee"],
          {
            cwd: root,
            env: { ...process.env, ...env, TELEGRAM_BOT_TOKEN: fake.token, TELEGRAM_API_ROOT: fake.url },
          },
        );
        let text = "";
        child.stdout.on("data", (d) => (text += d));
        child.on("error", reject);
        child.on("close", () => resolve(text));
      });
      const code = /Code: (\S+)/.exec(out)?.[1];
      expect(code).toMatch(/^[A-Za-z0-9_-]{16}$/);
      expect(out).toContain(`telegram: https://t.me/dvk_ninhbinh_bot?start=${code}`);
      expect(fake.callsOf("getMe")).toHaveLength(1);
    } finally {
      await fake.close();
    }
  }, 60_000);
});

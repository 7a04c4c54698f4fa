import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openStore } from "../../src/storage/index.ts";
import { testCipher } from "../support/data-key.ts";
import { root } from "../support/fixtures.ts";

const dir = mkdtempSync(join(tmpdir(), "dvk-console-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs `npm start` with no token: the terminal chat, driven through stdin. */
function npmStart(
  input: string,
  env: Record<string, string>,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn("npm", ["start", "--silent"], {
      cwd: root,
      env: {
        ...process.env,
        TELEGRAM_BOT_TOKEN: "",
        ZALO_BOT_TOKEN: "",
        ZALO_OA_APP_ID: "",
        HTTP_PORT: "0",
        ...env,
      },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input);
  });
}

describe("npm start without a token", () => {
  it("on an empty database with the country's 2025 units: finds a ward by part of its name and routes there", async () => {
    const url = `file:${join(dir, "vn.db")}`;
    const env = { ...process.env, DATABASE_URL: url, RULEBOOK: "two-tier-2026-2030", LOG_LEVEL: "warn" };
    const imported = spawnSync(
      "npm",
      ["run", "--silent", "dvk", "--", "org", "import", "--units", "vn-2025"],
      {
        cwd: root,
        env,
        encoding: "utf8",
      },
    );
    expect(imported.stdout).toContain("Imported 3355 bodies.");
    const lines = readFileSync(join(root, "test/e2e/console-script.txt"), "utf8").split("\n");
    // The same registration, its place typed without diacritics and picked from the best matches.
    const script = [
      ...lines.slice(0, 4),
      "phu ly",
      "1",
      ...lines.slice(5).map((l) => l.replace("xã Ninh Nhất", "phường Phủ Lý")),
    ];
    const run = await npmStart(script.join("\n"), {
      DATABASE_URL: url,
      RULEBOOK: "two-tier-2026-2030",
      DVK_NOW: "2026-03-10T09:00:00+07:00",
      LOG_LEVEL: "warn",
    });
    expect(run.stdout).toContain("1. Phường Phủ Lý, Tỉnh Ninh Bình");
    expect(run.stdout).toContain("Đăng ký đã được chuyển đến Ban Xây dựng Đảng Đảng ủy phường Phủ Lý.");
    const store = await openStore(url, { cipher: testCipher() });
    try {
      expect(await store.org.count()).toBe(34 + 3321);
      const [s] = await store.submissions.list();
      expect(s).toMatchObject({
        status: "submitted",
        localityCode: "37-13285",
        bodyCode: "37-13285",
        tier: "commune",
      });
    } finally {
      await store.close();
    }
  }, 120_000);

  it("registers a whole model through stdin/stdout and stores it", async () => {
    const url = `file:${join(dir, "dvk.db")}`;
    const script = `${readFileSync(join(root, "test/e2e/console-script.txt"), "utf8")}`;
    const run = await npmStart(script, {
      DATABASE_URL: url,
      DVK_NOW: "2026-03-10T09:00:00+07:00",
      LOG_LEVEL: "warn",
    });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("DVK Bot — trò chuyện trên dòng lệnh");
    expect(run.stdout).toContain("Câu 1/27");
    expect(run.stdout).toContain("Đã gửi đăng ký! Mã hồ sơ của bạn: DVK-2026-000001");
    const store = await openStore(url, { cipher: testCipher() });
    try {
      const [s] = await store.submissions.list();
      expect(s).toMatchObject({
        code: "DVK-2026-000001",
        status: "submitted",
        bodyCode: "NB-TP-NN",
        field: "culture_society",
        unitCategory: "party_cell",
        contactPhone: "0912345678",
        cycleYear: 2026,
      });
      expect(Object.keys(s!.description).sort()).toEqual([
        "activities",
        "area",
        "forces",
        "goals",
        "model_name",
        "outputs",
        "resources",
        "situation",
        "sustainability",
        "timeline",
      ]);
      expect(s!.description.model_name).toBe("Tổ tự quản đường hoa thôn Đông");
      expect(Object.values(s!.scores).reduce((a, b) => a + b, 0)).toBe(90);
    } finally {
      await store.close();
    }
  }, 120_000);

  it("stops with one clear line and a non-zero exit when configuration is bad", async () => {
    const run = await npmStart("", { HTTP_PORT: "eighty" });
    expect(run.code).not.toBe(0);
    expect(
      run.stderr
        .trim()
        .split("\n")
        .filter((l) => l.includes("HTTP_PORT")),
    ).toEqual(["Configuration error: HTTP_PORT: expected a port number 0–65535"]);
    expect(run.stderr).not.toContain("    at ");
  }, 60_000);
});

import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { sign } from "@telegram-apps/init-data-node";
import ExcelJS from "exceljs";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Submission } from "../../src/domain/types.ts";
import { databaseKinds } from "../storage/databases.ts";
import { useApp } from "../support/app.ts";
import { root } from "../support/fixtures.ts";
import type { TelegramUser } from "../support/telegram-driver.ts";
import { startWorkspace, type Workspace } from "./support.ts";

/** Written on every run: every page at a phone's width and a desktop's. */
const SHOTS = join(root, ".tmp", "screenshots");
const WIDTHS = { phone: { width: 390, height: 844 }, desktop: { width: 1920, height: 1080 } } as const;

/**
 * The workspace in a real browser: Debian's chromium driven by playwright-core (nothing
 * downloaded). Any console error or failed request in a page fails the test.
 */
describe("the workspace in chromium", () => {
  const app = useApp(databaseKinds[0]!);
  let w: Workspace;
  let browser: Browser;
  let member: TelegramUser;
  let other: TelegramUser;
  const subs: Submission[] = [];
  const problems: string[] = [];

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    w = await startWorkspace(app());
    member = await w.join(5001, "Lan", "NB-TP-NN", "committee");
    other = await w.join(5002, "Hà", "NB-TP-NN", "committee");
    subs.push(await w.register(7001));
    subs.push(
      await w.register(7002, {
        field: "economy",
        unitName: "Hội Nông dân xã",
        description: { ...subs[0]!.description, model_name: "Cánh đồng mẫu lớn Ninh Nhất" },
      }),
    );
    subs.push(await w.register(7003, { field: "defense_security" }));
    browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox"] });
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await w?.close();
  });

  /** A browser context that records every console error and failed request. */
  async function context(size: keyof typeof WIDTHS = "desktop"): Promise<BrowserContext> {
    const ctx = await browser.newContext({ viewport: WIDTHS[size], acceptDownloads: true, locale: "vi-VN" });
    ctx.on("page", (page) => watch(page));
    return ctx;
  }
  function watch(page: Page): void {
    page.on("console", (m) => {
      if (m.type() === "error") problems.push(`console: ${m.text()} on ${page.url()}`);
    });
    page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
    page.on("requestfailed", (r) => {
      // A download is handed to the browser, not failed; a font still loading when the Mini App's
      // first page moves on to the queue is dropped by the browser, not failed either.
      const dropped = r.failure()?.errorText === "net::ERR_ABORTED" && r.resourceType() === "font";
      if (!r.url().includes("/report/list.") && !dropped)
        problems.push(`failed: ${r.url()} ${r.failure()?.errorText}`);
    });
    page.on("response", (r) => {
      if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`);
    });
  }
  /** The page at both widths, as a file each. */
  async function shoot(page: Page, name: string): Promise<void> {
    for (const [size, viewport] of Object.entries(WIDTHS)) {
      await page.setViewportSize(viewport);
      await page.screenshot({ path: join(SHOTS, `${name}-${size}.png`), fullPage: true });
    }
    await page.setViewportSize(WIDTHS.desktop);
  }

  it("signs in by the chat's link, filters the queue, opens a submission, decides; chat follows", async () => {
    const ctx = await context();
    const page = await ctx.newPage();
    await page.goto(await w.signInLink(member));
    // The token left the address bar as soon as the page read it.
    expect(page.url()).toBe(`${w.publicUrl}/app/signin`);
    await shoot(page, "signin");
    await page.getByRole("button", { name: "Đăng nhập" }).click();
    await page.waitForURL(`${w.publicUrl}/app/queue`);
    expect(await page.locator("#queue tbody tr").count()).toBe(3);
    await shoot(page, "queue");
    // The README's picture, rewritten on demand (a run of the tests leaves the tree clean).
    if (process.env.UPDATE_DOCS_SCREENSHOT)
      await page.screenshot({ path: join(root, "docs", "workspace-queue.png") });

    await page.selectOption("#f-field", "economy");
    await page.getByRole("button", { name: "Lọc" }).click();
    await page.waitForLoadState();
    expect(await page.locator("#queue tbody tr").count()).toBe(1);
    await page.fill("#f-q", "canh dong");
    await page.selectOption("#f-field", "");
    await page.getByRole("button", { name: "Lọc" }).click();
    await page.waitForLoadState();
    expect(await page.locator("#queue tbody tr").count()).toBe(1);

    const s = subs[1]!;
    await page.getByRole("link", { name: s.code! }).click();
    await page.waitForURL(`${w.publicUrl}/app/s/${s.id}`);
    await expect.poll(() => page.locator("#scores tbody tr").count()).toBe(7);
    expect(await page.locator("#checklist li").count()).toBeGreaterThan(0);
    await shoot(page, "submission");

    await page.getByRole("button", { name: "Tiếp nhận", exact: true }).click();
    await page.waitForURL(`${w.publicUrl}/app/s/${s.id}?done=decided`);
    expect(await page.locator("#status").textContent()).toBe("Đã tiếp nhận");
    expect(await page.locator("#history").textContent()).toContain("Tiếp nhận");
    await shoot(page, "decided");

    // The registrant is told in Telegram; the other member's copy shows the outcome, without buttons.
    await w.fake.waitFor(
      () =>
        w.fake
          .chat(7002)
          .some((m) => m.text?.includes(`Hồ sơ ${s.code}`) && m.text.includes("đã được tiếp nhận")),
      15_000,
    );
    await w.fake.waitFor(
      () =>
        w.fake
          .chat(5002)
          .some(
            (m) => m.edited && m.text?.includes(s.code!) && m.text.includes("✅ Đã tiếp nhận — bởi Lan Trần"),
          ),
      15_000,
    );
    expect(other.buttons().length).toBeGreaterThan(0); // the other submissions still have theirs

    // Return with a reason, on another one.
    await page.goto(`${w.publicUrl}/app/s/${subs[2]!.id}`);
    await page.fill("#reason-return", "Cần bổ sung ảnh và số liệu kết quả.");
    await page.getByRole("button", { name: "Yêu cầu bổ sung" }).click();
    await page.waitForURL(/done=decided/);
    expect(await page.locator("#status").textContent()).toBe("Cần bổ sung");
    await ctx.close();
    expect(problems).toEqual([]);
  }, 90_000);

  it("shows the report, its chart, and downloads the XLSX that reads back", async () => {
    const ctx = await context();
    const page = await ctx.newPage();
    await page.goto(await w.signInLink(member));
    await page.getByRole("button", { name: "Đăng nhập" }).click();
    await page.waitForURL(/\/app\/queue$/);
    await page.getByRole("link", { name: "Báo cáo" }).click();
    await page.waitForURL(/\/app\/report/);
    expect(await page.locator("#report-text").textContent()).toContain("Khối Dân vận Đảng ủy xã Ninh Nhất");
    await expect
      .poll(() =>
        page
          .locator("#chart")
          .evaluate((img) => (img as unknown as { complete: boolean; naturalWidth: number }).naturalWidth),
      )
      .toBeGreaterThan(0);
    await shoot(page, "report");
    const [download] = await Promise.all([page.waitForEvent("download"), page.click("#xlsx")]);
    const file = await download.path();
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(file);
    const text = book.worksheets.map((ws) => ws.getSheetValues().flat().join(" ")).join(" ");
    for (const s of subs) expect(text).toContain(s.code!);
    expect(download.suggestedFilename()).toMatch(/^bao-cao-NB-TP-NN-\d{4}\.xlsx$/);
    await ctx.close();
    expect(problems).toEqual([]);
  }, 60_000);

  it("signs in as a Telegram Mini App, on a phone", async () => {
    const ctx = await context("phone");
    const page = await ctx.newPage();
    const initData = sign(
      { user: { id: 5002, first_name: "Hà" }, auth_date: new Date() } as never,
      w.fake.token,
      app().clock(),
    );
    await page.goto(
      `${w.publicUrl}/app/miniapp#tgWebAppData=${encodeURIComponent(initData)}&tgWebAppVersion=8.0`,
    );
    await page.waitForURL(`${w.publicUrl}/app/queue`);
    expect(await page.locator("h1").textContent()).toBe("Hàng đợi hồ sơ");
    await shoot(page, "miniapp-queue");
    await ctx.close();
    expect(problems).toEqual([]);
  }, 60_000);

  it("refuses a forged Mini App sign-in and says how to sign in", async () => {
    const ctx = await browser.newContext({ locale: "vi-VN" });
    const page = await ctx.newPage();
    const forged = sign(
      { user: { id: 5002, first_name: "Hà" } } as never,
      "1:not-the-bot-token",
      app().clock(),
    );
    await page.goto(`${w.publicUrl}/app/miniapp#tgWebAppData=${encodeURIComponent(forged)}`);
    await expect.poll(() => page.locator("#miniapp-status").textContent()).toContain("Không đăng nhập được");
    await ctx.close();
  }, 30_000);
});

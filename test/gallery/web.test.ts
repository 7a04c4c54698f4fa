// The public gallery in a real browser and over HTTP (issue 17): search, each filter, a model's
// page with its Open Graph card and photo, the statistics, the sitemap; no console error; 100
// random public pages without a phone number, a contact's name or a street address; anything
// unpublished or unconsented is 404 everywhere, the sitemap included.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "../../src/application/logger.ts";
import type { ChannelAdapter } from "../../src/bot/adapter.ts";
import { startHttpServer } from "../../src/bot/http/server.ts";
import { type GalleryEntry, galleryEntry } from "../../src/domain/gallery.ts";
import { formatSubmissionCode } from "../../src/domain/submission-code.ts";
import { FIELD_IDS, type Submission, TIERS } from "../../src/domain/types.ts";
import { gallery, sitemap } from "../../src/web/gallery/index.ts";
import { databaseKinds } from "../storage/databases.ts";
import { useApp } from "../support/app.ts";
import { completeDraft, root } from "../support/fixtures.ts";
import { siteDepsOf } from "../support/serving.ts";

const SHOTS = join(root, ".tmp", "screenshots");
const README_SHOT = join(root, "docs", "gallery.png");
/** A 1×1 PNG, as a channel would hand a photo back. */
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==",
  "base64",
);
const FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ"];
const GIVEN = ["Văn Hùng", "Thị Mai", "Minh Tuấn", "Thu Hà", "Đức Anh"];
const LOCALITIES = ["NB-TP-NN", "NB-HL-TY", "NB-TP"];

/** The i-th recognised submission, with its contact typed into its texts as registrants do. */
function model(i: number): { s: Submission; personal: string[] } {
  const contact = `${FAMILY[i % FAMILY.length]} ${GIVEN[i % GIVEN.length]} ${String.fromCharCode(65 + (i % 26))}`;
  const phone = `09${String(10_000_000 + i * 7919).slice(0, 8)}`;
  const address = `Số ${i + 1} đường Lê Lợi, tổ ${i % 9} khu phố ${i % 7}`;
  const base = completeDraft();
  const s = completeDraft({
    id: `s-${i}`,
    code: formatSubmissionCode(2022 + (i % 5), 500 + i),
    status: "recognized",
    registrantId: `p-${i}`,
    field: FIELD_IDS[i % 4]!,
    tier: TIERS[i % 3]!,
    cycleYear: 2022 + (i % 5),
    localityCode: LOCALITIES[i % LOCALITIES.length]!,
    bodyCode: LOCALITIES[i % LOCALITIES.length]!,
    registrantKind: i % 5 === 0 ? "individual" : "collective",
    unitName: i % 5 === 0 ? contact : `Chi hội ${i}`,
    address,
    contactName: contact,
    contactPhone: phone,
    decidedAt: new Date(Date.UTC(2022 + (i % 5), 9, 5)),
    description: {
      ...base.description,
      model_name: `${["Đường hoa", "Môi trường xanh", "Camera an ninh", "Lúa hữu cơ"][i % 4]} mô hình ${i}`,
      forces: `Liên hệ ${contact}, điện thoại ${phone.replace(/(\d{4})(\d{3})(\d{3})/, "$1 $2 $3")}, ở ${address}.`,
    },
    attachments: i % 3 === 0 ? [{ kind: "photo", channel: "test", ref: `ph-${i}`, mime: "image/png" }] : [],
  });
  return { s, personal: [contact, phone, address, "Lê Lợi"] };
}

describe("the public gallery", () => {
  const app = useApp(databaseKinds[0]!);
  let url: string;
  let close: () => Promise<void>;
  let browser: Browser;
  const personal: string[] = [];
  const published: GalleryEntry[] = [];
  const problems: string[] = [];
  let unpublished: Submission;
  let unconsented: Submission;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    const a = app();
    for (let i = 0; i < 130; i++) {
      const { s, personal: p } = model(i);
      await a.store.submissions.create(s);
      personal.push(...p);
      if (i === 128) unpublished = s;
      if (i === 129) {
        unconsented = s;
        continue;
      }
      const entry = galleryEntry({
        chain: [s],
        photos: s.attachments,
        tree: a.tree,
        recognizedAt: s.decidedAt!,
        publishedAt: s.decidedAt!,
      });
      await a.store.gallery.publish(entry);
      if (i !== 128) published.push(entry);
    }
    await a.store.gallery.unpublish(unpublished.id);
    const photoChannel = {
      channel: "test",
      download: async (ref: string) =>
        ref.startsWith("ph-") ? { data: new Uint8Array(PNG), mime: "image/png" } : null,
    } as unknown as ChannelAdapter;
    const deps = siteDepsOf(a, { adapters: [photoChannel] });
    const server = await startHttpServer({
      host: "127.0.0.1",
      port: 0,
      routes: [],
      mounts: [gallery.create(deps), sitemap.create(deps)],
      ready: async () => true,
      logger: createLogger("silent"),
    });
    url = server.url;
    close = () => server.close();
    browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox"] });
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await close?.();
  });

  async function open(path: string, width = 1280): Promise<Page> {
    const ctx = await browser.newContext({ viewport: { width, height: 900 }, locale: "vi-VN" });
    const page = await ctx.newPage();
    page.on("console", (m) => {
      if (m.type() === "error") problems.push(`console: ${m.text()} on ${page.url()}`);
    });
    page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
    page.on("requestfailed", (r) => problems.push(`failed: ${r.url()}`));
    page.on("response", (r) => {
      if (r.status() >= 400 && !r.url().includes("/dvk-")) problems.push(`${r.status()}: ${r.url()}`);
    });
    await page.goto(`${url}${path}`);
    return page;
  }

  const titles = (page: Page) => page.locator("ul.models h3 a").allTextContents();

  it("searches by words without diacritics, ranked by the name, with every filter, usable by keyboard", async () => {
    const page = await open("/mo-hinh");
    expect(await page.locator("h1").textContent()).toContain("Thư viện mô hình");
    // Every control has its label.
    for (const id of ["q", "field", "province", "tier", "year"])
      expect(await page.locator(`label[for="${id}"]`).count(), id).toBe(1);
    await page.locator("#q").focus();
    await page.keyboard.type("moi truong");
    await page.keyboard.press("Enter");
    await page.waitForURL(/q=moi/);
    const found = await titles(page);
    expect(found.length).toBeGreaterThan(0);
    expect(found.every((t) => t.startsWith("Môi trường xanh"))).toBe(true);

    await page.selectOption("#field", "economy");
    await page.click("button[type=submit]");
    await page.waitForURL(/field=economy/);
    expect(await page.locator("h2#results").textContent()).toMatch(/^0 mô hình|Không/);
    await page.goto(`${url}/mo-hinh?field=economy`);
    const economy = await titles(page);
    expect(economy.length).toBeGreaterThan(0);
    expect(economy.every((t) => t.startsWith("Đường hoa"))).toBe(true);

    await page.goto(`${url}/mo-hinh`);
    await page.selectOption("#tier", "province");
    await page.selectOption("#year", "2024");
    await page.click("button[type=submit]");
    await page.waitForURL(/tier=province/);
    const provincial = published.filter((e) => e.tier === "province" && e.year === 2024);
    expect(await page.locator("h2#results").textContent()).toContain(`${provincial.length} mô hình`);

    // Province → commune: the commune appears once a province is chosen.
    await page.goto(`${url}/mo-hinh`);
    expect(await page.locator("#commune").count()).toBe(0);
    await page.selectOption("#province", "NB");
    await page.click("button[type=submit]");
    await page.waitForURL(/province=NB/);
    const communes = await page.locator("#commune option").allTextContents();
    expect(communes).toContain("Xã Ninh Nhất");
    await page.selectOption("#commune", { label: "Xã Ninh Nhất" });
    await page.click("button[type=submit]");
    await page.waitForURL(/commune=/);
    const inCommune = published.filter((e) => e.communeName === "Xã Ninh Nhất").length;
    expect(await page.locator("h2#results").textContent()).toContain(`${inCommune} mô hình`);
    await page.screenshot({ path: join(SHOTS, "gallery-search.png"), fullPage: true });

    // Paging without JavaScript.
    await page.goto(`${url}/mo-hinh`);
    await page.click("a[rel=next]");
    await page.waitForURL(/page=2/);
    expect(await titles(page)).toHaveLength(20);
    const phone = await open("/mo-hinh?q=duong+hoa", 390);
    await phone.screenshot({ path: README_SHOT.replace(".png", "-phone.png") });
    const wide = await open("/mo-hinh?q=duong+hoa", 1280);
    mkdirSync(join(root, "docs"), { recursive: true });
    writeFileSync(README_SHOT, await wide.screenshot());
    expect(problems).toEqual([]);
  }, 120_000);

  it("shows a model's page with its Open Graph card and photo, and the statistics with a chart", async () => {
    const withPhoto = published.find((e) => e.photos.length)!;
    const page = await open(`/mo-hinh/${withPhoto.slug}`);
    expect(await page.locator("h1").textContent()).toBe(withPhoto.name);
    expect(await page.locator('meta[property="og:title"]').getAttribute("content")).toBe(withPhoto.name);
    const image = await page.locator('meta[property="og:image"]').getAttribute("content");
    expect(image).toBe(`${url}/mo-hinh/anh/${withPhoto.slug}/1`);
    expect(
      await page
        .locator(".photos img")
        .evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth),
    ).toBe(1);
    const photo = await fetch(image!);
    expect(photo.headers.get("content-type")).toBe("image/png");
    expect((await fetch(`${url}/mo-hinh/anh/${withPhoto.slug}/2`)).status).toBe(404);

    const stats = await open("/mo-hinh/thong-ke");
    expect(await stats.locator("h1").textContent()).toContain("Thống kê");
    expect(await stats.locator("svg.bars").count()).toBe(4);
    expect(await stats.locator("text=Tổng số: 128 mô hình.").count()).toBe(1);
    await stats.screenshot({ path: join(SHOTS, "gallery-statistics.png"), fullPage: true });
    expect(problems).toEqual([]);
  }, 60_000);

  it("never shows a phone number, a contact's name or a street address on 100 random public pages", async () => {
    const paths = [
      "/mo-hinh",
      "/mo-hinh/thong-ke",
      "/sitemap.xml",
      ...Array.from({ length: 97 }, (_, k) => `/mo-hinh/${published[(k * 37) % published.length]!.slug}`),
    ];
    const phone = /(?:\+?84|0)(?:[\s.-]?\d){9}/;
    for (const path of paths) {
      const res = await fetch(`${url}${path}`);
      expect(res.status, path).toBe(200);
      const text = await res.text();
      expect(text, path).not.toMatch(phone);
      for (const p of personal) expect(text, `${path}: ${p}`).not.toContain(p);
    }
  }, 60_000);

  it("answers 404 for a model unpublished or never consented, everywhere, the sitemap included", async () => {
    const map = await (await fetch(`${url}/sitemap.xml`)).text();
    expect(map).toContain(`${url}/mo-hinh/${published[0]!.slug}`);
    expect(map.match(/<url>/g)).toHaveLength(published.length + 2);
    expect(await (await fetch(`${url}/mo-hinh/sitemap.xml`)).text()).toBe(map);
    for (const s of [unpublished, unconsented]) {
      const slug = s.code!.toLowerCase();
      expect((await fetch(`${url}/mo-hinh/${slug}`)).status).toBe(404);
      expect((await fetch(`${url}/mo-hinh/anh/${slug}/1`)).status).toBe(404);
      expect(map).not.toContain(slug);
      const search = await (
        await fetch(`${url}/mo-hinh?q=${encodeURIComponent(s.description.model_name!)}`)
      ).text();
      expect(search).not.toContain(slug);
    }
    expect((await fetch(`${url}/mo-hinh/not-a-code`)).status).toBe(404);
  });
});

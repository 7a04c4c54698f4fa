import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cutToLength, fitParams } from "../../src/bot/zalo-zbs/fit.ts";
import { zbsSettings } from "../../src/bot/zalo-zbs/settings.ts";
import {
  fillTemplate,
  loadZbsTemplates,
  parseZbsTemplates,
  ZBS_KINDS,
  ZbsTemplateError,
} from "../../src/bot/zalo-zbs/templates.ts";
import { root, vn } from "../support/fixtures.ts";

const EXAMPLE = join(root, "config/zbs-templates.example.json");

const one = (overrides: Record<string, unknown> = {}) => ({
  arrival: {
    templateId: "412301",
    params: { ma_ho_so: { source: "code", maxLength: 20 } },
    pricePerMessageVnd: 200,
    ...overrides,
  },
});

function issuesOf(data: unknown): string[] {
  try {
    parseZbsTemplates(data, "test.json");
  } catch (error) {
    expect(error).toBeInstanceOf(ZbsTemplateError);
    expect((error as Error).message).toContain("test.json");
    return (error as ZbsTemplateError).issues;
  }
  throw new Error("expected the configuration to be refused");
}

describe("the template configuration (ZALO_ZBS_TEMPLATES)", () => {
  it("reads the example: a template for every kind of notification", async () => {
    const templates = await loadZbsTemplates(EXAMPLE);
    expect(Object.keys(templates).sort()).toEqual([...ZBS_KINDS].sort());
    expect(templates.arrival).toMatchObject({
      templateId: "412301",
      params: { ma_ho_so: { source: "code", maxLength: 20 }, ngay_gui: { source: "date" } },
      pricePerMessageVnd: 200,
    });
  });

  it("takes a numeric template id as its digits, and a file that configures only some kinds", () => {
    expect(parseZbsTemplates(one({ templateId: 412301 }), "t").arrival!.templateId).toBe("412301");
    expect(Object.keys(parseZbsTemplates(one(), "t"))).toEqual(["arrival"]);
  });

  it("names the bad path of each problem", () => {
    expect(issuesOf(one({ templateId: "abc" }))).toEqual([
      "arrival.templateId: expected the template's id, digits",
    ]);
    expect(issuesOf(one({ params: { ma_ho_so: { source: "ma" } } }))[0]).toMatch(
      /^arrival\.params\.ma_ho_so\.source: expected one of code, model_name, deadline, date, days_left, body, outcome, count/,
    );
    expect(issuesOf(one({ params: { ma_ho_so: { source: "code", maxLength: 500 } } }))[0]).toMatch(
      /^arrival\.params\.ma_ho_so\.maxLength: /,
    );
    expect(issuesOf(one({ params: {} }))).toEqual(["arrival.params: a template has at least one parameter"]);
    expect(issuesOf(one({ pricePerMessageVnd: undefined }))[0]).toMatch(/^arrival\.pricePerMessageVnd: /);
    expect(issuesOf({ ...one(), arival: one().arrival })).toEqual(['(root): unknown "arival"']);
    expect(issuesOf(one({ templateid: "1" }))).toEqual(['arrival: unknown "templateid"']);
    expect(issuesOf(one({ params: { "mã hồ sơ": { source: "code" } } }))[0]).toMatch(
      /^arrival\.params\.mã hồ sơ: /,
    );
  });

  it("checks a template's text against its parameters and Zalo's 400 characters", () => {
    expect(issuesOf(one({ content: "Hồ sơ <ma_ho_so> của <don_vi>." }))).toEqual([
      "arrival.content: <don_vi> has no entry in params",
    ]);
    expect(issuesOf(one({ content: "Hồ sơ mới." }))).toEqual([
      "arrival.params.ma_ho_so: <ma_ho_so> is not in content",
    ]);
    expect(issuesOf(one({ content: `<ma_ho_so> ${"x".repeat(400)}` }))).toEqual([
      "arrival.content: longer than 400 characters",
    ]);
  });

  it("says which file cannot be read or is not JSON", async () => {
    const dir = mkdtempSync(join(tmpdir(), "zbs-"));
    const broken = join(dir, "broken.json");
    writeFileSync(broken, "{ not json");
    await expect(loadZbsTemplates(broken)).rejects.toThrow(/broken\.json is invalid:\n {2}- not JSON/);
    await expect(loadZbsTemplates(join(dir, "missing.json"))).rejects.toThrow(
      /missing\.json is invalid:\n {2}- cannot be read: ENOENT/,
    );
  });
});

describe("filling a template from a notification's data", () => {
  it("fills each parameter from its source: dates in Vietnam time, numbers as text", async () => {
    const templates = await loadZbsTemplates(EXAMPLE);
    const filled = fillTemplate(templates, "nudge_digest", {
      deadline: "Đăng ký mô hình mới, nhân rộng",
      // 30/3 at 00:00 in Vietnam is still 29/3 in UTC.
      date: vn("2026-03-30T00:00:00"),
      days_left: 7,
      body: "Ban Dân vận Huyện ủy Hoa Lư",
      count: 12,
    });
    expect(filled).toEqual({
      templateId: "412303",
      data: {
        han: "Đăng ký mô hình mới, nhân rộng",
        ngay_het_han: "30/03/2026",
        so_ngay: 7,
        don_vi: "Ban Dân vận Huyện ủy Hoa Lư",
        so_ho_so: 12,
      },
      limits: { han: 60, ngay_het_han: 10, so_ngay: 3, don_vi: 100, so_ho_so: 6 },
      content: templates.nudge_digest!.content,
      pricePerMessageVnd: 200,
    });
  });

  it("names the parameters the data cannot fill, and answers null for a kind without a template", () => {
    const templates = parseZbsTemplates(one(), "t");
    expect(() => fillTemplate(templates, "arrival", { code: " " })).toThrow(
      /arrival\.params\.ma_ho_so: no code/,
    );
    expect(fillTemplate(templates, "decision", { code: "DVK-2026-000001" })).toBeNull();
  });
});

describe("cutting values to Zalo's limits", () => {
  it("cuts at a character boundary, in NFC, with an ellipsis", () => {
    expect(cutToLength("Tổ tự quản", 30)).toBe("Tổ tự quản");
    expect(cutToLength("Tổ tự quản".normalize("NFD"), 30)).toBe("Tổ tự quản");
    expect(cutToLength("Tổ tự quản đường hoa", 8)).toBe("Tổ tự q…");
    expect(cutToLength("🇻🇳🇻🇳🇻🇳", 5)).toBe("🇻🇳…");
    expect(fitParams({ a: "x".repeat(40) })).toEqual({ a: `${"x".repeat(29)}…` });
  });

  it("keeps the whole message within 400, counting the template's own text", () => {
    const content = `${"Đ".repeat(300)} <a> <b>`;
    const fitted = fitParams(
      { a: "a".repeat(90), b: "b".repeat(20) },
      { limits: { a: 200, b: 200 }, content },
    );
    expect(302 + fitted.a!.length + fitted.b!.length).toBeLessThanOrEqual(400);
    expect(fitted.b).toBe("b".repeat(20));
  });
});

describe("the ZALO_ZBS_* settings", () => {
  it("defaults to Zalo's host and path, and names a bad variable", () => {
    expect(zbsSettings.parse({ ZALO_ZBS_TEMPLATES: "config/zbs.json" })).toEqual({
      apiRoot: "https://business.openapi.zalo.me",
      path: "/message/template",
      templatesPath: "config/zbs.json",
    });
    const bad = zbsSettings.safeParse({ ZALO_ZBS_API_ROOT: "not a url", ZALO_ZBS_TEMPLATES: "t.json" });
    expect(bad.error!.issues[0]!.path).toEqual(["ZALO_ZBS_API_ROOT"]);
    const path = zbsSettings.safeParse({ ZALO_ZBS_PATH: "message", ZALO_ZBS_TEMPLATES: "t.json" });
    expect(path.error!.issues[0]!.path).toEqual(["ZALO_ZBS_PATH"]);
    expect(zbsSettings.safeParse({}).error!.issues[0]!.path).toEqual(["ZALO_ZBS_TEMPLATES"]);
  });
});

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { RecipientUnreachable, RetryLater } from "../../src/application/delivery/courier.ts";
import { createLogger } from "../../src/application/logger.ts";
import { outcomeOf, ZBS_ERRORS, ZbsApiError, ZbsConfigError } from "../../src/bot/zalo-zbs/errors.ts";
import { normalizePhone } from "../../src/bot/zalo-zbs/phone.ts";
import { createZbsSender, RATE_LIMIT_RETRY_MS, type ZbsMessage } from "../../src/bot/zalo-zbs/sender.ts";
import { fillTemplate, parseZbsTemplates } from "../../src/bot/zalo-zbs/templates.ts";
import { FAKE_ZBS_CODES, FakeZbs, type FakeZbsTemplate } from "../support/fake-zbs.ts";
import { root, vn } from "../support/fixtures.ts";

const templates = parseZbsTemplates(
  JSON.parse(readFileSync(join(root, "config/zbs-templates.example.json"), "utf8")),
  "example",
);

/** The fake knows the example's templates as Zalo approved them: names, limits, text. */
const approved: Record<string, FakeZbsTemplate> = Object.fromEntries(
  Object.values(templates).map((t) => [
    t.templateId,
    {
      params: Object.fromEntries(Object.entries(t.params).map(([n, p]) => [n, p.maxLength ?? 30])),
      ...(t.content ? { content: t.content } : {}),
    },
  ]),
);
const PLAIN = "990001"; // a template without its text: three parameters of 30
const UNAPPROVED = "990002";

/** The OA's shared tokens as the sender sees them: the current one, and a fresh one when refused. */
function tokensFor(fake: FakeZbs) {
  let current = { token: fake.issueToken(), version: 1 };
  const refused: number[] = [];
  return {
    refused,
    current: async () => current,
    async rejected(version: number) {
      refused.push(version);
      if (version === current.version) current = { token: fake.issueToken(), version: version + 1 };
      return current;
    },
  };
}

const PHONE = "0912 345 678";
const arrival = (to: ZbsMessage["to"] = { phone: PHONE }): ZbsMessage => ({
  to,
  ...fillTemplate(templates, "arrival", {
    code: "DVK-2026-000001",
    model_name: "Tổ tự quản đường hoa thôn Đông",
    body: "Ban Dân vận Thành ủy Ninh Bình",
    date: vn("2026-03-16T09:00:00"),
  })!,
});

describe("Zalo template messages against a fake ZBS server", () => {
  let fake: FakeZbs;
  let now = vn("2026-03-16T15:30:00");
  const lines: string[] = [];
  const logger = createLogger("debug", (line) => lines.push(line));

  async function start(options: { tokenError?: number; dailyQuota?: number; path?: string } = {}) {
    fake = await FakeZbs.start({
      templates: {
        ...approved,
        [PLAIN]: { params: { a: 30, b: 30, c: 30 } },
        [UNAPPROVED]: { params: { a: 30 }, approved: false },
      },
      ...options,
    });
    const tokens = tokensFor(fake);
    const sender = createZbsSender({
      apiRoot: fake.url,
      ...(options.path ? { path: options.path } : {}),
      tokens,
      logger,
      clock: () => now,
    });
    return { sender, tokens };
  }

  beforeEach(() => {
    now = vn("2026-03-16T15:30:00");
    lines.length = 0;
  });
  afterEach(async () => {
    expect(fake.violations()).toEqual([]);
    await fake?.close();
  });

  it("sends an arrival by phone: 84…, the template's parameters, a tracking id; reads the receipt", async () => {
    const { sender } = await start();
    const receipt = await sender.send({ ...arrival(), trackingId: "notification-42" });
    expect(fake.calls).toHaveLength(1);
    expect(fake.calls[0]!.path).toBe("/message/template");
    expect(fake.delivered).toEqual([
      {
        phone: "84912345678",
        templateId: "412301",
        data: {
          ma_ho_so: "DVK-2026-000001",
          ten_mo_hinh: "Tổ tự quản đường hoa thôn Đông",
          don_vi: "Ban Dân vận Thành ủy Ninh Bình",
          ngay_gui: "16/03/2026",
        },
        trackingId: "notification-42",
        msgId: receipt.msgId,
        accessToken: fake.calls[0]!.accessToken,
      },
    ]);
    expect(receipt).toMatchObject({ trackingId: "notification-42", quota: { daily: 500, remaining: 499 } });
    expect(receipt.msgId).toMatch(/^[0-9a-f]{32}$/);
    expect(receipt.sentTime).toBeInstanceOf(Date);
  });

  it("sends by Zalo user id, with a tracking id of its own when none is given", async () => {
    const { sender } = await start();
    const receipt = await sender.send(arrival({ userId: "6142494823000000000" }));
    expect(fake.delivered[0]).toMatchObject({ userId: "6142494823000000000" });
    expect(fake.delivered[0]!.phone).toBeUndefined();
    expect(receipt.trackingId.length).toBeLessThanOrEqual(48);
    expect(fake.delivered[0]!.trackingId).toBe(receipt.trackingId);
  });

  it("normalises every way a Vietnamese number is written to 84…", async () => {
    const { sender } = await start();
    for (const phone of [
      "0912345678",
      "+84912345678",
      "84912345678",
      "+84 (0) 912-345-678",
      "0084 912.345.678",
    ])
      await sender.send(arrival({ phone }));
    expect(fake.delivered.map((d) => d.phone)).toEqual(Array(5).fill("84912345678"));
    expect(normalizePhone("024 3825 1234")).toBe("842438251234");
    for (const bad of ["12345", "+1 415 555 0100", "0912 345", "091234567890", "abc"])
      expect(normalizePhone(bad)).toBeNull();
  });

  it("refuses a number that is not one without calling Zalo", async () => {
    const { sender } = await start();
    await expect(sender.send(arrival({ phone: "12345" }))).rejects.toBeInstanceOf(RecipientUnreachable);
    await expect(sender.send(arrival({ userId: "not-an-id" }))).rejects.toBeInstanceOf(RecipientUnreachable);
    expect(fake.calls).toHaveLength(0);
  });

  it("cuts long values at character boundaries to each parameter's limit, and the whole to 400", async () => {
    const { sender } = await start();
    // Decomposed Vietnamese (as some keyboards type it) and emoji: never cut inside a character.
    const decomposed = "Mô hình dân vận khéo ".normalize("NFD").repeat(8);
    const emoji = `Nhà văn hóa ${"👨‍👩‍👧‍👦".repeat(20)}`;
    await sender.send({
      ...arrival(),
      data: { ...arrival().data, ten_mo_hinh: decomposed, don_vi: emoji },
    });
    const data = fake.delivered[0]!.data;
    expect(data.ten_mo_hinh!.length).toBeLessThanOrEqual(100);
    expect(data.ten_mo_hinh!.endsWith("…")).toBe(true);
    expect(data.ten_mo_hinh).toBe(data.ten_mo_hinh!.normalize("NFC"));
    expect(data.don_vi!.length).toBeLessThanOrEqual(100);
    expect(data.don_vi!.replace("Nhà văn hóa ", "").replace("…", "").length % "👨‍👩‍👧‍👦".length).toBe(0);

    // Three parameters of 30 fit; 400 in all is reached with long texts and a limit raised.
    await sender.send({ to: { phone: PHONE }, templateId: PLAIN, data: { a: "x".repeat(50), b: "y", c: 7 } });
    expect(fake.delivered[1]!.data).toEqual({ a: `${"x".repeat(29)}…`, b: "y", c: "7" });
    fake.options.templates[PLAIN]!.params = { a: 300, b: 300, c: 30 };
    await sender.send({
      to: { phone: PHONE },
      templateId: PLAIN,
      data: { a: "á".repeat(250), b: "b".repeat(250), c: "c" },
      limits: { a: 300, b: 300 },
    });
    const wide = fake.delivered[2]!.data;
    expect(wide.a!.length + wide.b!.length + wide.c!.length).toBeLessThanOrEqual(400);
    expect(wide.c).toBe("c");
  });

  it.each([-124, -216, -220])("refreshes a refused token (%i) once and sends again", async (tokenError) => {
    const { sender, tokens } = await start({ tokenError });
    fake.expireAccessTokens();
    await sender.send(arrival());
    expect(tokens.refused).toEqual([1]);
    expect(fake.calls.map((c) => c.error)).toEqual([tokenError, 0]);
    expect(fake.delivered).toHaveLength(1);
    expect(fake.calls[1]!.accessToken).not.toBe(fake.calls[0]!.accessToken);
  });

  it("tries a refreshed token only once: refused again, it fails without a loop", async () => {
    const { sender, tokens } = await start();
    fake.expireAccessTokens();
    const refreshes = tokens.rejected.bind(tokens);
    tokens.rejected = async (v: number) => {
      const t = await refreshes(v);
      fake.expireAccessTokens();
      return t;
    };
    const error = await sender.send(arrival()).catch((e) => e);
    expect(error).toBeInstanceOf(ZbsApiError);
    expect(error.code).toBe(-124);
    expect(fake.calls).toHaveLength(2);
    expect(tokens.refused).toEqual([1]);
    expect(error.message).not.toContain(fake.calls[0]!.accessToken);
  });

  it("waits for the next day, Vietnam time, when the daily quota is spent (-144, -147)", async () => {
    const { sender } = await start({ dailyQuota: 1 });
    await sender.send(arrival());
    const spent = await sender.send(arrival()).catch((e) => e);
    expect(spent).toBeInstanceOf(RetryLater);
    expect(spent.reason).toBe("quota");
    expect(spent.until).toEqual(vn("2026-03-17T00:00:00"));
    // Just after midnight it is the next midnight.
    now = vn("2026-03-17T00:10:00");
    fake.failNext({ error: -147, message: "Template exceeded daily quota" });
    const template = await sender.send(arrival()).catch((e) => e);
    expect(template).toMatchObject({ reason: "quota", until: vn("2026-03-18T00:00:00") });
    expect(lines.some((l) => l.includes("daily quota running low"))).toBe(true);
  });

  it("waits a few minutes when rate limited (-32, HTTP 429), and until 06:00 for a night-time template (-133)", async () => {
    const { sender } = await start();
    fake.failNext({ error: -32, message: "Request exceeded the rate limit" });
    const rate = await sender.send(arrival()).catch((e) => e);
    expect(rate).toMatchObject({
      reason: "rate_limited",
      until: new Date(now.getTime() + RATE_LIMIT_RETRY_MS),
    });
    fake.failNext({ httpStatus: 429 });
    expect(await sender.send(arrival()).catch((e) => e)).toMatchObject({ reason: "rate_limited" });
    now = vn("2026-03-16T22:30:00");
    fake.failNext({ error: -133, message: "Template cannot be sent at night" });
    const night = await sender.send(arrival()).catch((e) => e);
    expect(night).toBeInstanceOf(RetryLater);
    expect(night).toMatchObject({ reason: "night", until: vn("2026-03-17T06:00:00") });
  });

  it("gives up on a recipient Zalo cannot reach: unknown number, refused ZNS…", async () => {
    const { sender } = await start();
    fake.unknownPhones.add("84912345678");
    const unknown = await sender.send(arrival()).catch((e) => e);
    expect(unknown).toBeInstanceOf(RecipientUnreachable);
    expect(unknown.message).toContain("-118");
    expect(unknown.message).not.toContain("84912345678");
    for (const error of [-108, -114, -119, -139, -141]) {
      fake.failNext({ error });
      await expect(sender.send(arrival({ phone: "0987654321" }))).rejects.toBeInstanceOf(
        RecipientUnreachable,
      );
    }
  });

  it("reports a template or an account to fix as a configuration error", async () => {
    const { sender } = await start();
    const unapproved = await sender
      .send({ to: { phone: PHONE }, templateId: UNAPPROVED, data: { a: "x" } })
      .catch((e) => e);
    expect(unapproved).toBeInstanceOf(ZbsConfigError);
    expect(unapproved.code).toBe(-131);
    for (const error of [-115, -117, -135, -146]) {
      fake.failNext({ error });
      const e = await sender.send(arrival()).catch((x) => x);
      expect(e).toBeInstanceOf(ZbsConfigError);
      expect(e).not.toBeInstanceOf(RecipientUnreachable);
    }
  });

  it("leaves Zalo's own failures and no answer at all to the dispatcher's retries", async () => {
    const { sender } = await start();
    fake.failNext({ error: -100, message: "Unknown error" });
    const unknown = await sender.send(arrival()).catch((e) => e);
    expect(unknown).toBeInstanceOf(ZbsApiError);
    expect(unknown).not.toBeInstanceOf(ZbsConfigError);
    fake.failNext({ httpStatus: 502 });
    expect(await sender.send(arrival()).catch((e) => e)).toMatchObject({ name: "ZbsApiError", code: 502 });
    // A "0" under an HTTP error (a gateway's page) is no success.
    fake.failNext({ httpStatus: 502, error: 0, message: "Success" });
    expect(await sender.send(arrival()).catch((e) => e)).toMatchObject({ name: "ZbsApiError", code: 502 });
    const away = createZbsSender({
      apiRoot: "http://127.0.0.1:9",
      tokens: tokensFor(fake),
      logger,
      timeoutMs: 2000,
    });
    expect(await away.send(arrival()).catch((e) => e)).toMatchObject({ name: "ZbsApiError", code: 0 });
  });

  it("takes another path when configured, and refuses a bad tracking id or template id before calling", async () => {
    const { sender } = await start({ path: "/v2/message/template" });
    await sender.send(arrival());
    expect(fake.calls[0]!.path).toBe("/v2/message/template");
    await expect(sender.send({ ...arrival(), trackingId: "x".repeat(49) })).rejects.toBeInstanceOf(
      RangeError,
    );
    await expect(sender.send({ ...arrival(), templateId: "abc" })).rejects.toBeInstanceOf(RangeError);
    expect(fake.calls).toHaveLength(1);
  });

  it("never logs a phone number or a token", async () => {
    const { sender } = await start();
    fake.expireAccessTokens();
    fake.unknownPhones.add("84912345678");
    await sender.send(arrival()).catch(() => {});
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) {
      expect(line).not.toMatch(/912\s?345\s?678/);
      for (const call of fake.calls) expect(line).not.toContain(call.accessToken);
    }
  });
});

describe("the ZBS error table", () => {
  it("knows every code the fake answers, and what each means", () => {
    for (const code of FAKE_ZBS_CODES) expect(ZBS_ERRORS[code], String(code)).toBeDefined();
    expect(outcomeOf(-144)).toBe("quota");
    expect(outcomeOf(-124)).toBe("token");
    expect(outcomeOf(-131)).toBe("config");
    expect(outcomeOf(-118)).toBe("unreachable");
    expect(outcomeOf(429)).toBe("rate_limited");
    expect(outcomeOf(-99999)).toBe("retry");
  });
});

import { describe, expect, it } from "vitest";
import { createLogger, redact, redactor } from "../../src/application/logger.ts";
import { newInvitationCode } from "../../src/application/services/invitations.ts";
import { newLinkCode } from "../../src/application/services/link.ts";
import { loadConfig, secretsOf } from "../../src/config.ts";

function logged(
  write: (log: ReturnType<typeof createLogger>) => void,
  options?: Parameters<typeof createLogger>[2],
) {
  const lines: string[] = [];
  write(createLogger("debug", (l) => lines.push(l), options));
  return lines;
}

describe("log redaction", () => {
  it("never writes tokens, secrets or phone numbers", () => {
    const line = logged((log) =>
      log.info("calling https://api.telegram.org/bot123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw/getMe", {
        phone: "0912 345 678",
        other: "+84912345678",
        body: '{"access_token":"abc.def","x":1}',
        url: "postgresql://dvk:s3cret@127.0.0.1/dvk",
      }),
    ).join("\n");
    for (const secret of ["AAHdqTcv", "0912 345 678", "+84912345678", "abc.def", "s3cret"])
      expect(line).not.toContain(secret);
  });

  it("respects the level", () => {
    const lines: string[] = [];
    const log = createLogger("warn", (l) => lines.push(l));
    log.info("hidden");
    log.warn("shown");
    expect(lines).toHaveLength(1);
  });

  it.each([
    "0912345678",
    "0912 345 678",
    "0912.345.678",
    "0912-345-678",
    "091 234 5678",
    "091.234.5678",
    "(+84) 912 345 678",
    "+84 (0) 912-345-678",
    "+84 (0)912345678",
    "+84912345678",
    "+84 912 345 678",
    "+84-912-345-678",
    "84 912 345 678",
    "84912345678",
    "0084 912 345 678",
    "(84) 912345678",
    "(028) 3823 4567",
    "(028)38234567",
    "028 3823 4567",
    "028.3823.4567",
    "0283 823 4567",
    "+84 28 3823 4567",
    "(+84 28) 3823 4567",
    "84-28-38234567",
    "04 3823 4567",
    "0168 123 4567",
  ])("hides the phone number %s wherever it stands", (phone) => {
    for (const text of [phone, `sđt: ${phone}.`, `phone=${phone}&x=1`, `gọi (${phone}) nhé`, `"${phone}"`]) {
      const out = redact(text);
      expect(out).toContain("<phone>");
      expect(out.replace("<phone>", "")).not.toMatch(/\d{3}/);
    }
  });

  it("hides only the number when other numbers follow it", () => {
    expect(redact("0912 345 678 5 lần")).toBe("<phone> 5 lần");
    expect(redact("gọi 0912345678, 2 lần")).toBe("gọi <phone>, 2 lần");
  });

  it.each([
    "2026",
    "năm 2026, 3321 xã",
    "DVK-2026-000123",
    "DVK-2084-000123",
    "code DVK-2026-000123 at 2026-03-10",
    "2026-03-10T09:00:00.000Z",
    "2026-03-10T09:00:00+07:00",
    "2026-03-10 09:00:00",
    "10/03/2026 08:00",
    "http://127.0.0.1:8080/healthz",
    "0.0.0.0:54329",
    "took 0.25 s",
    "took 0.123456789 s",
    "retry in 120000 ms",
    "retry 0 1000 2000 3000",
    "timestamp 1699003881354",
    "user 6142494823000000000",
    "update 841234567",
    "chat 8412345678",
    "1,234,567,890 bytes",
    "id 550e8400-e29b-41d4-a716-446655440000",
    "attempt 3 of 10",
    "version=12 applied=0001,0002",
    "Configuration error: TELEGRAM_WEBHOOK_SECRET: expected 32–256 characters of A–Z a–z 0–9 _ -",
  ])("leaves %s alone", (text) => {
    expect(redact(text)).toBe(text);
  });

  it("keeps the timestamp at the start of every line intact", () => {
    const [line] = logged((log) => log.warn("sent to 0912345678", { at: "2026-03-10T09:00:00.000Z" }));
    expect(line).toMatch(
      /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z WARN sent to <phone> at=2026-03-10T09:00:00\.000Z$/,
    );
  });

  it("replaces every configured secret, at every level, as written or URL-encoded", () => {
    const secrets = ["s3cret-webhook-value_0123456789abcdef", "app+secret/with=odd&chars", "short"];
    const lines = logged(
      (log) => {
        log.debug(`header x-secret: ${secrets[0]}`);
        log.info("refused", { url: `https://x/y?s=${encodeURIComponent(secrets[1]!)}` });
        log.warn(`body ${secrets[1]} and ${secrets[0]}${secrets[0]}`);
        log.error("failed", { error: new Error(`with ${secrets[0]}`) });
        log.info("a short one stays: short");
      },
      { secrets },
    );
    const text = lines.join("\n");
    expect(text).not.toContain("s3cret-webhook");
    expect(text).not.toContain("odd&chars");
    expect(text).not.toContain(encodeURIComponent(secrets[1]!));
    expect(lines[2]).toContain("body <secret> and <secret><secret>");
    expect(lines[3]).toContain("error=with <secret>");
    // Values shorter than 8 characters would blank ordinary words: they are ignored.
    expect(lines[4]).toContain("a short one stays: short");
  });

  it("replaces a secret that contains another whole", () => {
    const clean = redactor(["abcdefgh", "abcdefgh-longer"]);
    expect(clean("x abcdefgh-longer y abcdefgh")).toBe("x <secret> y <secret>");
  });

  it("hides invitation codes where they are given", () => {
    const code = newInvitationCode();
    for (const text of [
      `https://t.me/dvk_bot?start=${code}`,
      `tg://resolve?domain=dvk_bot&start=${code}`,
      `/start ${code}`,
      `/Start ${code}`,
      `start ${code}`,
      `/batdau ${code}`,
      `batdau ${code}`,
      `code=${code}`,
      `code: ${code}`,
      `{"code":"${code}"}`,
      `invite ${code}`,
      `invitation_code=${code}`,
      `moi ${code}`,
      `mời ${code}`,
    ]) {
      const out = redact(text);
      expect(out, text).not.toContain(code);
      expect(out, text).toContain("<code>");
    }
  });

  it("hides link codes of /lienket, as shown or as typed", () => {
    const code = newLinkCode();
    for (const text of [
      `lienket ${code}`,
      `/lienket ${code}`,
      `lienket ${code.toLowerCase()}`,
      `lienket ${code.replace("-", "")}`,
      `lienket ${code.replace("-", " ")}`,
      `link ${code}`,
      `code ${code}`,
      `link_code=${code}`,
    ]) {
      const out = redact(text);
      expect(out, text).toContain("<code>");
      expect(out, text).not.toMatch(/[A-Z2-9]{4}[\s-]?[A-Z2-9]{4}/i);
    }
  });

  it.each([
    "code DVK-2026-000123",
    "code accepted",
    "http server start listening",
    "start",
    "lienket",
    "link sent",
    "invite officer NB-HL",
    "moi nguoi",
    "code ABCDEFGHJKLMNPQ", // 15 characters: not an invitation code
  ])("leaves %s alone", (text) => {
    expect(redact(text)).toBe(text);
  });
});

describe("the configuration's secrets", () => {
  const webhook = "w".repeat(16) + "W".repeat(16);
  it("lists every channel's tokens and secrets, the database password and the data keys", () => {
    const [key, old, next] = ["a", "b", "c"].map((c) => c.repeat(64));
    const config = loadConfig({
      DATA_ENCRYPTION_KEY: key,
      DATA_ENCRYPTION_OLD_KEYS: ` ${old} `,
      DATA_ENCRYPTION_NEW_KEY: next,
      DATABASE_URL: "postgresql://dvk:db-pass%40word@127.0.0.1/dvk",
      TELEGRAM_BOT_TOKEN: "123456:telegram-token-value",
      TELEGRAM_MODE: "webhook",
      TELEGRAM_WEBHOOK_SECRET: webhook,
      ZALO_BOT_TOKEN: "zalo-bot-token-value",
      ZALO_BOT_WEBHOOK_SECRET: `z${webhook}`,
      ZALO_OA_APP_ID: "1234567890",
      ZALO_OA_SECRET_KEY: "oa-secret-key-value",
      ZALO_OA_APP_SECRET: "oa-app-secret-value",
      ZALO_OA_REFRESH_TOKEN: "oa-refresh-token-value",
      ZALO_OA_ACCESS_TOKEN: "oa-access-token-value",
    });
    expect(secretsOf(config).sort()).toEqual(
      [
        key,
        old,
        next,
        "db-pass@word",
        "123456:telegram-token-value",
        webhook,
        "zalo-bot-token-value",
        `z${webhook}`,
        "oa-secret-key-value",
        "oa-app-secret-value",
        "oa-refresh-token-value",
        "oa-access-token-value",
      ].sort(),
    );
    expect(secretsOf(loadConfig({}))).toEqual([]);
  });

  it("keeps them out of the lines of a logger made from the configuration", () => {
    const config = loadConfig({ ZALO_BOT_TOKEN: "zalo-bot-token-value", ZALO_BOT_WEBHOOK_SECRET: webhook });
    const [line] = logged((log) => log.error(`POST /zalo/${webhook} with zalo-bot-token-value`), {
      secrets: secretsOf(config),
    });
    expect(line).toContain("POST /zalo/<secret> with <secret>");
  });
});

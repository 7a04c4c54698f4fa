import { createServer } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import en from "../../locales/en.json" with { type: "json" };
import vi from "../../locales/vi.json" with { type: "json" };
import { RecipientUnreachable, RetryLater } from "../../src/application/delivery/courier.ts";
import { createTranslator, type Speaker } from "../../src/application/i18n.ts";
import { createLogger, redact } from "../../src/application/logger.ts";
import { createEmailCourier } from "../../src/bot/email/courier.ts";
import { createMailer, DEFER_MS, type Mailer, MailerError } from "../../src/bot/email/mailer.ts";
import { MAX_SUBJECT, renderEmail, TABLE_COLUMNS } from "../../src/bot/email/render.ts";
import { emailSettings } from "../../src/bot/email/settings.ts";
import { arrivalViews, decisionViews } from "../../src/dialogs/notifications.ts";
import { t, type View } from "../../src/dialogs/view.ts";
import type { Language, Submission } from "../../src/domain/types.ts";
import { completeDraft, demoTree, threeTier } from "../support/fixtures.ts";
import { SmtpSink } from "../support/smtp-sink.ts";
import { keys } from "../zalo/support.ts";

const translator = createTranslator(threeTier);
const tree = demoTree(threeTier);
const speaker = (language: Language): Speaker => ({ translator, language });

const FROM = "DVK Bot <dvk@example.gov.vn>";
const LOGIN = { user: "dvk-bot", pass: "s3cret-Pa55" };
const OFFICER = "can.bo.hoalu@example.gov.vn";
const REGISTRANT = "nguyen.van.an@example.vn";
const NOW = new Date("2026-03-16T01:00:00Z");

const submission = (overrides: Partial<Submission> = {}): Submission =>
  completeDraft({
    id: "sub-1",
    status: "submitted",
    code: "DVK-2026-000001",
    bodyCode: "NB-TP",
    queueBodyCode: "NB-TP",
    tier: "district",
    ...overrides,
  });

const arrival = (s = submission()) =>
  arrivalViews(s, [{ personId: "p", bodyCode: "NB-TP", role: "committee" }], threeTier, tree);

const returned = (s = submission()) =>
  decisionViews(s, {
    kind: "decision",
    submissionId: s.id,
    action: "return",
    reason: "Thiếu địa chỉ cụ thể",
  });

/** An officer's nudge digest, as the nudges service writes it: a line per body. */
function digest(bodies: { body: string; submitted: number; proposed: number; returned: number }[]): View[] {
  return [
    {
      text: [
        t("nudge.head", { deadline: "registration", date: "30/03/2026", count: 14 }),
        ...bodies.map((b) => t("nudge.digest", { ...b, oldest: "DVK-2026-000004", since: "02/03/2026" })),
        t("nudge.officer_hint"),
      ],
      expects: { kind: "none" },
    },
  ];
}

/** A port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe("e-mail through a real SMTP server", () => {
  let sink: SmtpSink;
  let mailer: Mailer | undefined;
  const lines: string[] = [];
  const logger = createLogger("debug", (line) => lines.push(line));

  afterEach(async () => {
    mailer?.close();
    mailer = undefined;
    lines.length = 0;
    await sink?.close();
  });

  async function start(options: { secure?: boolean; pool?: boolean } = {}) {
    sink = await SmtpSink.start({ users: { [LOGIN.user]: LOGIN.pass }, ...options });
    mailer = createMailer({
      smtpUrl: sink.url(LOGIN),
      from: FROM,
      logger,
      clock: () => NOW,
      timeoutMs: 3000,
      ...(options.pool === undefined ? {} : { pool: options.pool }),
    });
    return createEmailCourier({ mailer, link: { url: "https://dvk.example.gov.vn/app" } });
  }

  it("sends an arrival to an officer in Vietnamese: envelope, subject, text and HTML parts", async () => {
    const courier = await start();
    expect(courier.channel).toBe("email");
    const messageId = await courier.send(OFFICER, arrival(), speaker("vi"));
    expect(sink.received).toHaveLength(1);
    const [mail] = sink.received;
    expect(mail!.envelope).toEqual({ from: "dvk@example.gov.vn", to: [OFFICER] });
    expect(mail!.user).toBe(LOGIN.user);
    const parsed = mail!.parsed;
    expect(parsed.messageId).toBe(messageId);
    expect(parsed.from?.value).toEqual([{ address: "dvk@example.gov.vn", name: "DVK Bot" }]);
    expect(parsed.subject).toBe("Hồ sơ mới DVK-2026-000001 vào hàng đợi của Ban Dân vận Thành ủy Ninh Bình");
    expect(parsed.headers.get("content-language")).toBe("vi");
    expect(parsed.headers.get("auto-submitted")).toBe("auto-generated");

    const text = parsed.text ?? "";
    expect(text).toContain("Hồ sơ mới DVK-2026-000001 vào hàng đợi của Ban Dân vận Thành ủy Ninh Bình.");
    expect(text).toContain("1. Tên mô hình: Tổ tự quản đường hoa thôn Đông");
    // No chat buttons in an e-mail: the decisions are named, with where to take them.
    expect(text).not.toContain("Chọn một nút bên dưới");
    expect(text).toContain(
      "Để xử lý (Tiếp nhận · Yêu cầu bổ sung · Không tiếp nhận · Xem chi tiết), gõ /hangdoi",
    );
    expect(text).toContain("Mở trong trang làm việc: https://dvk.example.gov.vn/app");
    expect(text).toContain("Đây là thư tự động từ DVK Bot");

    const html = String(parsed.html);
    expect(html).toContain('<html lang="vi">');
    expect(html).toContain(
      "<p>Hồ sơ mới DVK-2026-000001 vào hàng đợi của Ban Dân vận Thành ủy Ninh Bình.<br>",
    );
    expect(html).toContain("Loại đơn vị: Chi bộ<br>");
    expect(html).toContain('<a href="https://dvk.example.gov.vn/app">Mở trong trang làm việc</a>');
    expect(html).not.toContain("<table");
    expect(html).toContain("Đây là thư tự động từ DVK Bot");
  });

  it("tells a registrant in English, with the same notification in their language", async () => {
    const courier = await start();
    await courier.send(REGISTRANT, returned(), speaker("en"));
    await courier.send(OFFICER, returned(), speaker("vi"));
    const [english, vietnamese] = sink.received.map((m) => m.parsed);
    expect(english!.subject).toBe(
      'Your registration DVK-2026-000001 ("Tổ tự quản đường hoa thôn Đông") needs more information',
    );
    expect(english!.headers.get("content-language")).toBe("en");
    expect(english!.text).toContain("Reason: Thiếu địa chỉ cụ thể");
    expect(english!.text).toContain("Open in the workspace: https://dvk.example.gov.vn/app");
    expect(english!.text).toContain("This is an automatic message from DVK Bot");
    expect(String(english!.html)).toContain('<html lang="en">');
    expect(String(english!.html)).toContain("Open in the workspace</a>");
    expect(vietnamese!.subject).toMatch(
      /^Hồ sơ DVK-2026-000001 \("Tổ tự quản đường hoa thôn Đông"\) của bạn /,
    );
    expect(vietnamese!.text).toContain("Lý do: Thiếu địa chỉ cụ thể");
    expect(sink.to(REGISTRANT)).toHaveLength(1);
  });

  it("renders an officer's digest of several bodies as a table, and keeps the sentences in the text part", async () => {
    const courier = await start();
    const bodies = [
      { body: "Huyện Hoa Lư", submitted: 3, proposed: 1, returned: 0 },
      { body: "Thành phố Ninh Bình", submitted: 0, proposed: 2, returned: 1 },
    ];
    await courier.send(OFFICER, digest(bodies), speaker("en"));
    await courier.send(OFFICER, digest(bodies.slice(0, 1)), speaker("vi"));
    const [two, one] = sink.received.map((m) => m.parsed);
    expect(two!.subject).toBe(
      "⏰ Reminder: Registering new and replicated models is due before 30/03/2026 (14 days left)",
    );
    const html = String(two!.html);
    const headers = [...html.matchAll(/<th[^>]*>([^<]*)<\/th>/g)].map((m) => m[1]);
    expect(headers).toEqual([
      "Body",
      "Awaiting acceptance",
      "Awaiting recognition",
      "Awaiting changes",
      "Waiting longest",
      "Since",
    ]);
    const rows = [...html.matchAll(/<tr>(.*?)<\/tr>/g)]
      .map((m) => [...m[1]!.matchAll(/<td[^>]*>([^<]*)<\/td>/g)].map((c) => c[1]))
      .filter((cells) => cells.length);
    expect(rows).toEqual([
      ["Huyện Hoa Lư", "3", "1", "0", "DVK-2026-000004", "02/03/2026"],
      ["Thành phố Ninh Bình", "0", "2", "1", "DVK-2026-000004", "02/03/2026"],
    ]);
    expect(html).toContain("<p>Send /queue to handle them.</p>");
    expect(two!.text).toContain(
      "Huyện Hoa Lư: 3 registrations awaiting acceptance, 1 proposals awaiting recognition",
    );
    // One body is a sentence, not a table.
    expect(String(one!.html)).not.toContain("<table");
    expect(String(one!.html)).toContain("Huyện Hoa Lư: 3 hồ sơ chờ tiếp nhận");
  });

  it("escapes what people typed in the HTML part and keeps it as typed in the text part", async () => {
    const courier = await start();
    const s = submission({
      description: { ...submission().description, model_name: 'Tổ <b>"xanh"</b> & sạch' },
    });
    await courier.send(OFFICER, returned(s), speaker("vi"));
    const parsed = sink.received[0]!.parsed;
    expect(parsed.text).toContain('("Tổ <b>"xanh"</b> & sạch")');
    const html = String(parsed.html);
    expect(html).toContain("Tổ &lt;b&gt;&quot;xanh&quot;&lt;/b&gt; &amp; sạch");
    expect(html).not.toContain("<b>");
  });

  it("refuses an unknown user at RCPT TO for good: RecipientUnreachable, nothing delivered", async () => {
    const courier = await start();
    sink.refuse(REGISTRANT, 550, `5.1.1 <${REGISTRANT}>: Recipient address rejected: User unknown`);
    const error = await courier.send(REGISTRANT, returned(), speaker("vi")).catch((e) => e);
    expect(error).toBeInstanceOf(RecipientUnreachable);
    expect(error.message).toContain("550");
    expect(error.message).not.toContain(REGISTRANT);
    expect(sink.received).toHaveLength(0);
    expect(sink.rcpts).toEqual([{ address: REGISTRANT, code: 550 }]);
    // The next recipient on the same (pooled) connection still gets through.
    await courier.send(OFFICER, returned(), speaker("vi"));
    expect(sink.to(OFFICER)).toHaveLength(1);
  });

  it("refuses a message at DATA for good, and defers a busy mailbox (4xx) for a few minutes", async () => {
    const courier = await start();
    sink.refuseData({ code: 554, message: "5.7.1 Message rejected" });
    await expect(courier.send(OFFICER, returned(), speaker("vi"))).rejects.toBeInstanceOf(
      RecipientUnreachable,
    );
    sink.refuseData(null);
    sink.refuse(REGISTRANT, 452, "4.2.2 Mailbox full, try again later");
    const later = await courier.send(REGISTRANT, returned(), speaker("vi")).catch((e) => e);
    expect(later).toBeInstanceOf(RetryLater);
    expect(later.reason).toBe("deferred");
    expect(later.until).toEqual(new Date(NOW.getTime() + DEFER_MS));
    expect(sink.received).toHaveLength(0);
  });

  it("treats a refused login and an unreachable server as failures to retry, never as the recipient's", async () => {
    sink = await SmtpSink.start({ users: { [LOGIN.user]: LOGIN.pass } });
    mailer = createMailer({
      smtpUrl: sink.url({ user: LOGIN.user, pass: "wrong-Pa55" }),
      from: FROM,
      logger,
      timeoutMs: 3000,
    });
    const login = await mailer
      .send({ to: OFFICER, subject: "s", text: "t", html: "<p>t</p>" })
      .catch((e) => e);
    expect(login).toBeInstanceOf(MailerError);
    expect(login.code).toBe("EAUTH");
    expect(login.responseCode).toBe(535);
    expect(sink.logins).toEqual([{ user: LOGIN.user, ok: false }]);
    mailer.close();

    mailer = createMailer({
      smtpUrl: `smtp://127.0.0.1:${await closedPort()}`,
      from: FROM,
      logger,
      timeoutMs: 3000,
    });
    const down = await mailer
      .send({ to: OFFICER, subject: "s", text: "t", html: "<p>t</p>" })
      .catch((e) => e);
    expect(down).toBeInstanceOf(MailerError);
    expect(down).not.toBeInstanceOf(RecipientUnreachable);
    expect(down).not.toBeInstanceOf(RetryLater);
    expect(["ECONNECTION", "ESOCKET"]).toContain(down.code);
  });

  it("never logs an address or the password", async () => {
    const courier = await start();
    sink.refuse(REGISTRANT, 550, `5.1.1 <${REGISTRANT}> User unknown`);
    await courier.send(REGISTRANT, returned(), speaker("vi")).catch(() => {});
    await courier.send(OFFICER, returned(), speaker("vi"));
    mailer!.close();
    mailer = createMailer({
      smtpUrl: sink.url({ user: LOGIN.user, pass: "wrong-Pa55" }),
      from: FROM,
      logger,
    });
    await mailer.send({ to: OFFICER, subject: "s", text: "t", html: "t" }).catch(() => {});
    expect(lines.some((l) => l.includes("email not sent"))).toBe(true);
    for (const line of lines)
      for (const secret of [REGISTRANT, OFFICER, "dvk@example.gov.vn", LOGIN.pass, "wrong-Pa55"])
        expect(line).not.toContain(secret);
    // An SMTP URL or an address that reaches a log anyway is redacted.
    expect(redact(`connecting to smtps://dvk-bot:${LOGIN.pass}@mail.example.gov.vn:465`)).toBe(
      "connecting to smtps://dvk-bot:<redacted>@mail.example.gov.vn:465",
    );
    expect(redact(`refused <${REGISTRANT}>`)).toBe("refused <<email>>");
    // …in one pass, however long the line (no regular expression backtracking over long runs).
    const started = performance.now();
    redact(`${"a.".repeat(50_000)} ${"x".repeat(100_000)}`);
    expect(performance.now() - started).toBeLessThan(500);
  });

  it("refuses something that is not an address without asking the server", async () => {
    const courier = await start();
    for (const bad of ["not-an-address", "a@b", `${OFFICER}\r\nBcc: x@example.vn`, "A <a@example.vn>"])
      await expect(courier.send(bad, returned(), speaker("vi"))).rejects.toBeInstanceOf(RecipientUnreachable);
    expect(sink.rcpts).toEqual([]);
  });

  it("sends the new state of an arrival as a follow-up in the same thread", async () => {
    const courier = await start();
    const first = await courier.send(OFFICER, arrival(), speaker("vi"));
    await courier.edit(OFFICER, first!, returned(), speaker("vi"));
    const [, followUp] = sink.received.map((m) => m.parsed);
    expect(followUp!.inReplyTo).toBe(first);
    expect(followUp!.references).toBe(first);
    expect(followUp!.subject).toMatch(/^Hồ sơ DVK-2026-000001/);
  });

  it("speaks TLS from the start with smtps://, without a connection pool", async () => {
    const courier = await start({ secure: true, pool: false });
    await courier.send(OFFICER, returned(), speaker("en"));
    expect(sink.received[0]!.parsed.subject).toMatch(/^Your registration DVK-2026-000001/);
  });

  it("attaches a view's files (a report's workbook)", async () => {
    const courier = await start();
    const data = new TextEncoder().encode("ma,ten\nDVK-2026-000001,Tổ tự quản\n");
    await courier.send(
      OFFICER,
      [
        {
          text: [t("notify.next_other")],
          files: [{ kind: "document", name: "bao-cao.csv", data }],
          expects: { kind: "none" },
        },
      ],
      speaker("vi"),
    );
    const [file] = sink.received[0]!.parsed.attachments;
    expect(file!.filename).toBe("bao-cao.csv");
    expect(file!.content.toString("utf8")).toBe("ma,ten\nDVK-2026-000001,Tổ tự quản\n");
  });
});

describe("e-mail rendering", () => {
  it("shortens a long first sentence into the subject at a character boundary", () => {
    const long = submission({
      description: { ...submission().description, model_name: `Mô hình ${"rất ".repeat(40)}dài` },
    });
    const { subject } = renderEmail(returned(long), speaker("vi"));
    expect(subject.length).toBeLessThanOrEqual(MAX_SUBJECT);
    expect(subject.endsWith("…")).toBe(true);
    expect(subject.normalize("NFC")).toBe(subject);
  });

  it("links only to web addresses, with the label given or 'open in the workspace'", () => {
    const views = returned();
    const custom = renderEmail(views, speaker("en"), {
      link: { url: "https://dvk.example.gov.vn/app/s/sub-1?x=1&y=2", label: t("email.open_workspace") },
    });
    expect(custom.html).toContain('href="https://dvk.example.gov.vn/app/s/sub-1?x=1&amp;y=2"');
    const script = renderEmail(views, speaker("en"), { link: { url: "javascript:alert(1)" } });
    expect(script.html).not.toContain("javascript:");
    expect(script.text).not.toContain("Open in the workspace");
  });

  it("has a column heading for every figure of a table, in both languages", () => {
    const known = (o: object) => new Set(keys(o));
    for (const column of TABLE_COLUMNS) {
      expect(known(vi)).toContain(`email.columns.${column}`);
      expect(known(en)).toContain(`email.columns.${column}`);
    }
  });

  it("reads SMTP_URL and MAIL_FROM, naming the variable that is wrong", () => {
    expect(
      emailSettings.parse({
        SMTP_URL: "smtp://u:p@mail.example.gov.vn:587",
        MAIL_FROM: '"DVK Bot" <dvk@example.gov.vn>',
      }),
    ).toEqual({ smtpUrl: "smtp://u:p@mail.example.gov.vn:587", from: '"DVK Bot" <dvk@example.gov.vn>' });
    const bad = emailSettings.safeParse({
      SMTP_URL: "http://mail.example.gov.vn",
      MAIL_FROM: "dvk@example.gov.vn",
    });
    expect(bad.success).toBe(false);
    expect(bad.error!.issues[0]!.path).toEqual(["SMTP_URL"]);
    const noFrom = emailSettings.safeParse({ SMTP_URL: "smtps://mail.example.gov.vn" });
    expect(noFrom.error!.issues[0]!.path).toEqual(["MAIL_FROM"]);
  });
});

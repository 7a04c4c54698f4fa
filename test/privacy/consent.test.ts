// The notice and the consent before any personal question (Law 91/2025): declining keeps nothing
// personal, agreeing is recorded per purpose and notice version, a new version asks again.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { BUILT_IN_NOTICE, createTranslator } from "../../src/application/i18n.ts";
import { createRunner } from "../../src/application/runner.ts";
import { defaultFlows } from "../../src/dialogs/flows/index.ts";
import { databaseKinds } from "../storage/databases.ts";
import { useApp } from "../support/app.ts";
import { testCipher } from "../support/data-key.ts";
import { REGISTRATION } from "../support/registration.ts";
import { cellsHolding } from "../support/scan.ts";

/** The answers before the notice: a collective registrant's field, kind, category, place, name and address. */
const BEFORE_NOTICE = REGISTRATION.slice(0, 6);

describe.each(databaseKinds)("the personal-data notice on $provider", (kind) => {
  const app = useApp(kind);

  it("comes before the first personal question; other answers ask again; declining keeps nothing personal", async () => {
    const a = app();
    await a.send("decliner", "/dangky");
    let reply = "";
    for (const answer of BEFORE_NOTICE) reply = await a.send("decliner", answer);
    expect(reply).toContain("Thông báo về dữ liệu cá nhân (phiên bản 2026-01)");
    expect(reply).toContain("Đây là trợ lý tự động.");
    expect(reply).toContain("Bên kiểm soát dữ liệu: Ban Dân vận tiếp nhận hồ sơ của bạn");
    expect(reply).toContain("gõ /dulieu");
    expect(reply).toContain("1. Đồng ý");
    expect(reply).not.toContain("người liên hệ của mô hình"); // the contact question waits

    const full = await a.send("decliner", "Đọc toàn văn");
    expect(full).toContain("Luật Bảo vệ dữ liệu cá nhân số 91/2025/QH15");
    expect(full).toContain("Telegram (máy chủ ở nước ngoài");
    expect(full).toContain("1. Đồng ý");
    // Silence or a typed "ok" is not consent.
    const again = await a.send("decliner", "ok");
    expect(again).toContain("Vui lòng chọn một trong các lựa chọn");
    const declined = await a.send("decliner", "Không đồng ý");
    expect(declined).toContain("không hỏi, không lưu thông tin cá nhân nào của bạn");

    const [draft] = await a.store.submissions.list();
    expect(draft).toMatchObject({ contactName: null, contactPhone: null, unitName: "Chi bộ thôn Đông" });
    const person = await a.store.people.get(draft!.registrantId);
    expect(person).toMatchObject({ displayName: "", consents: {} });
    expect(await a.store.consents.ofPerson(person!.id)).toEqual([]);
    expect((await a.store.privacyLog.list({ personId: person!.id })).map((e) => e.action)).toEqual([
      "consent.decline",
    ]);
    // The platform name the update carried ("decliner") is kept nowhere but as the chat's id.
    const cells = await cellsHolding(a.url, ["decliner"], testCipher());
    expect(cells.length).toBeGreaterThan(0);
    for (const cell of cells) expect(cell.column).toMatch(/^(chatId|externalId)$/);
  });

  it("asks an individual before their own name; records the consent with version, purpose, time and channel", async () => {
    const a = app();
    await a.send("solo", "/dangky");
    await a.send("solo", "1");
    const kindAsked = await a.send("solo", "2"); // an individual
    expect(kindAsked).not.toContain("Thông báo về dữ liệu cá nhân");
    await a.send("solo", "1"); // living in the commune
    const reply = await a.send("solo", "ninh nhat");
    expect(reply).toContain("Thông báo về dữ liệu cá nhân");
    const next = await a.send("solo", "Đồng ý");
    expect(next).toMatch(/họ và tên/i);
    const draft = (await a.store.submissions.list()).find((s) => s.registrantKind === "individual");
    const consents = await a.store.consents.ofPerson(draft!.registrantId);
    expect(consents).toEqual([
      {
        purpose: "registration",
        noticeVersion: "2026-01",
        channel: "test",
        givenAt: a.clock(),
        endedAt: null,
      },
    ]);
    expect((await a.store.people.get(draft!.registrantId))?.consents).toEqual({ registration: "2026-01" });
  });

  it("is not asked again under the same version, and asked again at the next registration under a new one", async () => {
    const a = app();
    await a.send("twice", "/dangky");
    for (const answer of REGISTRATION) await a.send("twice", answer);
    await a.send("twice", "Gửi đăng ký");
    // A second registration under the same notice: straight from the address to the contact.
    expect(await a.send("twice", "/dangky")).not.toContain("Bắt đầu bản mới");
    let reply = "";
    for (const answer of BEFORE_NOTICE) reply = await a.send("twice", answer);
    expect(reply).not.toContain("Thông báo về dữ liệu cá nhân");

    // The operator publishes version 2026-02 of the notice: the next registration asks again.
    const translator = createTranslator(a.rulebook, { ...BUILT_IN_NOTICE, version: "2026-02" });
    const runner = createRunner({
      store: a.store,
      rulebook: a.rulebook,
      tree: a.tree,
      clock: a.clock,
      newId: randomUUID,
      translator,
      flows: defaultFlows,
    });
    const say = async (text: string) => {
      const out = await runner.handle({
        channel: "test",
        chatId: "twice",
        user: { externalId: "twice", displayName: "twice" },
        input: defaultFlows.textInput(text, false),
      });
      return out.reply.views.map((v) => v.text.map((x) => translator.text("vi", x)).join("\n")).join("\n");
    };
    await say("/huy");
    let shown = await say("/dangky");
    expect(shown).toContain("Bạn có 1 bản đăng ký đang làm dở"); // the draft left by /huy
    shown = await say("Bắt đầu bản mới");
    for (const answer of BEFORE_NOTICE) shown = await say(answer);
    expect(shown).toContain("Thông báo về dữ liệu cá nhân (phiên bản 2026-02)");
    await say("Đồng ý");
    const first = (await a.store.submissions.list()).find((s) => s.unitName === "Chi bộ thôn Đông" && s.code);
    const records = await a.store.consents.ofPerson(first!.registrantId);
    expect(records.map((r) => [r.noticeVersion, r.endedAt === null])).toEqual([
      ["2026-01", false],
      ["2026-02", true],
    ]);
  });
});

describe("the operator's notice", () => {
  it("is read from PRIVACY_NOTICE with the controller's name and contact; a bad file stops start-up naming the variable", async () => {
    const { mkdtempSync, writeFileSync } = await import("node:fs");
    const { join } = await import("node:path");
    const { tmpdir } = await import("node:os");
    const { createApp, StartupError } = await import("../../src/app.ts");
    const { createLogger } = await import("../../src/application/logger.ts");
    const { loadConfig } = await import("../../src/config.ts");
    const dir = mkdtempSync(join(tmpdir(), "dvk-notice-"));
    const file = join(dir, "notice.json");
    writeFileSync(file, JSON.stringify({ ...BUILT_IN_NOTICE, version: "2027-01" }));
    const env = {
      DATABASE_URL: `file:${join(dir, "dvk.db")}`,
      PRIVACY_NOTICE: file,
      DATA_CONTROLLER_NAME: "Ban Dân vận Tỉnh ủy Ninh Bình",
      DATA_CONTROLLER_CONTACT: "bandanvan@ninhbinh.gov.vn",
    };
    const app = await createApp(loadConfig(env), createLogger("silent"));
    try {
      expect(app.translator.noticeVersion).toBe("2027-01");
      const text = app.translator.text("vi", {
        key: "notice:summary",
        params: { version: "2027-01", draftMonths: 12, sessionDays: 30 },
      });
      expect(text).toContain(
        "Bên kiểm soát dữ liệu: Ban Dân vận Tỉnh ủy Ninh Bình. Liên hệ: bandanvan@ninhbinh.gov.vn.",
      );
      expect(text).toContain("(phiên bản 2027-01)");
    } finally {
      await app.close();
    }
    writeFileSync(file, JSON.stringify({ ...BUILT_IN_NOTICE, version: "" }));
    const error = await createApp(loadConfig(env), createLogger("silent")).catch((e) => e);
    expect(error).toBeInstanceOf(StartupError);
    expect(String(error.message)).toMatch(/^PRIVACY_NOTICE: .*version/);
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Submission } from "../../src/domain/types.ts";
import { databaseKinds } from "../storage/databases.ts";
import { useApp } from "../support/app.ts";
import type { TelegramUser } from "../support/telegram-driver.ts";
import { startWorkspace, WebClient, type Workspace } from "./support.ts";

const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==",
  "base64",
);

describe.each(databaseKinds)("the officers' workspace on $provider", (kind) => {
  const app = useApp(kind);
  let w: Workspace;
  let member: TelegramUser;
  let other: TelegramUser;
  let web: WebClient;
  let outsider: WebClient;
  const subs: Submission[] = [];
  beforeAll(async () => {
    w = await startWorkspace(app());
    member = await w.join(5001, "Lan", "NB-TP-NN", "committee");
    other = await w.join(5002, "Hà", "NB-TP-NN", "committee");
    const stranger = await w.join(5003, "Minh", "NB-HL-TY", "officer");
    // A registrant's photo, known to Telegram (the fake serves its bytes).
    w.fake.sendPhoto({ id: 7000, first_name: "An" }, { file_id: "photo-of-the-road", content: PNG });
    subs.push(
      await w.register(7000, {
        attachments: [{ kind: "photo", channel: "telegram", ref: "photo-of-the-road", mime: "image/jpeg" }],
      }),
    );
    subs.push(
      await w.register(7001, {
        field: "economy",
        unitName: "Hội Nông dân xã",
        description: { ...subs[0]!.description, model_name: "Cánh đồng mẫu lớn Ninh Nhất" },
      }),
    );
    subs.push(await w.register(7002));
    // More of the same in the queue, written directly (no arrival messages to wait for).
    const a = app();
    for (let i = 0; i < 27; i++) {
      const at = new Date(a.clock().getTime() + (i + 1) * 60_000);
      const s: Submission = {
        ...subs[2]!,
        id: `bulk-${i}`,
        code: await a.store.submissions.nextCode(2026),
        // One individual: their own name is encrypted at rest, and still found.
        ...(i === 0 ? { registrantKind: "individual" as const } : {}),
        unitName: i === 0 ? "Nguyễn Thị Hoa" : `Chi bộ xóm ${i}`,
        submittedAt: at,
        createdAt: at,
        updatedAt: at,
        version: 1,
      };
      await a.store.submissions.create(s);
      subs.push(s);
    }
    web = await w.signIn(member);
    outsider = await w.signIn(stranger);
  }, 120_000);
  afterAll(() => w.close());

  /** The other member's arrival message of `s` (the arrivals go out one after another). */
  const arrivalAtOther = async (s: Submission) => {
    const arrival = () => w.fake.chat(5002).find((m) => m.text?.includes(`Hồ sơ mới ${s.code}`));
    await w.fake.waitFor(() => Boolean(arrival()), 15_000);
    return arrival()!;
  };

  const csrf = async (client: WebClient, path = "/app/queue") =>
    WebClient.csrfOf(await (await client.get(path)).text());

  it("lists the queue of my bodies, pages it, filters it and searches it without diacritics", async () => {
    const first = await (await web.get("/app/queue")).text();
    expect(first).toContain("30 hồ sơ · trang 1/2");
    expect(first.match(/<tr>\s*<td><a href="\/app\/s\//g)).toHaveLength(25);
    const token = WebClient.csrfOf(first);
    const second = await (await web.post("/app/queue", { _csrf: token, page: "2" })).text();
    expect(second.match(/<tr>\s*<td><a href="\/app\/s\//g)).toHaveLength(5);
    const economy = await (await web.post("/app/queue", { _csrf: token, field: "economy" })).text();
    expect(economy).toContain("1 hồ sơ");
    expect(economy).toContain("Cánh đồng mẫu lớn Ninh Nhất");
    const words = await (await web.post("/app/queue", { _csrf: token, q: "canh dong ninh" })).text();
    expect(words).toContain("Cánh đồng mẫu lớn Ninh Nhất");
    expect(words).toContain("1 hồ sơ");
    const narrowed = await (
      await web.post("/app/queue", {
        _csrf: token,
        q: "ninh",
        late: "no",
        cycle: "2026",
        tier: "commune",
        field: "economy",
        sort: "score",
      })
    ).text();
    expect(narrowed).toContain("1 hồ sơ");
    expect(await (await web.post("/app/queue", { _csrf: token, q: "ninh", late: "yes" })).text()).toContain(
      "0 hồ sơ",
    );
    const person = await (await web.post("/app/queue", { _csrf: token, q: "nguyen thi hoa" })).text();
    expect(person).toContain("1 hồ sơ");
    expect(person).toContain("Nguyễn Thị Hoa");
    const unit = await (await web.post("/app/queue", { _csrf: token, q: "hoi nong dan" })).text();
    expect(unit).toContain("1 hồ sơ");
    const code = await (await web.post("/app/queue", { _csrf: token, q: subs[3]!.code!.slice(-6) })).text();
    expect(code).toContain(subs[3]!.code!);
    expect(code).toContain("1 hồ sơ");
    const late = await (await web.post("/app/queue", { _csrf: token, late: "yes" })).text();
    expect(late).toContain("0 hồ sơ");
    const cycle = await (await web.post("/app/queue", { _csrf: token, cycle: "2025" })).text();
    expect(cycle).toContain("0 hồ sơ");
    const tier = await (
      await web.post("/app/queue", { _csrf: token, tier: "commune", status: "all" })
    ).text();
    expect(tier).toContain("30 hồ sơ");
    const newest = await (await web.post("/app/queue", { _csrf: token, sort: "newest" })).text();
    expect(newest.indexOf(subs[29]!.code!)).toBeGreaterThan(-1);
    expect(newest.indexOf(subs[29]!.code!)).toBeLessThan(newest.indexOf(subs[10]!.code!));
    // Another body's member sees none of them.
    expect(await (await outsider.get("/app/queue")).text()).toContain("0 hồ sơ");
  });

  it("shows a submission whole: items, score table, checklist, attachments through the server, history", async () => {
    const s = subs[0]!;
    const page = await (await web.get(`/app/s/${s.id}`)).text();
    expect(page).toContain(s.code!);
    expect(page).toContain("Đường liên thôn nhiều rác");
    expect(page).toMatch(/<table class="scores" id="scores">/);
    expect(page).toContain("Tổng điểm");
    expect(page).toContain('id="checklist"');
    expect(page).toContain("Tiếp nhận");
    expect(page).toContain("Nguyễn Văn An"); // the contact, as chat shows it to the body's members
    expect(page).not.toContain(w.fake.token);
    const file = await web.get(`/app/s/${s.id}/files/0`);
    expect(file.status).toBe(200);
    expect(file.headers.get("content-type")).toBe("image/jpeg");
    expect(Buffer.from(await file.arrayBuffer())).toEqual(PNG);
    expect((await web.get(`/app/s/${s.id}/files/1`)).status).toBe(404);
  });

  it("answers 404 to another body's member on every route that takes an id", async () => {
    const s = subs[1]!;
    const token = await csrf(outsider);
    const responses = [
      await outsider.get(`/app/s/${s.id}`),
      await outsider.get(`/app/s/${s.id}/files/0`),
      await outsider.post(`/app/s/${s.id}/decide`, {
        _csrf: token,
        action: "accept",
        version: String(s.version),
      }),
      await outsider.get("/app/s/no-such-id"),
    ];
    expect(responses.map((r) => r.status)).toEqual([404, 404, 404, 404]);
    expect(await responses[0]!.text()).toContain("Không tìm thấy trang");
    expect((await app().store.submissions.get(s.id))!.status).toBe("submitted");
  });

  it("decides through the chat's service: the registrant is told, the other members' buttons show the outcome, no second decision", async () => {
    const s = subs[1]!;
    // The arrival opens in the workspace too (a link: PUBLIC_URL is http here).
    const arrival = await arrivalAtOther(s);
    const markup = arrival.reply_markup as { inline_keyboard: { text: string; url?: string }[][] };
    expect(markup.inline_keyboard.flat().find((b) => b.text === "Mở trên web")?.url).toBe(
      `${w.publicUrl}/app/s/${s.id}`,
    );
    const page = await (await web.get(`/app/s/${s.id}`)).text();
    const token = WebClient.csrfOf(page);
    const short = await web.post(`/app/s/${s.id}/decide`, {
      _csrf: token,
      action: "return",
      reason: "x",
      version: String(s.version),
    });
    expect(short.status).toBe(400);
    const res = await web.post(`/app/s/${s.id}/decide`, {
      _csrf: token,
      action: "accept",
      version: String(s.version),
    });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe(`/app/s/${s.id}?done=decided`);
    const after = await (await web.get(res.headers.get("location")!)).text();
    expect(after).toContain("Đã ghi quyết định");
    expect(after).toContain("Đã tiếp nhận");
    const history = await app().store.submissions.history(s.id);
    expect(history.map((e) => [e.action, e.actorRole])).toEqual([
      ["submit", "registrant"],
      ["accept", "committee"],
    ]);
    await w.fake.waitFor(
      () =>
        w.fake
          .chat(7001)
          .some((m) => m.text?.includes(`Hồ sơ ${s.code}`) && m.text.includes("đã được tiếp nhận")),
      15_000,
    );
    await w.fake.waitFor(
      () => w.fake.chat(5002).some((m) => m.edited && m.text?.includes("✅ Đã tiếp nhận — bởi Lan Trần")),
      15_000,
    );
    // The same form again (another tab, or after chat decided): refused, nothing written twice.
    const twice = await web.post(`/app/s/${s.id}/decide`, {
      _csrf: token,
      action: "accept",
      version: String(s.version),
    });
    expect(twice.status).toBe(409);
    expect(await twice.text()).toContain("Hồ sơ vừa được người khác xử lý");
    expect(await app().store.submissions.history(s.id)).toHaveLength(2);
  });

  it("shows a decision taken in chat, and refuses the web's stale form", async () => {
    const s = subs[2]!;
    const page = await (await web.get(`/app/s/${s.id}`)).text();
    const token = WebClient.csrfOf(page);
    const arrival = await arrivalAtOther(s);
    const markup = arrival.reply_markup as { inline_keyboard: { text: string; callback_data?: string }[][] };
    const reject = markup.inline_keyboard.flat().find((b) => b.text === "Không tiếp nhận")!;
    const since = w.fake.mark();
    w.fake.press(other.user, arrival.message_id, reject.callback_data!);
    await w.fake.waitForCall("sendMessage", {
      since,
      timeoutMs: 15_000,
      match: (call) => String(call.params.chat_id) === "5002",
    });
    await other.say("Mô hình trùng với đăng ký năm trước.");
    await w.fake.waitFor(
      () => w.fake.chat(7002).some((m) => m.text?.includes("không được tiếp nhận")),
      15_000,
    );
    const res = await web.post(`/app/s/${s.id}/decide`, {
      _csrf: token,
      action: "accept",
      version: String(s.version),
    });
    expect(res.status).toBe(409);
    const fresh = await (await web.get(`/app/s/${s.id}`)).text();
    expect(fresh).toContain("Không tiếp nhận");
    expect(fresh).not.toContain('name="action" value="accept"');
  });

  it("records a recognition vote through the same service as the chat buttons", async () => {
    const a = app();
    const proposed: Submission = {
      ...subs[0]!,
      id: "proposed-1",
      code: await a.store.submissions.nextCode(2026),
      status: "proposed",
      attachments: [],
      results: {
        outcomes: {
          outputs: "2 km đường hoa; 156/156 hộ ký cam kết; không còn điểm rác tự phát suốt 6 tháng.",
        },
        figures: "156 hộ, 800 ngày công, 45 triệu đồng",
        late: false,
        scores: subs[0]!.scores,
        attachments: [],
      },
      version: 3,
    };
    await a.store.submissions.create(proposed);
    const stored = (await a.store.submissions.get(proposed.id))!;
    const page = await (await web.get(`/app/s/${proposed.id}`)).text();
    expect(page).toContain('name="action" value="recognize"');
    const res = await web.post(`/app/s/${proposed.id}/decide`, {
      _csrf: WebClient.csrfOf(page),
      action: "recognize",
      version: String(stored.version),
    });
    expect(res.status).toBe(303);
    const votes = await a.store.votes.of(proposed.id, `recognition@v${stored.version}`);
    expect(votes.map((v) => v.decision)).toEqual(["recognize"]);
    const after = await (await web.get(res.headers.get("location")!)).text();
    expect(after).toMatch(/Đã ghi phiếu của bạn|Đã ghi quyết định/);
  });
});

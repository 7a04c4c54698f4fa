import { describe, expect, it } from "vitest";
import { EFFECT_HANDLERS } from "../../src/application/effects.ts";
import { createRunner } from "../../src/application/runner.ts";
import { createInvitation } from "../../src/application/services/invitations.ts";
import { defaultFlows } from "../../src/dialogs/flows/index.ts";
import { databaseKinds } from "../storage/databases.ts";
import { useApp } from "../support/app.ts";
import { vn } from "../support/fixtures.ts";
import { REGISTRATION } from "../support/registration.ts";

describe.each(databaseKinds)("dialog runner on $provider", (kind) => {
  const app = useApp(kind, { perTest: true });

  it("registers a model end to end: code, body, ten items, scores, audit and the body told", async () => {
    const a = app();
    const officer = await a.store.people.identify({
      channel: "test",
      externalId: "officer",
      chatId: "officer",
      displayName: "Cán bộ",
      language: "vi",
      at: new Date(),
    });
    await a.store.memberships.add({ personId: officer.person.id, bodyCode: "NB-TP-NN", role: "officer" });
    await a.send("citizen", "/dangky");
    for (const answer of REGISTRATION) await a.send("citizen", answer);
    const done = await a.send("citizen", "Gửi đăng ký");
    expect(done).toContain("Mã hồ sơ của bạn: DVK-2026-000001");
    const [s] = await a.store.submissions.list();
    expect(s).toMatchObject({
      code: "DVK-2026-000001",
      status: "submitted",
      bodyCode: "NB-TP-NN",
      queueBodyCode: "NB-TP-NN",
      field: "culture_society",
      tier: "commune",
      late: false,
    });
    expect(Object.keys(s!.description)).toHaveLength(10);
    expect(s!.scores).toEqual({
      identity: 10,
      leadership: 14,
      coordination: 13,
      support: 14,
      urgency: 13,
      impact: 13,
      sustainability: 13,
    });
    const history = await a.store.submissions.history(s!.id);
    expect(history.map((e) => [e.action, e.from, e.to, e.actorRole])).toEqual([
      ["submit", "draft", "submitted", "registrant"],
    ]);
    const told = await a.store.notifications.list({ personId: officer.person.id });
    expect(told).toHaveLength(1);
    expect(told[0]!.payload).toEqual({ kind: "new_submission", submissionId: s!.id });
  });

  it("resumes a registration half-way after a restart", async () => {
    const a = app();
    await a.send("citizen", "/dangky");
    for (const answer of REGISTRATION.slice(0, 13)) await a.send("citizen", answer);
    // A new runner over the same database is a restarted process.
    const restarted = a.newRunner();
    const out = await restarted.handle({
      channel: "test",
      chatId: "citizen",
      user: { externalId: "citizen", displayName: "c" },
      input: defaultFlows.textInput(REGISTRATION[13]!, false),
    });
    expect(
      out.reply.views.map((v) => v.text.map((t) => a.translator.text("vi", t)).join(" ")).join(" "),
    ).toContain("Mục 5/10");
    const [draft] = await a.store.submissions.list();
    expect(draft).toMatchObject({ status: "draft", unitName: "Chi bộ thôn Đông" });
    expect(draft!.description.activities).toBe(REGISTRATION[13]);
  });

  it("processes a repeated delivery once", async () => {
    const a = app();
    const channel = a.channel();
    const delivery = {
      key: "42",
      seq: 42,
      update: {
        channel: "test",
        chatId: "c",
        user: { externalId: "c", displayName: "c" },
        input: defaultFlows.textInput("/dangky", false),
      },
    };
    const first = await channel.deliver(delivery);
    await first.processed;
    const second = await channel.deliver(delivery);
    await second.processed;
    expect(first.fresh).toBe(true);
    expect(second.fresh).toBe(false);
    expect(channel.transcript("c")).toHaveLength(1);
    expect((await a.store.dialogs.load("test", "c"))!.version).toBe(1);
    expect(await a.store.submissions.list()).toHaveLength(0);
  });

  it("never loses an answer when updates of one chat race", async () => {
    const a = app();
    await a.send("racer", "/dangky");
    await a.send("racer", "Kinh tế");
    // Two answers arrive at once for the same chat: both are applied, one after the other.
    await Promise.all([a.send("racer", "1"), a.send("racer", "1")]);
    const session = await a.store.dialogs.load("test", "racer");
    const flow = (
      session!.state as { flow: { step: string; draft: { registrantKind: string; unitCategory: string } } }
    ).flow;
    expect(flow.draft.registrantKind).toBe("collective");
    expect(flow.draft.unitCategory).toBe("party_cell");
    expect(flow.step).toBe("location");
  });

  it("keeps several drafts and lists them in /hoso with their history", async () => {
    const a = app();
    await a.send("p", "/dangky");
    await a.send("p", "Kinh tế");
    await a.send("p", "/huy");
    const offer = await a.send("p", "/dangky");
    expect(offer).toContain("Bạn có 1 bản đăng ký đang làm dở");
    await a.send("p", "Bắt đầu bản mới");
    await a.send("p", "Quốc phòng – An ninh");
    await a.send("p", "/huy");
    const mine = await a.send("p", "/hoso");
    expect(mine).toContain("Hồ sơ của bạn (2)");
    const opened = await a.send("p", "1");
    expect(opened).toContain("Lịch sử xử lý:");
    expect(opened).toContain("Sửa và gửi");
  });

  it("joins a body through an invitation, once", async () => {
    const a = app();
    const { code } = await createInvitation(a.store, {
      bodyCode: "NB-HL",
      role: "committee",
      now: a.clock(),
    });
    expect(await a.send("member", `/start ${code}`)).toContain(
      "Bạn đã tham gia Ban Dân vận Huyện ủy Hoa Lư với vai trò thành viên Ban Chỉ đạo",
    );
    expect(await a.send("other", `/start ${code}`)).toContain("Mã mời này đã được sử dụng");
    expect(await a.send("other", "/start nottherightcode")).toContain("Mã mời không đúng");
    a.clock.set(vn("2026-06-01T09:00:00"));
    const late = await createInvitation(a.store, {
      bodyCode: "NB",
      role: "officer",
      now: vn("2026-01-01T09:00:00"),
      days: 1,
    });
    expect(await a.send("third", `/start ${late.code}`)).toContain("Mã mời này đã hết hạn");
  });

  it("switches language and keeps it", async () => {
    const a = app();
    await a.send("l", "/ngonngu");
    expect(await a.send("l", "English")).toContain("Switched to English.");
    expect(await a.send("l", "/trogiup")).toContain("A model belongs to one of four fields");
  });

  it("builds a report's files after the update's transaction has committed, never inside it", async () => {
    const a = app();
    const { person } = await a.store.people.identify({
      channel: "test",
      externalId: "officer",
      chatId: "officer",
      displayName: "Cán bộ",
      language: "vi",
      at: new Date(),
    });
    await a.store.memberships.add({ personId: person.id, bodyCode: "NB-TP-NN", role: "officer" });
    let seen: { committed: unknown; outsideTransaction: boolean } | undefined;
    const runner = createRunner({
      store: a.store,
      rulebook: a.rulebook,
      tree: a.tree,
      clock: a.clock,
      newId: () => crypto.randomUUID(),
      translator: a.translator,
      effects: {
        ...EFFECT_HANDLERS,
        build_report: {
          ...EFFECT_HANDLERS.build_report,
          async run(effect, env) {
            // The session the step saved is visible: its transaction is over.
            const session = await a.store.dialogs.load("test", "officer");
            seen = {
              committed: (session!.state as { flow: unknown }).flow,
              outsideTransaction: env.repos === a.store,
            };
            return EFFECT_HANDLERS.build_report.run(effect, env);
          },
        },
      },
    });
    const say = (text: string) =>
      runner.handle({
        channel: "test",
        chatId: "officer",
        user: { externalId: "officer", displayName: "Cán bộ" },
        input: defaultFlows.textInput(text, false),
      });
    await say("/baocao");
    const out = await say("1");
    expect(seen).toEqual({
      committed: { name: "report", bodyCode: "NB-TP-NN", loading: true },
      outsideTransaction: true,
    });
    expect(out.reply.views.flatMap((v) => v.files ?? []).map((f) => f.name)).toEqual([
      "bao-cao-NB-TP-NN-2026.xlsx",
      "bao-cao-NB-TP-NN-2026.png",
      "danh-sach-tong-hop-NB-TP-NN-2026.docx",
    ]);
    expect((await a.store.dialogs.load("test", "officer"))!.state).toMatchObject({ flow: null });
  });
});

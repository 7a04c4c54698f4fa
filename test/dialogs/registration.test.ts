import { describe, expect, it } from "vitest";
import { type ProposalFlow, startProposal } from "../../src/dialogs/flows/proposal.ts";
import type { RegistrationFlow } from "../../src/dialogs/flows/registration/index.ts";
import { INITIAL_STATE } from "../../src/dialogs/state.ts";
import type { Attachment, Submission } from "../../src/domain/types.ts";
import { pureDialog } from "../support/dialog.ts";
import { completeDraft, twoTier } from "../support/fixtures.ts";
import { DESCRIPTION_ANSWERS } from "../support/registration.ts";

/** A 2 GB program whose name shows as "photoexe.jpg" (a right-to-left override before "gpj.exe"). */
const DISGUISED_PROGRAM: Attachment = {
  kind: "document",
  channel: "telegram",
  ref: "exe-1",
  name: "photo\u202Egpj.exe",
  mime: "application/x-msdownload",
  size: 2 * 1024 ** 3,
};

/** Starts /dangky with no drafts, landing on the first question. */
function started() {
  const d = pureDialog();
  d.say("/dangky");
  expect(d.effects.at(-1)).toEqual({ type: "load_drafts" });
  d.resolve("load_drafts", []);
  expect(d.step).toBe("field");
  return d;
}

/** Answers up to (not including) the given step. */
function upTo(stop: string) {
  const d = started();
  const answers: [string, string][] = [
    ["field", "2"],
    ["kind", "1"],
    ["category", "1"],
    ["location", "ninh nhat"],
    ["unit_name", "Chi bộ thôn Đông"],
    ["address", "Thôn Đông, xã Ninh Nhất"],
    ["contact", "Nguyễn Văn An"],
    ["phone", "0912 345 678"],
    ["model_kind", "1"],
    ...DESCRIPTION_ANSWERS.map(
      (text, i) =>
        [
          `item:${["model_name", "situation", "goals", "activities", "area", "forces", "resources", "timeline", "outputs", "sustainability"][i]}`,
          text,
        ] as [string, string],
    ),
    ["files", "bỏ qua"],
    ["score:identity", "10"],
    ["score:leadership", "14"],
    ["score:coordination", "13"],
    ["score:support", "14"],
    ["score:urgency", "13"],
    ["score:impact", "13"],
    ["score:sustainability", "13"],
  ];
  for (const [step, answer] of answers) {
    if (step === stop) return d;
    expect(d.step).toBe(step);
    d.say(answer);
  }
  expect(stop).toBe("review");
  return d;
}

function draftOf(d: ReturnType<typeof pureDialog>): Submission {
  const flow = d.state.flow;
  if (flow?.name !== "registration") throw new Error(`not registering: ${flow?.name}`);
  return (flow as RegistrationFlow).draft;
}

describe("registration dialog", () => {
  it("walks every question in order and fills the draft", () => {
    const d = upTo("review");
    expect(d.step).toBe("review");
    const draft = draftOf(d);
    const expected = completeDraft();
    expect(draft).toMatchObject({
      field: expected.field,
      registrantKind: "collective",
      unitCategory: "party_cell",
      localityCode: "NB-TP-NN",
      unitName: "Chi bộ thôn Đông",
      address: "Thôn Đông, xã Ninh Nhất",
      contactName: "Nguyễn Văn An",
      contactPhone: "0912345678",
      modelKind: "new",
      scores: expected.scores,
    });
    expect(Object.values(draft.description)).toEqual(DESCRIPTION_ANSWERS);
    expect(d.text).toContain("Nơi tiếp nhận: Khối Dân vận Đảng ủy xã Ninh Nhất");
    expect(d.text).toContain("Tổng điểm tự chấm: 90/100 — Tốt");
  });

  it("saves the draft after every answer", () => {
    const d = upTo("unit_name");
    const saves = d.effects.filter((e) => e.type === "save_draft");
    expect(saves).toHaveLength(4);
    d.say("Chi bộ thôn Đông");
    expect(d.effects.at(-1)).toMatchObject({
      type: "save_draft",
      submission: { unitName: "Chi bộ thôn Đông" },
    });
  });

  it("shows the chosen field's help text from seed 001", () => {
    const d = started();
    d.say("Kinh tế");
    expect(d.text).toContain("Lĩnh vực Kinh tế. Mô hình cần thể hiện:");
    expect(d.text).toContain("khéo vận động nhân dân thi đua lao động sản xuất");
    expect(d.step).toBe("kind");
  });

  it("groups unit categories under plain headings and filters them by registrant kind", () => {
    const d = upTo("category");
    const choices = d.prompt.at(-1)!.choices!;
    expect(choices.every((c) => c.group)).toBe(true);
    expect(choices.map((c) => c.id)).not.toContain("commune_resident");
    const individual = upTo("kind");
    individual.say("2");
    expect(individual.prompt.at(-1)!.choices!.map((c) => c.id)).toEqual([
      "commune_resident",
      "district_individual",
      "provincial_party_committee",
      "provincial_party_agency",
      "provincial_department",
      "provincial_front_organisation",
    ]);
  });

  it("browses province → district → commune with choices", () => {
    const d = upTo("location");
    const names = () => d.prompt.at(-1)!.choices!.map((c) => d.ctx.label(c.label));
    expect(names()).toEqual(["Huyện Hoa Lư", "Thành phố Ninh Bình"]);
    d.say("2");
    expect(names()).toEqual(["Phường Đông Thành", "Xã Ninh Nhất", "◀ Quay lại cấp trên"]);
    d.say("3");
    expect(names()).toEqual(["Huyện Hoa Lư", "Thành phố Ninh Bình"]);
    d.say("Thành phố Ninh Bình");
    d.say("Xã Ninh Nhất");
    expect(draftOf(d).localityCode).toBe("NB-TP-NN");
    expect(d.step).toBe("unit_name");
  });

  it("finds a place by part of its name without diacritics, and says when nothing matches", () => {
    const d = upTo("location");
    d.say("xa ninh");
    expect(d.step).toBe("location");
    expect(d.prompt.at(-1)!.choices!.map((c) => d.ctx.label(c.label))).toEqual([
      "Xã Ninh Hải, Huyện Hoa Lư",
      "Xã Ninh Nhất, Thành phố Ninh Bình",
      "Duyệt danh sách",
    ]);
    d.say("1");
    expect(draftOf(d).localityCode).toBe("NB-HL-NH");
    const none = upTo("location");
    none.say("Hà Nội");
    expect(none.text).toContain('Không tìm thấy nơi nào có tên "Hà Nội"');
    expect(none.step).toBe("location");
  });

  it("asks only for a district when the category is received at district level", () => {
    const d = upTo("category");
    d.say("Phòng, ban, ngành huyện");
    d.say("hoa lu");
    expect(draftOf(d).localityCode).toBe("NB-HL");
    expect(d.step).toBe("unit_name");
  });

  it.each<[string, string, string]>([
    ["address", "ở gần chợ thôi nhé", "Địa chỉ cần cụ thể hơn"],
    ["address", "gần chợ", "hơi ngắn (7 ký tự)"],
    ["phone", "12345", "Số điện thoại chưa đúng"],
    ["phone", "0912 345 67", "Số điện thoại chưa đúng"],
    ["unit_name", "🎉🎉🎉", "cần có chữ hoặc số"],
    ["unit_name", "x".repeat(201), "quá dài (201 ký tự)"],
    ["item:model_name", "Tổ", "hơi ngắn (2 ký tự)"],
    ["item:situation", "x".repeat(10_000), "quá dài (10000 ký tự)"],
    ["item:goals", "   ", "đang trống"],
    ["score:identity", "11", "từ 0 đến 10"],
    ["score:identity", "-1", "từ 0 đến 10"],
    ["score:leadership", "mười", "từ 0 đến 15"],
    ["field", "7", "Vui lòng chọn một trong các lựa chọn"],
    ["kind", "ai cũng được", "Vui lòng chọn một trong các lựa chọn"],
    ["files", "đây là ảnh", "hãy gửi ảnh hoặc tài liệu"],
  ])("at %s refuses a bad answer politely and stays (%#)", (step, answer, message) => {
    const d = upTo(step);
    const before = draftOf(d);
    d.say(answer);
    expect(d.step).toBe(step);
    expect(d.text).toContain(message);
    expect(draftOf(d)).toEqual(before);
    // The question is asked again after the explanation.
    expect(d.reply.views.length).toBeGreaterThan(1);
  });

  it("accepts a score typed or picked, and shows the running total", () => {
    const d = upTo("score:identity");
    d.input({ kind: "pick", index: 1, nonce: d.state.nonce });
    expect(draftOf(d).scores.identity).toBe(8);
    expect(d.text).toContain("Tổng tạm tính: 8 điểm.");
    d.say("15");
    expect(draftOf(d).scores.leadership).toBe(15);
    expect(d.text).toContain("Điểm các tiêu chí trước: 23.");
  });

  it("keeps photos and documents at the attachments step", () => {
    const d = upTo("files");
    d.input({ kind: "file", file: { kind: "photo", channel: "console", ref: "photo-1" } });
    d.input({
      kind: "file",
      file: { kind: "document", channel: "console", ref: "doc-1", name: "ke-hoach.pdf" },
    });
    expect(d.step).toBe("files");
    expect(d.text).toContain("Đã nhận 2 tệp.");
    d.say("Xong");
    expect(draftOf(d).attachments.map((a) => a.ref)).toEqual(["photo-1", "doc-1"]);
    expect(d.step).toBe("score:identity");
  });

  it("refuses a file it does not take, saying what it takes and the limit", () => {
    const d = upTo("files");
    expect(d.text).toContain("Bot nhận ảnh (JPEG, PNG, WebP, HEIC, GIF) và tài liệu PDF, Word");
    d.input({ kind: "file", file: DISGUISED_PROGRAM });
    expect(d.text).toContain("Xin lỗi, bot không nhận loại tệp này.");
    expect(d.text).toContain("mỗi tệp không quá 20 MB, tối đa 10 tệp.");
    expect(d.step).toBe("files");
    const pdf = { kind: "document", channel: "telegram", ref: "pdf-1", name: "Kế hoạch.pdf" } as const;
    d.input({ kind: "file", file: { ...pdf, mime: "application/pdf", size: 3 * 1024 ** 2 } });
    d.input({ kind: "file", file: { kind: "photo", channel: "telegram", ref: "jpg-1", size: 200_000 } });
    expect(d.text).toContain("Đã nhận 2 tệp.");
    d.input({ kind: "file", file: { ...pdf, ref: "big", mime: "application/pdf", size: 21 * 1024 ** 2 } });
    expect(d.text).toContain("Xin lỗi, tệp này lớn quá.");
    expect(d.text).toContain("20 MB");
    expect(draftOf(d).attachments.map((a) => a.ref)).toEqual(["pdf-1", "jpg-1"]);
  });

  it("takes ten files and refuses the eleventh", () => {
    const d = upTo("files");
    for (let i = 1; i <= 10; i++)
      d.input({ kind: "file", file: { kind: "photo", channel: "telegram", ref: `p-${i}` } });
    expect(d.text).toContain("Đã nhận 10 tệp.");
    d.input({ kind: "file", file: { kind: "photo", channel: "telegram", ref: "p-11" } });
    expect(d.text).toContain("Đã đủ 10 tệp, bot không nhận thêm.");
    expect(draftOf(d).attachments).toHaveLength(10);
    d.say("Xong");
    expect(d.step).toBe("score:identity");
  });

  it("edits an item from the review and returns to the review", () => {
    const d = upTo("review");
    d.say("Sửa một mục");
    expect(d.step).toBe("edit");
    d.say("Địa chỉ");
    expect(d.step).toBe("address");
    d.say("Số 5, tổ 3, phường Đông Thành");
    expect(d.step).toBe("review");
    expect(draftOf(d).address).toBe("Số 5, tổ 3, phường Đông Thành");
    expect(d.text).toContain("Địa chỉ: Số 5, tổ 3, phường Đông Thành");
  });

  it("after changing the kind from the review, asks again for what no longer fits", () => {
    const d = upTo("review");
    d.say("Sửa một mục");
    d.say("Người đăng ký (tập thể/cá nhân)");
    d.say("Một cá nhân");
    expect(d.step).toBe("category");
    d.say("Cá nhân sinh sống, làm việc, học tập tại xã");
    expect(d.step).toBe("review");
    expect(draftOf(d).localityCode).toBe("NB-TP-NN");
  });

  it("lists what stops submission as sentences, and offers no submit button until fixed", () => {
    const d = upTo("review");
    const flow = d.state.flow as RegistrationFlow;
    const draft = {
      ...flow.draft,
      contactPhone: "123",
      description: { ...flow.draft.description, goals: "ngắn" },
    };
    const edited: RegistrationFlow = { ...flow, draft };
    d.state = { ...d.state, flow: edited };
    d.say("Sửa một mục");
    d.say("◀ Quay lại bản xem lại");
    expect(d.text).toContain("Còn 2 điều cần sửa trước khi gửi:");
    expect(d.text).toContain('Mục "Mục tiêu, tiêu chí" quá ngắn (4 ký tự, cần ít nhất 30).');
    expect(d.text).toContain("Số điện thoại liên hệ chưa đúng.");
    expect(d.prompt.at(-1)!.choices!.map((c) => c.id)).toEqual(["edit", "later"]);
  });

  it("submits, then tells the code, the receiving body and what happens next", () => {
    const d = upTo("review");
    d.say("Gửi đăng ký");
    expect(d.effects.at(-1)).toMatchObject({ type: "submit" });
    const draft = draftOf(d);
    d.resolve("submit", {
      ok: true,
      submission: { ...draft, code: "DVK-2026-000042", status: "submitted" },
      bodyName: "Khối Dân vận Đảng ủy xã Ninh Nhất",
    });
    expect(d.state.flow).toBeNull();
    expect(d.text).toContain("Mã hồ sơ của bạn: DVK-2026-000042");
    expect(d.text).toContain("Đăng ký đã được chuyển đến Khối Dân vận Đảng ủy xã Ninh Nhất.");
    expect(d.text).toContain("Gõ /hoso để theo dõi.");
  });

  it("shows problems only the submission can find (a duplicate) on the review", () => {
    const d = upTo("review");
    d.say("1");
    d.resolve("submit", {
      ok: false,
      problems: [{ code: "duplicate", params: { code: "DVK-2026-000007" } }],
    });
    expect(d.step).toBe("review");
    expect(d.text).toContain("đã đăng ký mô hình cùng tên trong năm nay (mã DVK-2026-000007)");
    expect(d.prompt.at(-1)!.choices!.map((c) => c.id)).toEqual(["edit", "later"]);
  });

  it("/huy keeps the draft; /dangky offers to resume it or start anew", () => {
    const d = upTo("address");
    d.say("/huy");
    expect(d.state.flow).toBeNull();
    expect(d.text).toContain("Bản nháp của bạn được lưu lại");
    const draft = (d.effects.filter((e) => e.type === "save_draft").at(-1) as { submission: Submission })
      .submission;
    d.say("/dangky");
    d.resolve("load_drafts", [{ ...draft, description: { model_name: "Đường hoa" } }]);
    expect(d.prompt.at(-1)!.choices!.map((c) => d.ctx.label(c.label))).toEqual([
      "Đường hoa (Bản nháp)",
      "Bắt đầu bản mới",
    ]);
    d.say("1");
    // The listed draft is read afresh before it opens (a list keeps no personal answers).
    expect(d.effects.at(-1)).toEqual({ type: "load_submission", id: draft.id });
    d.resolve("load_submission", { submission: draft, history: [] });
    expect(d.step).toBe("address");
    expect(d.text).toContain("Làm tiếp bản đăng ký:");
  });

  it("starts a new registration next to an existing draft", () => {
    const d = started();
    d.say("/huy");
    d.say("/dangky");
    d.resolve("load_drafts", [completeDraft({ id: "old" })]);
    d.say("Bắt đầu bản mới");
    expect(d.step).toBe("field");
    expect(draftOf(d).id).not.toBe("old");
  });

  it("registers under the two-tier rulebook with today's bodies", () => {
    const d = pureDialog(twoTier);
    d.say("/dangky");
    d.resolve("load_drafts", []);
    d.say("1");
    d.say("1");
    d.say("Chi bộ");
    expect(d.prompt.at(-1)!.choices!.map((c) => d.ctx.label(c.label))).toEqual([
      "Phường Hoa Lư",
      "Phường Nam Hoa Lư",
      "Xã Đại Hoàng",
      "Xã Gia Viễn",
    ]);
  });
});

describe("unexpected input keeps the dialog where it was", () => {
  it.each<[string, Parameters<ReturnType<typeof pureDialog>["input"]>[0], string]>([
    ["a sticker", { kind: "unsupported", what: "sticker" }, "chưa đọc được loại tin nhắn này"],
    [
      "a photo where text is expected",
      { kind: "file", file: { kind: "photo", channel: "t", ref: "x" } },
      "cần câu trả lời bằng chữ",
    ],
    ["an unknown command", { kind: "unknown_command", text: "/xoaheet" }, "không biết lệnh /xoaheet"],
    [
      "only emoji",
      { kind: "text", text: "😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀" },
      "cần có chữ hoặc số",
    ],
    ["10,000 characters", { kind: "text", text: "a ".repeat(5000) }, "quá dài"],
    ["binary junk", { kind: "text", text: "\u0000\u0001\u0002\u0003" }, "đang trống"],
  ])("%s", (_label, input, message) => {
    const d = upTo("item:situation");
    const before = JSON.stringify(draftOf(d));
    d.input(input);
    expect(d.step).toBe("item:situation");
    expect(d.text).toContain(message);
    expect(d.text).toContain("Mục 2/10 — Thực trạng, lý do xây dựng");
    expect(JSON.stringify(draftOf(d))).toBe(before);
  });

  it("HTML or SQL in an answer is kept as plain text, not interpreted", () => {
    const d = upTo("item:situation");
    const hostile = '<script>alert(1)</script>\'; DROP TABLE "Submission"; -- người dân chưa giữ vệ sinh';
    d.say(hostile);
    expect(draftOf(d).description.situation).toBe(hostile);
    expect(d.step).toBe("item:goals");
  });

  it("a command mid-dialog is answered and the question asked again", () => {
    const d = upTo("address");
    d.say("/trogiup");
    expect(d.text).toContain("Mô hình thuộc một trong 4 lĩnh vực");
    expect(d.text).toContain("Địa chỉ cụ thể của đơn vị");
    expect(d.step).toBe("address");
    d.say("/ngonngu");
    d.say("English");
    expect(d.effects.at(-1)).toEqual({ type: "set_language", language: "en" });
    expect(d.step).toBe("address");
    d.say("/dangky");
    expect(d.text).toContain("Bạn đang đăng ký dở");
    expect(d.step).toBe("address");
  });

  it("/hoso mid-registration pauses it and resumes it afterwards", () => {
    const d = upTo("contact");
    d.say("/hoso");
    d.resolve("load_mine", [
      completeDraft({ id: "other", code: "DVK-2026-000003", status: "submitted", submittedAt: new Date() }),
    ]);
    expect(d.state.flow?.name).toBe("mine");
    d.say("Đóng");
    expect(d.step).toBe("contact");
    expect(d.text).toContain("Tiếp tục phần đang làm dở");
  });

  it("a press on an old message is stale and changes nothing", () => {
    const d = upTo("kind");
    const old = d.state.nonce;
    d.say("1");
    const state = d.state;
    d.input({ kind: "pick", index: 0, nonce: old });
    expect(d.reply.stale).toBe(true);
    expect(d.state).toBe(state);
  });

  it("text with nothing in progress points at the commands", () => {
    const d = pureDialog();
    d.say("xin chào");
    expect(d.text).toContain("/dangky");
  });
});

describe("a proposal's files", () => {
  it("follow the same rules as a registration's", () => {
    const d = pureDialog();
    const accepted = completeDraft({ id: "s-1", code: "DVK-2026-000001", status: "accepted" });
    const flow = { ...startProposal(accepted).flow!, step: "files" } as ProposalFlow;
    d.state = { ...INITIAL_STATE, flow };
    expect(d.prompt.at(-1)!.expects).toEqual({ kind: "files", max: 10 });
    d.input({ kind: "file", file: { ...DISGUISED_PROGRAM, channel: "zalo-oa", mime: undefined } });
    expect(d.text).toContain("Xin lỗi, bot không nhận loại tệp này.");
    d.input({ kind: "file", file: { kind: "document", channel: "zalo-oa", ref: "v", name: "ket-qua.pdf" } });
    const results = (d.state.flow as ProposalFlow).results;
    expect(results.attachments.map((a) => a.ref)).toEqual(["v"]);
  });
});

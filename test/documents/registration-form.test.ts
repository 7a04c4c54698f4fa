import { beforeAll, describe, expect, it } from "vitest";
import {
  type RegistrationFormInput,
  registrationFormDocx,
  registrationFormPdf,
} from "../../src/application/documents/index.ts";
import { createTranslator } from "../../src/application/i18n.ts";
import type { Submission } from "../../src/domain/types.ts";
import { completeDraft, demoTree, threeTier, vn } from "../support/fixtures.ts";
import {
  docxParagraphs,
  docxParts,
  docxTables,
  docxXml,
  pdfFlow,
  pdfFonts,
  pdfInfo,
  pdfText,
  renderPages,
} from "./support.ts";

const tree = demoTree(threeTier);
const translator = createTranslator(threeTier);
const NOW = vn("2026-03-20T10:00:00");

/** A party cell's registration, submitted to the commune on 10/03/2026. */
const submitted: Submission = completeDraft({
  status: "submitted",
  code: "DVK-2026-000123",
  bodyCode: "NB-TP-NN",
  queueBodyCode: "NB-TP-NN",
  tier: "commune",
  submittedAt: vn("2026-03-10T09:00:00"),
});

/** The same model proposed for recognition late, with its results and a fresh self-score. */
const proposed: Submission = {
  ...submitted,
  status: "proposed",
  late: true,
  results: {
    outcomes: {
      outputs: "Hoàn thành 2,5 km đường hoa; 156/156 hộ ký cam kết giữ vệ sinh.",
      sustainability: "Thôn Tây và thôn Nam đã học tập, làm theo.",
    },
    figures: "156 hộ, 45 triệu đồng, 800 ngày công",
    late: true,
    scores: {
      identity: 10,
      leadership: 15,
      coordination: 14,
      support: 15,
      urgency: 14,
      impact: 14,
      sustainability: 14,
    },
    attachments: [],
  },
};

const input = (submission: Submission, language: "vi" | "en" = "vi"): RegistrationFormInput => ({
  submission,
  rulebook: threeTier,
  tree,
  translator,
  language,
  now: NOW,
});

const ITEM_LABELS = threeTier.description.map((d) => d.label.vi);
const CRITERIA = threeTier.scoring.criteria;

/** What both files must say of the submitted registration, in Vietnamese. */
const SAYS = [
  "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
  "Độc lập – Tự do – Hạnh phúc",
  "CHI BỘ THÔN ĐÔNG",
  "Ninh Bình, ngày 10 tháng 3 năm 2026",
  "PHIẾU ĐĂNG KÝ",
  "XÂY DỰNG MÔ HÌNH “DÂN VẬN KHÉO” NĂM 2026",
  "Kính gửi: Khối Dân vận Đảng ủy xã Ninh Nhất",
  "Mã hồ sơ: DVK-2026-000123 — Tình trạng: Đã gửi, chờ tiếp nhận",
  "Lĩnh vực: Văn hóa – xã hội",
  "Đối tượng đăng ký: Tập thể",
  "Loại đơn vị: Chi bộ",
  "Địa bàn: Xã Ninh Nhất, Thành phố Ninh Bình",
  "Tên tập thể, cá nhân đăng ký: Chi bộ thôn Đông",
  "Địa chỉ: Thôn Đông, xã Ninh Nhất",
  "Người liên hệ: Nguyễn Văn An",
  "Điện thoại: 0912 345 678",
  "Loại mô hình: Xây dựng mới",
  "3. Mục tiêu, tiêu chí: 100% hộ tham gia; 2 km đường có hoa, không còn điểm rác tự phát trong năm 2026.",
  "III. TỰ ĐÁNH GIÁ, CHẤM ĐIỂM",
  "Tổng điểm: 90/100. Xếp loại: Tốt.",
  "NGƯỜI ĐĂNG KÝ",
  "(Ký, ghi rõ họ tên)",
];

describe("registration form, DOCX", () => {
  let bytes: Uint8Array;
  let paragraphs: string[];

  beforeAll(async () => {
    bytes = await registrationFormDocx(input(submitted));
    paragraphs = docxParagraphs(bytes);
  });

  it("says every field, the heading, the code and status, with diacritics intact", () => {
    const text = paragraphs.join("\n");
    for (const line of SAYS) expect(text).toContain(line);
    expect(text).toBe(text.normalize("NFC"));
    expect(text).not.toMatch(/\b(document|report|status|rb)[.:][a-z_]/);
  });

  it("has all ten items, each with its rulebook label and text", () => {
    threeTier.description.forEach((item, i) => {
      const line = `${i + 1}. ${ITEM_LABELS[i]}: ${submitted.description[item.id]}`;
      expect(paragraphs).toContain(line);
    });
  });

  it("has the score table: each criterion with its maximum and score, then the total", () => {
    const table = docxTables(bytes).find((t) => t[0]?.[0] === "STT")!;
    expect(table).toEqual([
      ["STT", "Tiêu chí", "Điểm tối đa", "Điểm tự chấm"],
      ...CRITERIA.map((c, i) => [String(i + 1), c.label.vi, String(c.max), String(submitted.scores[c.id])]),
      ["", "Tổng cộng", "100", "90"],
    ]);
  });

  it("ends with the signature block and the contact's name", () => {
    expect(paragraphs.slice(-3)).toEqual(["NGƯỜI ĐĂNG KÝ", "(Ký, ghi rõ họ tên)", "Nguyễn Văn An"]);
  });

  it("embeds its typeface and asks for it everywhere", () => {
    const parts = Object.keys(docxParts(bytes));
    expect(parts.filter((p) => p.startsWith("word/fonts/"))).toHaveLength(3);
    const fonts = docxXml(bytes, "word/fontTable.xml");
    expect(fonts).toContain('w:name="DejaVu Serif Condensed"');
    for (const face of ["embedRegular", "embedBold", "embedItalic"]) expect(fonts).toContain(`w:${face}`);
    expect(docxXml(bytes, "word/styles.xml")).toContain('w:ascii="DejaVu Serif Condensed"');
  });

  it("renders to PNG pages through LibreOffice", () => {
    const pages = renderPages("registration-form", bytes, "docx");
    expect(pages.length).toBeGreaterThan(0);
  });
});

describe("registration form, PDF", () => {
  let bytes: Uint8Array;
  let flow: string;

  beforeAll(async () => {
    bytes = await registrationFormPdf(input(submitted));
    flow = pdfFlow(bytes);
  });

  it("says every field, the heading, the code and status, with diacritics intact", () => {
    for (const line of SAYS) expect(flow).toContain(line);
    expect(flow).not.toMatch(/\b(document|report|status|rb)[.:][a-z_]/);
  });

  it("has all ten items, each with its rulebook label and text", () => {
    threeTier.description.forEach((item, i) => {
      expect(flow).toContain(`${i + 1}. ${ITEM_LABELS[i]}: ${submitted.description[item.id]}`);
    });
  });

  it("has the score table: each criterion's row with its maximum and score, then the total", () => {
    const lines = pdfText(bytes, "layout").split("\n");
    CRITERIA.forEach((c, i) => {
      const row = new RegExp(`^\\s*${i + 1}\\s.*\\s${c.max}\\s+${submitted.scores[c.id]}\\s*$`);
      expect(lines.some((l) => row.test(l))).toBe(true);
      expect(flow).toContain(c.label.vi);
    });
    expect(lines.some((l) => /^\s*Tổng cộng\s+100\s+90\s*$/.test(l))).toBe(true);
  });

  it("is an A4 file titled by its code", () => {
    const info = pdfInfo(bytes);
    expect(info.Title).toBe("Phiếu đăng ký mô hình “Dân vận khéo” DVK-2026-000123");
    expect(info["Page size"]).toMatch(/^595\.2\d* x 841\.89 pts \(A4\)/);
  });

  it("embeds every font it uses, all DejaVu", () => {
    const fonts = pdfFonts(bytes);
    expect(fonts.length).toBeGreaterThan(0);
    for (const f of fonts) {
      expect(f.name).toMatch(/\+DejaVuSerifCondensed/);
      expect(f.embedded).toBe(true);
    }
  });

  it("renders to PNG pages", () => {
    expect(renderPages("registration-form", bytes, "pdf").length).toBeGreaterThan(0);
  });
});

describe("registration form, what it shows when", () => {
  it("adds the results and their fresh score table once the model is proposed, and the late flags", async () => {
    const docx = docxParagraphs(await registrationFormDocx(input(proposed))).join("\n");
    const bytes = await registrationFormPdf(input(proposed));
    const pdf = pdfFlow(bytes);
    renderPages("registration-form-proposed", bytes, "pdf");
    for (const text of [docx, pdf]) {
      expect(text).toContain("Tình trạng: Đã đề nghị công nhận");
      expect(text).toContain("Quá hạn: đăng ký, đề nghị (vẫn được nhận, có ghi chú)");
      expect(text).toContain("IV. KẾT QUẢ ĐẠT ĐƯỢC (ĐỀ NGHỊ CÔNG NHẬN)");
      expect(text).toContain(
        "9. Sản phẩm, kết quả dự kiến: Hoàn thành 2,5 km đường hoa; 156/156 hộ ký cam kết giữ vệ sinh.",
      );
      expect(text).toContain("10. Khả năng duy trì, nhân rộng: Thôn Tây và thôn Nam đã học tập, làm theo.");
      expect(text).toContain("Số liệu nổi bật: 156 hộ, 45 triệu đồng, 800 ngày công");
      // The registration's score, then the fresh one.
      expect(text).toContain("Tổng điểm: 90/100. Xếp loại: Tốt.");
      expect(text).toContain("Tổng điểm: 96/100. Xếp loại: Xuất sắc.");
    }
  });

  it("names what a replication replicates, and gives an individual no issuer line", async () => {
    const replication = completeDraft({
      registrantKind: "individual",
      unitCategory: "commune_resident",
      unitName: "Trần Thị Bình",
      contactName: "Trần Thị Bình",
      modelKind: "replication",
      replicates: { code: "DVK-2025-000042", name: "Con đường bích họa" },
    });
    const paragraphs = docxParagraphs(await registrationFormDocx(input(replication)));
    expect(paragraphs).toContain("Mô hình được nhân rộng: Con đường bích họa (DVK-2025-000042)");
    expect(paragraphs).toContain("Đối tượng đăng ký: Cá nhân");
    expect(paragraphs[0]).toBe("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
    expect(paragraphs).not.toContain("TRẦN THỊ BÌNH");
  });

  it("dates a draft by the day it is printed (in Vietnam) and routes it; blanks what is missing", async () => {
    // 04/02 at 20:00 UTC is already 05/02 in Vietnam: day below 10 and February take a zero.
    const draft = completeDraft({ address: null, description: { model_name: "Sân chơi cho em" } });
    const paragraphs = docxParagraphs(
      await registrationFormDocx({ ...input(draft), now: new Date("2026-02-04T20:00:00Z") }),
    );
    expect(paragraphs).toContain("Ninh Bình, ngày 05 tháng 02 năm 2026");
    expect(paragraphs).toContain("Kính gửi: Khối Dân vận Đảng ủy xã Ninh Nhất");
    expect(paragraphs).toContain("Mã hồ sơ: …………… — Tình trạng: Bản nháp");
    expect(paragraphs).toContain("Địa chỉ: ……………");
    expect(paragraphs).toContain("2. Thực trạng, lý do xây dựng: ……………");
  });

  it("says where a registration passes through first", async () => {
    const viaDistrict = completeDraft({
      unitCategory: "district_party_committee",
      unitName: "Đảng ủy Công an huyện Hoa Lư",
      localityCode: "NB-HL",
    });
    const paragraphs = docxParagraphs(await registrationFormDocx(input(viaDistrict)));
    expect(paragraphs).toContain("Kính gửi: Ban Dân vận Tỉnh ủy Ninh Bình");
    expect(paragraphs).toContain("(qua Ban Dân vận Huyện ủy Hoa Lư)");
  });

  it("has an English version with the same contents", async () => {
    const bytes = await registrationFormPdf(input(proposed, "en"));
    renderPages("registration-form-en", bytes, "pdf");
    const text = pdfFlow(bytes);
    for (const line of [
      "SOCIALIST REPUBLIC OF VIETNAM",
      "Independence – Freedom – Happiness",
      "Ninh Bình, 10 March 2026",
      "REGISTRATION FORM",
      "To: Khối Dân vận Đảng ủy xã Ninh Nhất",
      "Code: DVK-2026-000123 — Status: Proposed for recognition",
      "Field: Culture and society",
      "Registrant: Collective",
      "3. Goals and measurable criteria:",
      "Total: 90/100. Band: Good.",
      "Total: 96/100. Band: Excellent.",
      "REGISTRANT",
      "(Signature and full name)",
    ])
      expect(text).toContain(line);
    expect(text).not.toMatch(/\b(document|report|status|rb)[.:][a-z_]/);
  });
});

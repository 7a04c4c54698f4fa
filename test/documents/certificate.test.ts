import { beforeAll, describe, expect, it } from "vitest";
import { type CertificateInput, certificatePdf } from "../../src/application/documents/index.ts";
import { createTranslator } from "../../src/application/i18n.ts";
import type { Submission } from "../../src/domain/types.ts";
import { completeDraft, demoTree, threeTier, twoTier, vn } from "../support/fixtures.ts";
import { pdfFlow, pdfFonts, pdfInfo, renderPages } from "./support.ts";

const tree = demoTree(threeTier);
const translator = createTranslator(threeTier);

/** The party cell's model, recognised by Thành phố Ninh Bình on 05/10/2026 at 00:30 (04/10 in UTC). */
const recognised: Submission = completeDraft({
  id: "sub-2",
  code: "DVK-2026-100123",
  status: "recognized",
  bodyCode: "NB-TP",
  queueBodyCode: "NB-TP",
  tier: "district",
  parentId: "sub-1",
  submittedAt: vn("2026-08-01T09:00:00"),
  decidedAt: vn("2026-10-05T00:30:00"),
});

const input = (submission: Submission, language: "vi" | "en" = "vi"): CertificateInput => ({
  submission,
  rulebook: threeTier,
  tree,
  translator,
  language,
});

describe("certificate of recognition, PDF", () => {
  let bytes: Uint8Array;
  let text: string;

  beforeAll(async () => {
    bytes = await certificatePdf(input(recognised));
    text = pdfFlow(bytes);
  });

  it("names the model, the unit, the place, the tier and year, the committee and the date", () => {
    for (const line of [
      "BAN DÂN VẬN THÀNH ỦY NINH BÌNH",
      "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
      "Độc lập – Tự do – Hạnh phúc",
      "GIẤY CHỨNG NHẬN",
      "Ban Chỉ đạo phong trào thi đua “Dân vận khéo” Ban Dân vận Thành ủy Ninh Bình",
      "Chứng nhận mô hình",
      "“Tổ tự quản đường hoa thôn Đông”",
      "của Chi bộ thôn Đông",
      "Địa bàn: Xã Ninh Nhất, Thành phố Ninh Bình",
      "Lĩnh vực: Văn hóa – xã hội",
      "Đạt danh hiệu mô hình “Dân vận khéo” cấp huyện năm 2026",
      "Mã hồ sơ: DVK-2026-100123",
      "Ninh Bình, ngày 05 tháng 10 năm 2026",
      "TM. BAN CHỈ ĐẠO",
      "TRƯỞNG BAN",
    ])
      expect(text).toContain(line);
    expect(text).not.toMatch(/\b(document|report|status|rb)[.:][a-z_]/);
  });

  it("is one landscape A4 page with its fonts embedded", () => {
    const info = pdfInfo(bytes);
    expect(info.Pages).toBe("1");
    expect(info["Page size"]).toMatch(/^841\.89 x 595\.2\d* pts \(A4\)/);
    for (const f of pdfFonts(bytes)) {
      expect(f.name).toMatch(/\+DejaVuSerifCondensed/);
      expect(f.embedded).toBe(true);
    }
  });

  it("renders to a PNG page", () => {
    expect(renderPages("certificate", bytes, "pdf")).toHaveLength(1);
  });
});

describe("certificate of recognition, other cases", () => {
  it("has an English version", async () => {
    const bytes = await certificatePdf(input(recognised, "en"));
    renderPages("certificate-en", bytes, "pdf");
    const text = pdfFlow(bytes);
    for (const line of [
      "SOCIALIST REPUBLIC OF VIETNAM",
      "CERTIFICATE OF RECOGNITION",
      "Steering Committee of the “Dân vận khéo” emulation movement, Ban Dân vận Thành ủy Ninh Bình",
      "is recognised as a “Dân vận khéo” model at district level in 2026",
      "Ninh Bình, 5 October 2026",
      "FOR THE STEERING COMMITTEE",
      "CHAIR",
    ])
      expect(text).toContain(line);
  });

  it("names the province's committee and place under the two-tier rulebook", async () => {
    const twoTierTree = demoTree(twoTier);
    const provincial = completeDraft({
      status: "recognized",
      unitCategory: "provincial_department",
      unitName: "Sở Y tế",
      localityCode: "NB",
      bodyCode: "NB",
      tier: "province",
      decidedAt: vn("2026-10-12T15:00:00"),
    });
    const bytes = await certificatePdf({
      submission: provincial,
      rulebook: twoTier,
      tree: twoTierTree,
      translator: createTranslator(twoTier),
      language: "vi",
    });
    const text = pdfFlow(bytes);
    const body = twoTierTree.get("NB")!.name;
    expect(text).toContain(`Ban Chỉ đạo phong trào thi đua “Dân vận khéo” ${body}`);
    expect(text).toContain("Đạt danh hiệu mô hình “Dân vận khéo” cấp tỉnh năm 2026");
    expect(text).toContain("Ninh Bình, ngày 12 tháng 10 năm 2026");
  });

  it("is refused for a model that is not recognised", () => {
    expect(() => certificatePdf(input({ ...recognised, status: "proposed" }))).toThrow(
      /not a recognised model/,
    );
  });
});

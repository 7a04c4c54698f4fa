// The documents from the command line (issue 17): a registration's form as DOCX and PDF, a
// recognised model's certificate as PDF, a body's summary list as DOCX; each read back (the DOCX's
// XML, the PDF through pdftotext) and rendered to PNG under .tmp/documents for a look.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { docxParagraphs, pdfFlow, renderPages } from "../documents/support.ts";
import { databaseKinds } from "../storage/databases.ts";
import { useApp } from "../support/app.ts";
import { runDvk } from "../support/cli.ts";
import { TEST_DATA_KEY } from "../support/data-key.ts";
import { completeDraft, threeTier } from "../support/fixtures.ts";
import { recognised } from "./support.ts";

const dir = mkdtempSync(join(tmpdir(), "dvk-docs-cli-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const dvk = (url: string, ...args: string[]) =>
  runDvk(args, { DATABASE_URL: url, DATA_ENCRYPTION_KEY: TEST_DATA_KEY, LANG: "vi" });

describe.each(databaseKinds.filter((k) => k.provider === "sqlite"))(
  "documents from the command line",
  (kind) => {
    const app = useApp(kind, { rulebook: threeTier, perTest: true });

    it("writes the form, the certificate and the summary list; every item and score is in them, diacritics intact", async () => {
      const a = app();
      const m = await recognised(a);
      const draft = completeDraft();
      const docx = join(dir, "phieu.docx");
      const pdf = join(dir, "phieu.pdf");
      const certificate = join(dir, "giay-chung-nhan.pdf");
      const summary = join(dir, "danh-sach.docx");
      expect(await dvk(a.url, "documents", "form-docx", m.code, "--out", docx)).toMatchObject({ code: 0 });
      expect(await dvk(a.url, "documents", "form-pdf", m.code, "--out", pdf)).toMatchObject({ code: 0 });
      expect(await dvk(a.url, "documents", "certificate", m.code, "--out", certificate)).toMatchObject({
        code: 0,
      });
      expect(
        await dvk(a.url, "report", "--body", "NB-TP-NN", "--year", "2026", "--docx", summary),
      ).toMatchObject({ code: 0 });

      const form = docxParagraphs(readFileSync(docx)).join("\n");
      const formPdf = pdfFlow(readFileSync(pdf));
      for (const text of [form, formPdf]) {
        expect(text).toContain("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
        expect(text).toContain(m.code);
        for (const value of Object.values(draft.description))
          expect(text.replace(/\s+/g, " ")).toContain(value!.slice(0, 40));
        for (const score of Object.values(draft.scores)) expect(text).toContain(String(score));
      }
      const cert = pdfFlow(readFileSync(certificate));
      expect(cert).toContain("GIẤY CHỨNG NHẬN");
      expect(cert.replace(/\s+/g, " ")).toContain(draft.description.model_name!);
      expect(cert).toContain("Chi bộ thôn Đông");
      const list = docxParagraphs(readFileSync(summary)).join("\n");
      expect(list).toContain(m.code);
      expect(list).toContain(draft.description.model_name!);

      for (const [name, file, type] of [
        ["cli-form-docx", docx, "docx"],
        ["cli-form-pdf", pdf, "pdf"],
        ["cli-certificate", certificate, "pdf"],
        ["cli-summary-list", summary, "docx"],
      ] as const)
        expect(renderPages(name, readFileSync(file), type).length).toBeGreaterThan(0);

      // A model not recognised has no certificate; a bad kind is a usage error.
      expect(
        (await dvk(a.url, "documents", "certificate", "DVK-2026-999999", "--out", certificate)).code,
      ).toBe(2);
      expect((await dvk(a.url, "documents", "poster", m.code, "--out", certificate)).code).toBe(2);
    });

    it("lists the gallery and takes a model off it, audited", async () => {
      const a = app();
      const m = await recognised(a, "binh");
      await a.channel().say("binh", { kind: "action", action: "publish", target: m.id });
      await a.send("binh", "1");
      await a.send("binh", "Đăng mô hình (0 ảnh)");
      expect((await dvk(a.url, "gallery", "list")).out).toContain(m.code);
      expect(await dvk(a.url, "gallery", "unpublish", m.code, "--reason", "Sai thông tin")).toMatchObject({
        code: 0,
        out: `Unpublished ${m.code}.`,
      });
      expect(await a.store.gallery.byCode(m.code)).toBeNull();
      expect((await a.store.submissions.history(m.id)).at(-1)).toMatchObject({
        action: "unpublish",
        actorRole: "admin",
        reason: "Sai thông tin",
      });
      expect((await dvk(a.url, "gallery", "unpublish", m.code)).code).toBe(2);
    });
  },
);

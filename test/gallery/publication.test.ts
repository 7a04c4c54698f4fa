// Publication in chat (issue 17): a recognised model offered to the gallery with its own consent,
// previewed as the public will read it (issue 22: what is hidden, marked), published with the
// link, found by /thuvien, taken off by an officer of the recognising body (audited) and by its
// registrant's withdrawal in /dulieu; the certificate and the form from chat.
import { describe, expect, it } from "vitest";
import { rescrubGallery } from "../../src/application/services/gallery.ts";
import { decisionViews } from "../../src/dialogs/notifications.ts";
import { SCRUBBER_VERSION } from "../../src/domain/scrub/scrub.ts";
import { databaseKinds } from "../storage/databases.ts";
import { type TestApp, useApp } from "../support/app.ts";
import { threeTier } from "../support/fixtures.ts";
import { sampleEntry } from "../support/gallery.ts";
import { cellsHolding } from "../support/scan.ts";
import { answering, member, recognised } from "./support.ts";

const press = (a: TestApp, user: string, action: string, target: string) =>
  a.channel().say(user, { kind: "action", action, target });

describe.each(databaseKinds)("publication in chat on $provider", (kind) => {
  const app = useApp(kind, { rulebook: threeTier, perTest: true });

  it("offers publication with the recognition; its own consent; the photos chosen; the link; audited", async () => {
    const a = app();
    const m = await recognised(a);
    const s = (await a.store.submissions.get(m.id))!;
    const [view] = decisionViews(s, {
      kind: "decision",
      submissionId: m.id,
      action: "recognize",
      reason: null,
    });
    expect(view!.actions?.map((b) => b.action)).toEqual(["publish", "certificate"]);

    const offered = await press(a, "an", "publish", m.id);
    expect(offered).toContain("Đăng mô hình lên thư viện công khai");
    expect(offered).toContain("Không bao giờ đăng: họ tên, số điện thoại");
    // Nothing is public before the consent.
    expect(await a.store.gallery.byCode(m.code)).toBeNull();
    const photos = await a.send("an", "1");
    expect(photos).toContain("☐ Ảnh 1: duong-hoa.jpg");
    expect(await a.send("an", "2")).toContain("☑ Ảnh 2: hop-dan.jpg");
    const done = await a.send("an", "Đăng mô hình (1 ảnh)");
    expect(done).toContain(`/mo-hinh/${m.code.toLowerCase()}`);

    const entry = (await a.store.gallery.byCode(m.code))!;
    expect(entry.photos).toEqual([{ channel: "test", ref: "photo-2", mime: "image/jpeg" }]);
    expect(entry).toMatchObject({
      tier: "commune",
      year: 2026,
      field: s.field,
      unitName: "Chi bộ thôn Đông",
    });
    const shown = JSON.stringify(entry);
    for (const personal of ["Nguyễn Văn An", "0912", "Thôn Đông, xã Ninh Nhất"])
      expect(shown).not.toContain(personal);
    const consents = await a.store.consents.ofPerson(m.registrant);
    expect(
      consents
        .filter((c) => c.endedAt === null)
        .map((c) => c.purpose)
        .sort(),
    ).toEqual(["publication", "registration"]);
    const history = await a.store.submissions.history(m.id);
    expect(history.at(-1)).toMatchObject({
      action: "publish",
      actorRole: "registrant",
      from: "recognized",
      to: "recognized",
    });
    expect(await press(a, "an", "publish", m.id)).toContain("đã có trên thư viện");
    // Someone else cannot publish it.
    expect(await press(a, "stranger", "publish", m.id)).toContain("Chỉ người đăng ký");

    const found = await a.send("bich", "/thuvien duong hoa");
    expect(found).toContain("Tìm thấy 1 mô hình");
    expect(found).toContain(`/mo-hinh/${m.code.toLowerCase()}`);
    expect(await a.send("bich", "/thuvien xylophone")).toContain("Không tìm thấy");
  });

  it("previews the public page before publishing: what is removed and what awaits an officer, marked; cancelling publishes nothing", async () => {
    const a = app();
    const m = await recognised(
      a,
      "an",
      answering({
        model_name: "Đường hoa của anh An",
        forces: "Chi bộ thôn chủ trì; Trần Văn Hậu giữ quỹ; gọi chị Lan 0987 654 321 khi cần.",
      }),
    );
    await press(a, "an", "publish", m.id);
    const preview = await a.send("an", "1");
    // Exactly the public page's texts, each hidden part numbered, then what each number hides.
    expect(preview).toContain("Xem trước trang công khai của mô hình");
    expect(preview).toContain("Tên mô hình: Đường hoa của anh […]⁽¹⁾");
    expect(preview).toContain(
      "Lực lượng thực hiện: Chi bộ thôn chủ trì; […]⁽²⁾ giữ quỹ; gọi chị […]⁽³⁾ […]⁽⁴⁾ khi cần.",
    );
    expect(preview).toContain("⁽¹⁾ «An» — đã ẩn: tên người");
    expect(preview).toContain(
      "⁽²⁾ «Trần Văn Hậu» — tạm ẩn, chờ cán bộ của cơ quan công nhận xác nhận (có thể là tên người)",
    );
    expect(preview).toContain("⁽³⁾ «Lan» — đã ẩn: tên người");
    expect(preview).toContain("⁽⁴⁾ «0987 654 321» — đã ẩn: số điện thoại");
    // The results the recognition was proposed with are public too: the contact's name and phone gone.
    expect(preview).toContain(
      "Kết quả đạt được — Sản phẩm, kết quả dự kiến: 2 km đường hoa; 156/156 hộ ký cam kết; gọi […]⁽⁵⁾ […]⁽⁶⁾.",
    );
    expect(preview).toContain("⁽⁶⁾ «0912 345 678» — đã ẩn: số điện thoại");
    expect(preview).toContain("☐ Ảnh 1: duong-hoa.jpg");

    // Not now: nothing published; the consent given stays, and the next time goes straight to the preview.
    expect(await a.send("an", "Chưa đăng")).toContain("mô hình chưa được đăng");
    expect(await a.store.gallery.byCode(m.code)).toBeNull();
    expect(await press(a, "an", "publish", m.id)).toContain("Tên mô hình: Đường hoa của anh […]⁽¹⁾");
    expect(await a.send("an", "Đăng mô hình (0 ảnh)")).toContain(`/mo-hinh/${m.code.toLowerCase()}`);

    const entry = (await a.store.gallery.byCode(m.code))!;
    expect(entry.name).toBe("Đường hoa của anh […]");
    expect(entry.description.forces).toBe("Chi bộ thôn chủ trì; […] giữ quỹ; gọi chị […] […] khi cần.");
    // The withheld name waits for an officer, sealed at rest like the other personal fields.
    const withheld = await a.store.withheld.ofModel(m.id);
    expect(withheld).toMatchObject([
      { text: "Trần Văn Hậu", kind: "name", place: "description.forces", status: "pending" },
    ]);
    const cells = await cellsHolding(a.url, ["Trần Văn Hậu"]);
    expect(cells.filter((c) => c.table === "WithheldFragment")).toEqual([]);
  });

  it("scrubs again, at start, a model published before the scrubber (its name as written); takes off one whose model is gone", async () => {
    const a = app();
    const m = await recognised(a, "an", answering({ model_name: "Đường hoa của anh An" }));
    await press(a, "an", "publish", m.id);
    await a.send("an", "1");
    await a.send("an", "Đăng mô hình (0 ảnh)");
    const entry = (await a.store.gallery.byCode(m.code))!;
    // As an earlier version published them: the name verbatim, no scrubber.
    await a.store.gallery.publish({ ...entry, name: "Đường hoa của anh An 0912 345 678", scrubber: 0 });
    await a.store.gallery.publish(sampleEntry(1, { scrubber: 0 }));
    const ctx = { tree: a.tree, now: a.clock() };
    expect(await rescrubGallery(a.store, ctx)).toBe(2);
    expect(await a.store.gallery.byCode(m.code)).toMatchObject({
      name: "Đường hoa của anh […]",
      scrubber: SCRUBBER_VERSION,
      publishedAt: entry.publishedAt,
    });
    expect(await a.store.gallery.byCode(sampleEntry(1).code)).toBeNull();
    expect(await rescrubGallery(a.store, ctx)).toBe(0);
  });

  it("declining publishes nothing; an officer of the recognising body takes a model off, audited; withdrawal in /dulieu unpublishes", async () => {
    const a = app();
    const m = await recognised(a);
    await press(a, "an", "publish", m.id);
    expect(await a.send("an", "2")).toContain("không được đăng");
    expect(await a.store.gallery.byCode(m.code)).toBeNull();

    // Published from /hoso this time, with no photo.
    await a.send("an", "/hoso");
    await a.send("an", "1");
    await a.send("an", "Đăng lên thư viện");
    await a.send("an", "1");
    expect(await a.send("an", "Đăng mô hình (0 ảnh)")).toContain("/mo-hinh/");
    expect((await a.store.gallery.byCode(m.code))?.photos).toEqual([]);

    // An officer of another body sees no button; the recognising body's officer takes it off.
    await member(a, "other", "NB-HL", "officer");
    expect(await a.channel().say("other", { kind: "action", action: "open", target: m.id })).not.toContain(
      "Gỡ khỏi thư viện",
    );
    const detail = await a.channel().say("officer-an", { kind: "action", action: "open", target: m.id });
    expect(detail).toContain("Đang có trên thư viện công khai");
    expect(await a.send("officer-an", "Gỡ khỏi thư viện")).toContain(`Đã gỡ mô hình ${m.code}`);
    expect(await a.store.gallery.byCode(m.code)).toBeNull();
    expect((await a.store.submissions.history(m.id)).at(-1)).toMatchObject({
      action: "unpublish",
      actorRole: "officer",
      actorId: m.officer,
    });
    expect((await a.store.privacyLog.list({ action: "publication.unpublish" })).map((e) => e.actor)).toEqual([
      m.officer,
    ]);

    // Published again; the registrant withdraws the publication's consent alone.
    await press(a, "an", "publish", m.id);
    await a.send("an", "Đăng mô hình (0 ảnh)");
    expect(await a.store.gallery.byCode(m.code)).not.toBeNull();
    await a.send("an", "/dulieu");
    await a.send("an", "Rút đồng ý đăng thư viện");
    const withdrawn = await a.send("an", "Rút lại và gỡ mô hình");
    expect(withdrawn).toContain("1 mô hình đã được gỡ khỏi thư viện");
    expect(await a.store.gallery.byCode(m.code)).toBeNull();
    const live = (await a.store.consents.ofPerson(m.registrant)).filter((c) => c.endedAt === null);
    expect(live.map((c) => c.purpose)).toEqual(["registration"]);
  });

  it("hands out the certificate from the recognition's message and the form from /hoso", async () => {
    const a = app();
    const m = await recognised(a);
    expect(await press(a, "an", "certificate", m.id)).toContain("Tài liệu của bạn");
    expect(await press(a, "stranger", "certificate", m.id)).toContain("Không tạo được");
    await a.send("an", "/hoso");
    await a.send("an", "1");
    await a.send("an", "Phiếu đăng ký (Word)");
    await a.send("an", "Phiếu đăng ký (PDF)");
    const files = a
      .channel()
      .files("an")
      .map((f) => f.name);
    expect(files).toEqual([
      `${m.code}-giay-chung-nhan.pdf`,
      `${m.code}-phieu-dang-ky.docx`,
      `${m.code}-phieu-dang-ky.pdf`,
    ]);
    expect(Buffer.from(a.channel().files("an")[0]!.data).subarray(0, 5).toString()).toBe("%PDF-");
  });
});

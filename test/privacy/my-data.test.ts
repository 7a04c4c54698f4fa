// /dulieu: a person sees what is held about them, gets a copy of it (and only of it), withdraws
// consent and erases it — after which no table holds their name or phone in any text column.
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import type { OutgoingFile } from "../../src/dialogs/view.ts";
import { databaseKinds } from "../storage/databases.ts";
import { useApp } from "../support/app.ts";
import { testCipher } from "../support/data-key.ts";
import { threeTier } from "../support/fixtures.ts";
import { REGISTRATION, registerModel } from "../support/registration.ts";
import { cellsHolding } from "../support/scan.ts";

const A = { user: "an", name: "Nguyễn Văn An", phone: "0912 345 678", stored: "0912345678" };
const B = { user: "bich", name: "Trần Thị Bích", phone: "0987 654 321", stored: "0987654321" };

/** The registration script with another contact, unit and model name. */
function answersOf(who: typeof A, n: number): string[] {
  return REGISTRATION.map((answer) =>
    answer === "Nguyễn Văn An"
      ? who.name
      : answer === "0912 345 678"
        ? who.phone
        : answer === "Chi bộ thôn Đông"
          ? `Chi bộ thôn Đông ${n}`
          : answer,
  );
}

async function xlsxText(file: OutgoingFile): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(file.data) as unknown as ExcelJS.Buffer);
  const cells: string[] = [];
  workbook.eachSheet((sheet) =>
    sheet.eachRow((row) => row.eachCell((cell) => cells.push(String(cell.value)))),
  );
  return cells.join("\n");
}

describe.each(databaseKinds)("/dulieu on $provider", (kind) => {
  const app = useApp(kind);

  it("shows what is held, sends a copy of it and nothing about anyone else, audits each request", async () => {
    const a = app();
    await registerModel(a, A.user, answersOf(A, 1));
    await registerModel(a, B.user, answersOf(B, 2));
    const shown = await a.send(A.user, "/dulieu");
    expect(shown).toContain("Dữ liệu bot đang giữ về bạn");
    expect(shown).toContain("Tài khoản trò chuyện: test (an)");
    expect(shown).toMatch(/xử lý hồ sơ đăng ký — thông báo phiên bản 2026-01/);
    expect(shown).toMatch(/DVK-2026-\d{6} — .*; liên hệ: Nguyễn Văn An, 0912345678/);
    expect(shown).not.toContain(B.name);

    const channel = a.channel();
    await a.send(A.user, "Nhận bản sao (JSON, Excel)");
    const files = channel.files(A.user);
    expect(files.map((f) => f.name.replace(/\d{4}-\d{2}-\d{2}/, "D"))).toEqual([
      "du-lieu-cua-toi-D.json",
      "du-lieu-cua-toi-D.xlsx",
    ]);
    const json = Buffer.from(files[0]!.data).toString("utf8");
    const copy = JSON.parse(json);
    expect(copy.registrations).toHaveLength(1);
    expect(copy.registrations[0]).toMatchObject({ contactName: A.name, contactPhone: A.stored });
    expect(copy.consents).toHaveLength(1);
    expect(copy.identities).toEqual([expect.objectContaining({ channel: "test", externalId: "an" })]);
    const workbook = await xlsxText(files[1]!);
    expect(workbook).toContain(A.stored);
    expect(workbook).toContain(A.name);
    for (const text of [json, workbook]) {
      expect(text).not.toContain(B.name);
      expect(text).not.toContain(B.stored);
      expect(text).not.toContain("bich");
    }
    const person = copy.person.id as string;
    const trail = (await a.store.privacyLog.list({ personId: person })).map((e) => e.action);
    expect(trail.sort()).toEqual(["consent.give", "data.copy", "data.view"]);
  });

  it("erases: no table holds the name or phone in any text column; others' data stays; a new message is a new person", async () => {
    const a = app();
    const before = await a.store.submissions.list();
    const mine = before.find((s) => s.contactName === A.name)!;
    // A second, unfinished registration (a draft) and a note in the description naming the person.
    await a.send(A.user, "/dangky");
    await a.send(A.user, "Kinh tế");
    await a.send(A.user, "/dulieu");
    const confirm = await a.send(A.user, "Xoá dữ liệu của tôi");
    expect(confirm).toContain("không hoàn tác được");
    const done = await a.send(A.user, "Xoá vĩnh viễn");
    expect(done).toContain("Đã xoá dữ liệu của bạn");
    expect(done).toContain(`Đã xoá thông tin cá nhân khỏi hồ sơ: ${mine.code}`);
    expect(done).toContain("Đã gỡ liên kết tài khoản: test");

    // Encrypted values are read too: erased means gone, not only unreadable.
    expect(await cellsHolding(a.url, [A.name, A.stored, A.phone], testCipher())).toEqual([]);
    expect((await cellsHolding(a.url, [B.name, B.stored], testCipher())).length).toBeGreaterThan(0);
    const after = await a.store.submissions.get(mine.id);
    expect(after).toMatchObject({
      contactName: null,
      contactPhone: null,
      status: mine.status,
      code: mine.code,
    });
    expect(after!.description.model_name).toBe(mine.description.model_name);
    expect(done).toContain("Bản nháp đã xoá: 1");
    const others = (await a.store.submissions.list()).filter((s) => s.contactName === B.name);
    expect(others).toHaveLength(1);
    expect(others[0]!.contactPhone).toBe(B.stored);
    expect(await a.store.people.identities(mine.registrantId)).toEqual([]);
    expect(await a.store.people.get(mine.registrantId)).toMatchObject({ displayName: "", consents: {} });
    expect((await a.store.privacyLog.list({ personId: mine.registrantId })).map((e) => e.action)).toContain(
      "data.erase",
    );
    // Writing again: a stranger to the bot, asked for consent again at the next registration.
    const again = await a.send(A.user, "/hoso");
    expect(again).toContain("Bạn chưa có hồ sơ nào");
  });

  it("withdraws consent: every consent ends and drafts lose their personal answers", async () => {
    const a = app();
    await a.send("wd", "/dangky");
    for (const answer of REGISTRATION.slice(0, 9)) await a.send("wd", answer);
    const [draft] = (await a.store.submissions.list()).filter(
      (s) => s.contactName === "Nguyễn Văn An" && !s.code,
    );
    expect(draft?.contactPhone).toBe("0912345678");
    await a.send("wd", "/dulieu");
    await a.send("wd", "Rút lại đồng ý");
    const done = await a.send("wd", "Rút lại đồng ý");
    expect(done).toContain("Đã rút lại đồng ý. Thông tin cá nhân đã được xoá khỏi 1 bản nháp");
    const cleared = await a.store.submissions.get(draft!.id);
    expect(cleared).toMatchObject({ contactName: null, contactPhone: null, unitName: "Chi bộ thôn Đông" });
    expect((await a.store.people.get(draft!.registrantId))?.consents).toEqual({});
    expect((await a.store.consents.ofPerson(draft!.registrantId)).every((c) => c.endedAt !== null)).toBe(
      true,
    );
  });
});

describe("erasure under a rulebook that keeps records", () => {
  const keeping = { ...threeTier, retention: { ...threeTier.retention, recordMonths: 24 } };
  const app = useApp(databaseKinds[0]!, { rulebook: keeping });

  it("keeps a submitted registration's contact for the record and says until when", async () => {
    const a = app();
    await registerModel(a, "keeper");
    const [s] = await a.store.submissions.list();
    await a.send("keeper", "/dulieu");
    await a.send("keeper", "Xoá dữ liệu của tôi");
    const done = await a.send("keeper", "Xoá vĩnh viễn");
    expect(done).toContain(`Hồ sơ ${s!.code} được giữ thông tin liên hệ đến ngày 10/03/2028`);
    expect((await a.store.submissions.get(s!.id))?.contactPhone).toBe("0912345678");
  });
});

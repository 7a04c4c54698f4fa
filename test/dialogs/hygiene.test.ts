import { describe, expect, it } from "vitest";
import { createInvitation } from "../../src/application/services/invitations.ts";
import { deliveryOf } from "../../src/bot/telegram/updates.ts";
import { cleanInput } from "../../src/dialogs/input.ts";
import { databaseKinds } from "../storage/databases.ts";
import { useApp } from "../support/app.ts";
import { REGISTRATION } from "../support/registration.ts";

const RLO = "\u202E";
const INVISIBLE = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C\u200B-\u200D\u2060\uFEFF\u180E]/;

describe.each(databaseKinds)("what people type, on $provider", (kind) => {
  const app = useApp(kind, { perTest: true });

  it("is stored without direction overrides or zero-width characters", async () => {
    const a = app();
    const typed = [...REGISTRATION];
    typed[4] = `Chi bộ thôn ${RLO}gnôĐ`;
    typed[5] = "Thôn\u200B Đông,\u2066 xã Ninh Nhất\u2069";
    typed[7] = `Nguyễn Văn\u200F An${RLO}`;
    typed[10] = `\uFEFF${typed[10]}`;
    const files = typed.indexOf("bỏ qua");
    await a.send("citizen", "/dangky");
    for (const [i, answer] of typed.entries()) {
      if (i === files) {
        const refused = await a.channel().say("citizen", {
          kind: "file",
          file: {
            kind: "document",
            channel: "test",
            ref: "f-0",
            name: `photo${RLO}gpj.exe`,
            mime: "application/x-msdownload",
            size: 2 * 1024 ** 3,
          },
        });
        expect(refused).toContain("Xin lỗi, bot không nhận loại tệp này.");
        expect(refused).toContain("mỗi tệp không quá 20 MB");
        await a.channel().say("citizen", {
          kind: "file",
          file: { kind: "document", channel: "test", ref: "f-1", name: `báo cáo${RLO}fdp.pdf` },
        });
      }
      await a.send("citizen", i === files ? "xong" : answer);
    }
    expect(await a.send("citizen", "Gửi đăng ký")).toContain("DVK-2026-000001");
    const [s] = await a.store.submissions.list();
    expect(s).toMatchObject({
      unitName: "Chi bộ thôn gnôĐ",
      address: "Thôn Đông, xã Ninh Nhất",
      contactName: "Nguyễn Văn An",
    });
    expect(s!.attachments.map((f) => f.name)).toEqual(["báo cáofdp.pdf"]);
    expect(JSON.stringify(s)).not.toMatch(INVISIBLE);
  });

  it("cleans the name a Telegram account gives a member who joins by invitation", async () => {
    const a = app();
    const { code } = await createInvitation(a.store, { bodyCode: "NB-HL", role: "officer", now: a.clock() });
    const delivery = deliveryOf(
      {
        update_id: 7,
        message: {
          message_id: 1,
          date: 0,
          chat: { id: 42, type: "private", first_name: "x" },
          from: { id: 42, is_bot: false, first_name: `Trần${RLO}`, last_name: "Thị\u200B Bình" },
          text: `/start ${code}`,
        },
      },
      a.flows,
    )!;
    const output = await a.handle(delivery.update);
    const person = await a.store.people.get(output.personId);
    expect(person?.displayName).toBe("Trần Thị Bình");
  });
});

describe("cleanInput", () => {
  it("cleans every text a person typed, and nothing else", () => {
    expect(cleanInput({ kind: "text", text: `An${RLO}` })).toEqual({ kind: "text", text: "An" });
    expect(cleanInput({ kind: "command", name: "start", args: `\u200B${RLO}Ab3d` })).toEqual({
      kind: "command",
      name: "start",
      args: "Ab3d",
    });
    expect(cleanInput({ kind: "unknown_command", text: "/x\u2066" })).toEqual({
      kind: "unknown_command",
      text: "/x",
    });
    const file = { kind: "document" as const, channel: "telegram", ref: "id", name: `a${RLO}fdp.exe` };
    expect(cleanInput({ kind: "file", file })).toEqual({ kind: "file", file: { ...file, name: "afdp.exe" } });
    const photo = { kind: "file" as const, file: { kind: "photo" as const, channel: "telegram", ref: "id" } };
    expect(cleanInput(photo)).toBe(photo);
    const pick = { kind: "pick" as const, index: 1, nonce: 2 };
    expect(cleanInput(pick)).toBe(pick);
  });
});

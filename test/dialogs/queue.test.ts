import { describe, expect, it } from "vitest";
import type { RegistrationFlow } from "../../src/dialogs/flows/registration/index.ts";
import { OrgTree } from "../../src/domain/org.ts";
import { databaseKinds } from "../storage/databases.ts";
import { useApp } from "../support/app.ts";
import { pureDialog } from "../support/dialog.ts";
import { completeDraft, vn } from "../support/fixtures.ts";

describe.each(databaseKinds)("/hangdoi on $provider", (kind) => {
  const app = useApp(kind, { perTest: true });

  it("lists the body's queue oldest first, filters by status and field, opens an item with its actions", async () => {
    const a = app();
    const { person } = await a.store.people.identify({
      channel: "test",
      externalId: "officer",
      chatId: "officer",
      displayName: "Cán bộ Hà",
      language: "vi",
      at: a.clock(),
    });
    await a.store.memberships.add({ personId: person.id, bodyCode: "NB-TP-NN", role: "officer" });
    const make = (
      n: number,
      status: "submitted" | "accepted",
      field: "economy" | "culture_society",
      day: number,
    ) =>
      a.store.submissions.create(
        completeDraft({
          id: `q-${n}`,
          registrantId: "someone",
          status,
          field,
          code: `DVK-2026-00000${n}`,
          unitName: `Chi bộ ${n}`,
          description: { ...completeDraft().description, model_name: `Mô hình ${n}` },
          bodyCode: "NB-TP-NN",
          queueBodyCode: "NB-TP-NN",
          tier: "commune",
          submittedAt: vn(`2026-03-${String(day).padStart(2, "0")}T09:00:00`),
        }),
      );
    await make(1, "submitted", "economy", 9);
    await make(2, "submitted", "culture_society", 3);
    await make(3, "accepted", "economy", 1);
    await make(4, "submitted", "economy", 5);
    await a.store.submissions.create(
      completeDraft({
        id: "elsewhere",
        registrantId: "x",
        status: "submitted",
        code: "DVK-2026-000009",
        bodyCode: "NB-HL-TY",
        queueBodyCode: "NB-HL-TY",
        submittedAt: vn("2026-03-01T09:00:00"),
      }),
    );

    const list = await a.send("officer", "/hangdoi");
    expect(list).toContain("Hàng đợi: 3 hồ sơ.");
    const order = [...list.matchAll(/DVK-2026-00000(\d)/g)].map((m) => m[1]);
    expect(order).toEqual(["2", "4", "1"]);
    expect(list).toContain("chờ 7 ngày");
    expect(list).not.toContain("DVK-2026-000009");

    await a.send("officer", "Lọc theo lĩnh vực");
    const economy = await a.send("officer", "Kinh tế");
    expect([...economy.matchAll(/DVK-2026-00000(\d)/g)].map((m) => m[1])).toEqual(["4", "1"]);
    await a.send("officer", "Lọc theo trạng thái");
    const accepted = await a.send("officer", "Đã tiếp nhận");
    expect([...accepted.matchAll(/DVK-2026-00000(\d)/g)].map((m) => m[1])).toEqual(["3"]);

    await a.send("officer", "Lọc theo trạng thái");
    await a.send("officer", "Đang chờ xử lý");
    await a.send("officer", "Lọc theo lĩnh vực");
    await a.send("officer", "Mọi lĩnh vực");
    const opened = await a.send("officer", "1");
    expect(opened).toContain("Hồ sơ DVK-2026-000002 — Đã gửi, chờ tiếp nhận");
    expect(opened).toContain("Lịch sử xử lý:");
    for (const action of ["Tiếp nhận", "Yêu cầu bổ sung", "Không tiếp nhận", "◀ Hàng đợi"])
      expect(opened).toContain(action);
    const done = await a.send("officer", "Tiếp nhận");
    expect(done).toContain("Đã xử lý hồ sơ DVK-2026-000002: Tiếp nhận.");
    expect(done).toContain("Hàng đợi: 2 hồ sơ.");
    expect((await a.store.submissions.get("q-2"))!.status).toBe("accepted");
  });

  it("is for officers and committee members only", async () => {
    expect(await app().send("citizen", "/hangdoi")).toContain("Lệnh này dành cho cán bộ");
  });
});

describe("long lists", () => {
  it("are paged with ◀ ▶, and a number or a label still finds its choice", () => {
    const units = [
      {
        code: "P",
        locality: "Tỉnh Lớn",
        name: "Ban Dân vận Tỉnh ủy Lớn",
        tier: "province" as const,
        kind: "",
        parentCode: null,
      },
      {
        code: "D",
        locality: "Huyện Rộng",
        name: "Ban Dân vận Huyện ủy Rộng",
        tier: "district" as const,
        kind: "",
        parentCode: "P",
      },
      ...Array.from({ length: 30 }, (_, i) => ({
        code: `C${i}`,
        locality: `Xã Số ${String(i + 1).padStart(2, "0")}`,
        name: `Khối Dân vận xã ${i + 1}`,
        tier: "commune" as const,
        kind: "",
        parentCode: "D",
      })),
    ];
    const d = pureDialog();
    d.ctx.tree = new OrgTree(units);
    d.say("/dangky");
    d.resolve("load_drafts", []);
    for (const answer of ["1", "1", "1"]) d.say(answer);
    const labels = () => d.prompt.at(-1)!.choices!.map((c) => d.ctx.label(c.label));
    expect(labels()).toHaveLength(11);
    expect(labels().at(-1)).toBe("Trang sau (2/3) ▶");
    d.say("Trang sau (2/3) ▶");
    expect(labels()[0]).toBe("Xã Số 11");
    expect(labels().slice(-2)).toEqual(["◀ Trang trước (1/3)", "Trang sau (3/3) ▶"]);
    d.input({ kind: "pick", index: 1, nonce: d.state.nonce });
    expect((d.state.flow as RegistrationFlow).draft.localityCode).toBe("C11");
  });
});

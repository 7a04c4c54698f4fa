// The rulebook's limits per person: open drafts at once, registrations in one cycle. Counted in
// the database, so every instance and channel sees the same numbers.
import { describe, expect, it } from "vitest";
import { databaseKinds } from "../storage/databases.ts";
import { useApp } from "../support/app.ts";
import { threeTier } from "../support/fixtures.ts";
import { REGISTRATION, registerModel } from "../support/registration.ts";

const strict = { ...threeTier, limits: { openDrafts: 2, registrationsPerCycle: 1 } };

describe.each(databaseKinds)("limits per person on $provider", (kind) => {
  const app = useApp(kind, { rulebook: strict, perTest: true });

  it("refuses a third open draft with a sentence, and still opens the ones there are", async () => {
    const a = app();
    await a.send("citizen", "/dangky");
    await a.send("citizen", REGISTRATION[0]!);
    await a.send("citizen", "/huy");
    await a.send("citizen", "/dangky");
    await a.send("citizen", "Bắt đầu bản mới");
    await a.send("citizen", REGISTRATION[0]!);
    await a.send("citizen", "/huy");
    expect(await a.send("citizen", "/dangky")).toContain("Bắt đầu bản mới");
    const refused = await a.send("citizen", "Bắt đầu bản mới");
    expect(refused).toContain("Bạn đang có 2 bản nháp chưa gửi, mức tối đa cho một người");
    expect((await a.store.submissions.list()).filter((s) => s.status === "draft")).toHaveLength(2);
    // Another person is not counted against.
    expect(await a.send("other", "/dangky")).toContain("Câu 1/");
    // The citizen can still open a draft of theirs.
    expect(await a.send("citizen", "1")).toContain("Làm tiếp bản đăng ký");
  });

  it("refuses a second registration in the cycle at submission, keeping it as a draft", async () => {
    const a = app();
    expect(await registerModel(a, "citizen")).toContain("Mã hồ sơ của bạn");
    const second = [...REGISTRATION];
    second[4] = "Chi hội Phụ nữ thôn Tây";
    const refused = await registerModel(a, "citizen", second);
    expect(refused).toContain("Bạn đã gửi 1 hồ sơ trong kỳ 2026, mức tối đa cho một người");
    const mine = await a.store.submissions.list();
    expect(mine.map((s) => s.status).sort()).toEqual(["draft", "submitted"]);
    // Someone else registers as usual.
    expect(await registerModel(a, "neighbour", second)).toContain("Mã hồ sơ của bạn");
  });
});

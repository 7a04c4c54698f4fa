// The org tree, votes and message references: the small repositories.
import { describe, expect, it } from "vitest";
import type { OrgUnit } from "../../src/domain/org.ts";
import { databaseKinds, useStore } from "./databases.ts";
import { minutesAfter, T0 } from "./fixtures.ts";

const province: OrgUnit = {
  code: "NB",
  locality: "Ninh Bình",
  name: "Ban Dân vận Tỉnh ủy Ninh Bình",
  tier: "province",
  kind: "ban_dan_van_tinh",
  parentCode: null,
};
const commune: OrgUnit = {
  code: "NB-HL-NN",
  locality: "Xã Ninh Nhất",
  name: "Khối Dân vận Đảng ủy xã Ninh Nhất",
  tier: "commune",
  kind: "khoi_dan_van_xa",
  parentCode: "NB",
};

describe.each(databaseKinds)("org, votes and message refs on $provider", (kind) => {
  const db = useStore(kind);

  it("upserts the org tree", async () => {
    const org = db.store().org;
    await org.upsertMany([province, commune]);
    await org.upsertMany([{ ...commune, name: "Ban Xây dựng Đảng Đảng ủy xã Ninh Nhất" }]);
    expect(await org.count()).toBe(2);
    expect(await org.all()).toEqual([
      province,
      { ...commune, name: "Ban Xây dựng Đảng Đảng ủy xã Ninh Nhất" },
    ]);
  });

  it("keeps one vote per person, stage and submission; a second replaces the first", async () => {
    const votes = db.store().votes;
    const vote = {
      submissionId: "s-1",
      personId: "m-1",
      stage: "recognition" as const,
      decision: "approve",
      reason: null,
      at: T0,
    };
    await votes.cast(vote);
    await votes.cast({ ...vote, personId: "m-2", at: minutesAfter(T0, 1) });
    await votes.cast({ ...vote, decision: "reject", reason: "Chưa đủ kết quả", at: minutesAfter(T0, 2) });
    await votes.cast({ ...vote, stage: "acceptance" });
    expect(await votes.of("s-1", "recognition")).toEqual([
      { ...vote, personId: "m-2", at: minutesAfter(T0, 1) },
      { ...vote, decision: "reject", reason: "Chưa đủ kết quả", at: minutesAfter(T0, 2) },
    ]);
    expect(await votes.of("s-1", "acceptance")).toHaveLength(1);
  });

  it("records message references per submission and purpose", async () => {
    const messages = db.store().messages;
    const ref = {
      submissionId: "s-2",
      personId: "p",
      channel: "telegram",
      chatId: "c",
      messageId: "42",
      purpose: "decide",
    };
    await messages.add(ref);
    await messages.add({ ...ref, messageId: "43", purpose: "status" });
    expect(await messages.ofSubmission("s-2", "decide")).toEqual([ref]);
    expect(await messages.ofSubmission("s-2")).toHaveLength(2);
  });
});

import { describe, expect, it } from "vitest";
import { changedFields, snapshotOf } from "../../src/domain/changes.ts";
import { completeDraft } from "../support/fixtures.ts";

describe("changedFields", () => {
  it("names the replicated model when it changed", () => {
    const before = snapshotOf(completeDraft({ modelKind: "replication", replicates: { name: "Đường hoa" } }));
    const after = snapshotOf(
      completeDraft({ modelKind: "replication", replicates: { code: "DVK-2025-000001", name: "Đường hoa" } }),
    );
    expect(changedFields(before, after)).toEqual(["replicates"]);
  });

  it("ignores the field when neither side carries it", () => {
    expect(
      changedFields(
        snapshotOf(completeDraft({ replicates: undefined })),
        snapshotOf(completeDraft({ replicates: undefined, address: "Số 9 phố Lê Lợi" })),
      ),
    ).toEqual(["address"]);
    expect(snapshotOf(completeDraft({ replicates: undefined })).identity).not.toHaveProperty("replicates");
  });
});

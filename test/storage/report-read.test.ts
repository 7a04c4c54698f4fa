import { describe, expect, it } from "vitest";
import { completeDraft } from "../support/fixtures.ts";
import { databaseKinds, useStore } from "./databases.ts";

describe.each(databaseKinds)("reading submissions for reports on $provider", (kind) => {
  const db = useStore(kind);

  it("returns every submission with what reports use, without attachments or contact details", async () => {
    const store = db.store();
    const s = completeDraft({
      id: "r-1",
      status: "submitted",
      code: "DVK-2026-000001",
      attachments: [{ kind: "photo", channel: "t", ref: "f" }],
    });
    await store.submissions.create(s);
    await store.submissions.create(completeDraft({ id: "r-2" }));
    const rows = await store.submissions.forReport();
    expect(rows.map((r) => r.id).sort()).toEqual(["r-1", "r-2"]);
    const r = rows.find((x) => x.id === "r-1")!;
    expect(r).toMatchObject({
      code: "DVK-2026-000001",
      status: "submitted",
      field: s.field,
      scores: s.scores,
      description: s.description,
      attachments: [],
      contactName: null,
      contactPhone: null,
    });
  });
});

import { describe, expect, it } from "vitest";
import { buildReport } from "../../src/application/reports/report.ts";
import { bodyReport, reportSubmissions } from "../../src/application/services/report.ts";
import { ERASED } from "../../src/domain/privacy.ts";
import type { Membership, PersonId } from "../../src/domain/types.ts";
import { dataset } from "../reports/dataset.ts";
import { NOW, tree } from "../reports/support.ts";
import { threeTier } from "../support/fixtures.ts";
import { databaseKinds, useStore } from "./databases.ts";

const HOA_LU = { bodyCode: "NB-HL", from: 2026, to: 2026 };
/** The report built from whole Submissions in memory, as it was before the narrow read. */
const expected = () =>
  buildReport({ ...HOA_LU, submissions: dataset(tree, threeTier), tree, rulebook: threeTier, now: NOW });

describe.each(databaseKinds)("reading submissions for reports on $provider", (kind) => {
  const db = useStore(kind);
  const rows = dataset(tree, threeTier);

  it("stores the data set", async () => {
    for (const s of rows) await db.store().submissions.create(s);
  });

  it("reads the period's registrations of the bodies and every proposal, no drafts", async () => {
    const read = await reportSubmissions(db.store(), tree, HOA_LU, "all");
    const bodies = new Set(tree.subtree("NB-HL").map((u) => u.code));
    const wanted = rows.filter(
      (s) =>
        s.status !== "draft" &&
        (s.parentId !== null || (s.cycleYear === 2026 && s.bodyCode !== null && bodies.has(s.bodyCode))),
    );
    expect(read.map((r) => r.id).sort()).toEqual(wanted.map((s) => s.id).sort());
    // The draft, the other district's and the other year's registrations stay in the database.
    expect(wanted.length).toBeLessThan(rows.length);
    const proposal = read.find((r) => r.parentId !== null)!;
    expect(proposal).toMatchObject({ unitName: null, address: null });
    const registration = read.find((r) => r.id === "c0-m8")!;
    const stored = rows.find((s) => s.id === "c0-m8")!;
    expect(registration).toEqual({
      id: stored.id,
      code: stored.code,
      status: stored.status,
      cycleYear: 2026,
      field: stored.field,
      registrantKind: stored.registrantKind,
      unitName: stored.unitName,
      address: stored.address,
      bodyCode: stored.bodyCode,
      tier: stored.tier,
      modelKind: stored.modelKind,
      description: { model_name: stored.description.model_name },
      scores: stored.scores,
      results: { scores: stored.results!.scores, late: false },
      late: stored.late,
      parentId: null,
      submittedAt: stored.submittedAt,
      decidedAt: stored.decidedAt,
      updatedAt: stored.updatedAt,
    });
  });

  it("builds the same report as from whole submissions, with every individual's name for the command line", async () => {
    const read = await reportSubmissions(db.store(), tree, HOA_LU, "all");
    const built = buildReport({ ...HOA_LU, submissions: read, tree, rulebook: threeTier, now: NOW });
    expect(built).toEqual(expected());
    expect(built.list.some((r) => r.registrantKind === "individual" && r.unitName)).toBe(true);
  });

  it("decrypts an individual's own name and address only for the bodies that received them", async () => {
    const read = await reportSubmissions(db.store(), tree, HOA_LU, ["NB-HL"]);
    const individuals = read.filter((r) => r.registrantKind === "individual" && r.parentId === null);
    expect(individuals.map((r) => r.bodyCode).sort()).toEqual(["NB-HL", "NB-HL", "NB-HL-TY"]);
    for (const r of individuals) {
      const stored = rows.find((s) => s.id === r.id)!;
      if (r.bodyCode === "NB-HL")
        expect(r).toMatchObject({ unitName: stored.unitName, address: stored.address });
      else expect(r).toMatchObject({ unitName: null, address: null });
    }
    const collective = read.find((r) => r.registrantKind === "collective" && r.bodyCode === "NB-HL-TY")!;
    expect(collective.unitName).toBe(rows.find((s) => s.id === collective.id)!.unitName);
  });

  it("shows a member of the district the report as before: other bodies' individuals erased", async () => {
    const personId = "officer-1" as PersonId;
    const memberships: Membership[] = [{ personId, bodyCode: "NB-HL", role: "officer" }];
    const report = await bodyReport(
      db.store(),
      { ...HOA_LU, personId, memberships, language: "vi", now: NOW },
      { tree, rulebook: threeTier },
    );
    const before = expected();
    before.list = before.list.map((row) =>
      row.registrantKind === "individual" && row.bodyCode !== "NB-HL"
        ? { ...row, unitName: ERASED, address: ERASED }
        : row,
    );
    expect(report).toEqual(before);
    expect(report!.list.filter((r) => r.unitName === ERASED)).toHaveLength(1);
  });
});

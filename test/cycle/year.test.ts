import { describe, expect, it } from "vitest";
import { decide, proposeRecognition } from "../../src/application/services/decisions.ts";
import { submitRegistration } from "../../src/application/services/submissions.ts";
import type { Rulebook } from "../../src/domain/rulebook/schema.ts";
import type { Decision } from "../../src/domain/status.ts";
import type { RecognitionResults, Role, Submission } from "../../src/domain/types.ts";
import { databaseKinds } from "../storage/databases.ts";
import { as, type TestApp, useApp } from "../support/app.ts";
import { completeDraft, threeTier, twoTier, vn } from "../support/fixtures.ts";

const results: RecognitionResults = {
  outcomes: { outputs: "2 km đường hoa; 156/156 hộ ký cam kết; không còn điểm rác tự phát suốt 6 tháng." },
  figures: "156 hộ, 800 ngày công, 45 triệu đồng",
  scores: {
    identity: 10,
    leadership: 15,
    coordination: 14,
    support: 14,
    urgency: 14,
    impact: 14,
    sustainability: 14,
  },
  attachments: [],
  late: false,
};

async function person(a: TestApp, name: string, roles: [string, Role][] = []) {
  const { person: p } = await a.store.people.identify({
    channel: "test",
    externalId: name,
    chatId: name,
    displayName: name,
    language: "vi",
    at: a.clock(),
  });
  for (const [body, role] of roles) await a.store.memberships.add({ personId: p.id, bodyCode: body, role });
  return p.id;
}

async function act(
  a: TestApp,
  who: string,
  at: string,
  id: string,
  action: Decision,
  reason: string | null = null,
) {
  return a.store.transaction(async (repos) => decide(repos, await as(a, who, at), { id, action, reason }));
}

async function trail(a: TestApp, s: Submission) {
  return (await a.store.submissions.history(s.id)).map((e) => [
    e.at.toISOString().slice(0, 10),
    e.action,
    e.from,
    e.to,
    e.actorRole,
  ]);
}

describe.each(databaseKinds)("a model's whole year on $provider", (kind) => {
  describe("three tiers", () => {
    const app = useApp(kind, { rulebook: threeTier, perTest: true });

    it("registered 20/3, accepted, proposed 20/9, recognised at commune, district and province in time", async () => {
      const a = app();
      const registrant = await person(a, "registrant");
      const officer = await person(a, "officer", [["NB-TP-NN", "officer"]]);
      const commune = await person(a, "commune", [["NB-TP-NN", "committee"]]);
      const district = await person(a, "district", [["NB-TP", "committee"]]);
      const province = await person(a, "province", [["NB", "committee"]]);

      const draft = completeDraft({ id: "m-1", registrantId: registrant });
      await a.store.submissions.create(draft);
      const submitted = await a.store.transaction(async (r) =>
        submitRegistration(r, draft, await as(a, registrant, "2026-03-20T09:00:00")),
      );
      expect(submitted).toMatchObject({
        ok: true,
        submission: { status: "submitted", code: "DVK-2026-000001", late: false },
      });

      expect(await act(a, officer, "2026-03-25T10:00:00", "m-1", "accept")).toMatchObject({
        ok: true,
        outcome: "decided",
      });
      const proposed = await a.store.transaction(async (r) =>
        proposeRecognition(r, await as(a, registrant, "2026-09-20T09:00:00"), { id: "m-1", results }),
      );
      expect(proposed).toMatchObject({ ok: true, submission: { status: "proposed" } });
      expect(await act(a, commune, "2026-09-21T09:00:00", "m-1", "recognize")).toMatchObject({
        ok: true,
        submission: { status: "recognized" },
      });
      const toDistrict = await act(a, commune, "2026-09-22T09:00:00", "m-1", "nominate");
      expect(toDistrict).toMatchObject({ ok: true, submission: { status: "nominated" } });

      const [atDistrict] = (await a.store.submissions.queue("NB-TP", { status: ["proposed"] })).items;
      expect(atDistrict).toMatchObject({
        parentId: "m-1",
        tier: "district",
        bodyCode: "NB-TP",
        code: "DVK-2026-000002",
      });
      expect(await act(a, district, "2026-09-25T09:00:00", atDistrict!.id, "recognize")).toMatchObject({
        ok: true,
      });
      await act(a, district, "2026-09-26T09:00:00", atDistrict!.id, "nominate");

      const [atProvince] = (await a.store.submissions.queue("NB", { status: ["proposed"] })).items;
      expect(atProvince).toMatchObject({
        parentId: atDistrict!.id,
        tier: "province",
        submittedAt: vn("2026-09-26T09:00:00"),
      });
      expect(await act(a, province, "2026-10-10T09:00:00", atProvince!.id, "recognize")).toMatchObject({
        ok: true,
        submission: { status: "recognized" },
      });

      const model = (await a.store.submissions.get("m-1"))!;
      expect(await trail(a, model)).toEqual([
        ["2026-03-20", "submit", "draft", "submitted", "registrant"],
        ["2026-03-25", "accept", "submitted", "accepted", "officer"],
        ["2026-09-20", "propose", "accepted", "proposed", "registrant"],
        ["2026-09-21", "recognize", "proposed", "recognized", "committee"],
        ["2026-09-22", "nominate", "recognized", "nominated", "committee"],
      ]);
      expect(await trail(a, atDistrict!)).toEqual([
        ["2026-09-22", "receive_nomination", "recognized", "proposed", "committee"],
        ["2026-09-25", "recognize", "proposed", "recognized", "committee"],
        ["2026-09-26", "nominate", "recognized", "nominated", "committee"],
      ]);
      expect(await trail(a, atProvince!)).toEqual([
        ["2026-09-26", "receive_nomination", "recognized", "proposed", "committee"],
        ["2026-10-10", "recognize", "proposed", "recognized", "committee"],
      ]);
      // The province's committee sees the lower decision (who, when), its results and score.
      const { loadReview } = await import("../../src/application/services/decisions.ts");
      const seen = await loadReview(a.store, await as(a, province, "2026-10-01T09:00:00"), atProvince!.id);
      expect(seen?.lower).toEqual({
        code: "DVK-2026-000002",
        bodyName: "Ban Dân vận Thành ủy Ninh Bình",
        scoreTotal: 95,
        recognizedAt: expect.any(Date),
        outputs: "2 km đường hoa; 156/156 hộ ký cam kết; không còn điểm rác tự phát suốt 6 tháng.",
        figures: "156 hộ, 800 ngày công, 45 triệu đồng",
      });
      // Everyone told: the registrant heard of each decision on the model.
      const told = await a.store.notifications.list({ personId: registrant, kind: "decision" });
      expect(told.length).toBeGreaterThanOrEqual(4);
    });

    it("returns with a reason, then the resubmission shows the reviewer what changed", async () => {
      const a = app();
      const registrant = await person(a, "r2");
      const officer = await person(a, "o2", [["NB-TP-NN", "officer"]]);
      const draft = completeDraft({ id: "m-2", registrantId: registrant });
      await a.store.submissions.create(draft);
      await a.store.transaction(async (r) =>
        submitRegistration(r, draft, await as(a, registrant, "2026-03-20T09:00:00")),
      );
      expect(
        await act(a, officer, "2026-03-21T09:00:00", "m-2", "return", "Bổ sung địa chỉ cụ thể"),
      ).toMatchObject({ ok: true });
      const returned = (await a.store.submissions.get("m-2"))!;
      const edited = {
        ...returned,
        address: "Số 7, thôn Đông, xã Ninh Nhất",
        description: { ...returned.description, goals: `${returned.description.goals} Thêm 1 km.` },
      };
      const again = await a.store.transaction(async (r) =>
        submitRegistration(r, edited, await as(a, registrant, "2026-03-22T09:00:00")),
      );
      expect(again).toMatchObject({ ok: true, submission: { status: "submitted", code: "DVK-2026-000001" } });
      const history = await a.store.submissions.history("m-2");
      expect(history.map((e) => e.action)).toEqual(["submit", "return", "resubmit"]);
      expect(history[1]!.reason).toBe("Bổ sung địa chỉ cụ thể");
      expect(history[2]!.data.changed).toEqual(["address", "description.goals"]);
    });

    it("keeps a late province-level proposal and flags it", async () => {
      const a = app();
      const registrant = await person(a, "r3");
      const officer = await person(a, "o3", [["NB", "officer"]]);
      const draft = completeDraft({
        id: "m-3",
        registrantId: registrant,
        unitCategory: "provincial_department",
        localityCode: "NB",
        address: "Số 1 đường Tràng An, Ninh Bình",
      });
      await a.store.submissions.create(draft);
      await a.store.transaction(async (r) =>
        submitRegistration(r, draft, await as(a, registrant, "2026-03-20T09:00:00")),
      );
      await act(a, officer, "2026-03-21T09:00:00", "m-3", "accept");
      const late = await a.store.transaction(async (r) =>
        proposeRecognition(r, await as(a, registrant, "2026-10-02T09:00:00"), { id: "m-3", results }),
      );
      expect(late).toMatchObject({ ok: true, submission: { status: "proposed", results: { late: true } } });
    });
  });

  describe("two tiers (majority of the committee)", () => {
    const app = useApp(kind, { rulebook: twoTier as Rulebook, perTest: true });

    it("registered 20/3, accepted, proposed, recognised at commune by majority, nominated and recognised at province", async () => {
      const a = app();
      const registrant = await person(a, "registrant");
      const officer = await person(a, "officer", [["NB-GV", "officer"]]);
      const c = await Promise.all(["c1", "c2", "c3"].map((n) => person(a, n, [["NB-GV", "committee"]])));
      const p = await Promise.all(["p1", "p2"].map((n) => person(a, n, [["NB", "committee"]])));
      const draft = completeDraft({
        id: "t-1",
        registrantId: registrant,
        localityCode: "NB-GV",
        address: "Thôn Đông, xã Gia Viễn",
      });
      await a.store.submissions.create(draft);
      await a.store.transaction(async (r) =>
        submitRegistration(r, draft, await as(a, registrant, "2026-03-20T09:00:00")),
      );
      await act(a, officer, "2026-03-25T09:00:00", "t-1", "accept");
      await a.store.transaction(async (r) =>
        proposeRecognition(r, await as(a, registrant, "2026-09-20T09:00:00"), { id: "t-1", results }),
      );
      expect(await act(a, c[0]!, "2026-09-21T09:00:00", "t-1", "recognize")).toMatchObject({
        outcome: "vote_recorded",
        needed: 2,
      });
      expect(await act(a, c[1]!, "2026-09-21T10:00:00", "t-1", "recognize")).toMatchObject({
        outcome: "decided",
        submission: { status: "recognized" },
      });
      await act(a, c[2]!, "2026-09-22T09:00:00", "t-1", "nominate");
      const [atProvince] = (await a.store.submissions.queue("NB", { status: ["proposed"] })).items;
      expect(atProvince).toMatchObject({ tier: "province", parentId: "t-1" });
      expect(await act(a, p[0]!, "2026-09-28T09:00:00", atProvince!.id, "recognize")).toMatchObject({
        outcome: "vote_recorded",
      });
      expect(await act(a, p[1]!, "2026-10-12T09:00:00", atProvince!.id, "recognize")).toMatchObject({
        outcome: "decided",
        submission: { status: "recognized" },
      });
      expect((await trail(a, (await a.store.submissions.get("t-1"))!)).map((x) => x[1])).toEqual([
        "submit",
        "accept",
        "propose",
        "recognize",
        "nominate",
      ]);
      const decided = (await a.store.submissions.history(atProvince!.id)).at(-1)!;
      expect(decided.data.votes).toEqual({ recognize: 2 });
    });

    it("a tied committee does not recognise, as the rulebook says", async () => {
      const a = app();
      const registrant = await person(a, "r");
      const officer = await person(a, "o", [["NB-GV", "officer"]]);
      const c = await Promise.all(["a", "b"].map((n) => person(a, n, [["NB-GV", "committee"]])));
      const draft = completeDraft({
        id: "t-2",
        registrantId: registrant,
        localityCode: "NB-GV",
        address: "Thôn Đông, xã Gia Viễn",
      });
      await a.store.submissions.create(draft);
      await a.store.transaction(async (r) =>
        submitRegistration(r, draft, await as(a, registrant, "2026-03-20T09:00:00")),
      );
      await act(a, officer, "2026-03-25T09:00:00", "t-2", "accept");
      await a.store.transaction(async (r) =>
        proposeRecognition(r, await as(a, registrant, "2026-09-20T09:00:00"), { id: "t-2", results }),
      );
      await act(a, c[0]!, "2026-09-21T09:00:00", "t-2", "recognize");
      const tie = await act(a, c[1]!, "2026-09-21T10:00:00", "t-2", "not_recognize", "Chưa đủ sức lan tỏa");
      expect(tie).toMatchObject({ outcome: "decided", submission: { status: "not_recognized" } });
      expect((await a.store.submissions.history("t-2")).at(-1)!.data).toMatchObject({
        tie: true,
        votes: { recognize: 1, not_recognize: 1 },
      });
    });
  });
});

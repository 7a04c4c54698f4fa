import { describe, expect, it } from "vitest";
import { decide, proposeRecognition, reviseProposal } from "../../src/application/services/decisions.ts";
import { submitRegistration } from "../../src/application/services/submissions.ts";
import type { Decision } from "../../src/domain/status.ts";
import type { RecognitionResults, Role, Submission } from "../../src/domain/types.ts";
import { databaseKinds } from "../storage/databases.ts";
import { as, type TestApp, useApp } from "../support/app.ts";
import { completeDraft, threeTier, twoTier } from "../support/fixtures.ts";

/** Results whose fresh self-score totals 95 (or 76, for a model the upper tiers must refuse). */
function results(
  total: 95 | 76,
  outputs = "2 km đường hoa; 156/156 hộ ký cam kết; không còn điểm rác.",
): RecognitionResults {
  const high = {
    identity: 10,
    leadership: 15,
    coordination: 14,
    support: 14,
    urgency: 14,
    impact: 14,
    sustainability: 14,
  };
  const low = {
    identity: 10,
    leadership: 11,
    coordination: 11,
    support: 11,
    urgency: 11,
    impact: 11,
    sustainability: 11,
  };
  return {
    outcomes: { outputs },
    figures: "156 hộ",
    scores: total === 95 ? high : low,
    attachments: [],
    late: false,
  };
}

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

const act = (
  a: TestApp,
  who: string,
  at: string,
  id: string,
  action: Decision,
  reason: string | null = null,
) => a.store.transaction(async (repos) => decide(repos, await as(a, who, at), { id, action, reason }));

const propose = (a: TestApp, who: string, at: string, id: string, r: RecognitionResults) =>
  a.store.transaction(async (repos) => proposeRecognition(repos, await as(a, who, at), { id, results: r }));

const revise = (a: TestApp, who: string, at: string, id: string, r: RecognitionResults) =>
  a.store.transaction(async (repos) => reviseProposal(repos, await as(a, who, at), { id, results: r }));

async function register(
  a: TestApp,
  registrant: string,
  id: string,
  at: string,
  unitName = "Chi bộ thôn Đông",
) {
  const draft = completeDraft({ id, registrantId: registrant, unitName });
  await a.store.submissions.create(draft);
  return a.store.transaction(async (r) => submitRegistration(r, draft, await as(a, registrant, at)));
}

async function trail(a: TestApp, s: Pick<Submission, "id">) {
  return (await a.store.submissions.history(s.id)).map((e) => [
    e.at.toISOString().slice(0, 10),
    e.action,
    e.from,
    e.to,
    e.actorRole,
    e.data.late === true ? "late" : "",
  ]);
}

const proposedAt = async (a: TestApp, body: string) =>
  (await a.store.submissions.queue(body, { status: ["proposed"] })).items;

describe.each(databaseKinds)("the upper tiers' own rules, a whole year on $provider", (kind) => {
  describe("three tiers: commune, district, province", () => {
    const app = useApp(kind, { rulebook: threeTier, perTest: true });

    it("returned at district, revised and re-proposed there, recognised up to the province; a 76-point model stops at district", async () => {
      const a = app();
      const registrant = await person(a, "registrant");
      const officer = await person(a, "officer", [["NB-TP-NN", "officer"]]);
      const commune = await person(a, "commune", [["NB-TP-NN", "committee"]]);
      const district = await person(a, "district", [["NB-TP", "committee"]]);
      const province = await person(a, "province", [["NB", "committee"]]);

      expect(await register(a, registrant, "m-1", "2026-03-20T09:00:00")).toMatchObject({ ok: true });
      await act(a, officer, "2026-03-25T10:00:00", "m-1", "accept");
      expect(await propose(a, registrant, "2026-09-10T09:00:00", "m-1", results(95))).toMatchObject({
        ok: true,
      });
      await act(a, commune, "2026-09-11T09:00:00", "m-1", "recognize");
      await act(a, commune, "2026-09-12T09:00:00", "m-1", "nominate");
      const [atDistrict] = await proposedAt(a, "NB-TP");
      expect(atDistrict).toMatchObject({ parentId: "m-1", tier: "district" });

      // The district returns the proposal; the registrant revises it and proposes it again there.
      expect(
        await act(
          a,
          district,
          "2026-09-15T09:00:00",
          atDistrict!.id,
          "return_proposal",
          "Bổ sung số liệu đo được",
        ),
      ).toMatchObject({ ok: true, submission: { status: "accepted" } });
      const better = results(
        95,
        "2 km đường hoa; 156/156 hộ ký cam kết; 6 tháng không còn điểm rác tự phát.",
      );
      expect(await propose(a, registrant, "2026-09-18T09:00:00", atDistrict!.id, better)).toMatchObject({
        ok: true,
        submission: { status: "proposed", results: { outcomes: better.outcomes } },
      });
      await act(a, district, "2026-09-20T09:00:00", atDistrict!.id, "recognize");
      await act(a, district, "2026-09-21T09:00:00", atDistrict!.id, "nominate");
      const [atProvince] = await proposedAt(a, "NB");
      // The district committee revises the results it nominated, before the province votes.
      expect(await revise(a, district, "2026-09-25T09:00:00", atProvince!.id, better)).toMatchObject({
        ok: true,
      });
      expect(await act(a, province, "2026-10-10T09:00:00", atProvince!.id, "recognize")).toMatchObject({
        ok: true,
        submission: { status: "recognized" },
      });
      expect(await trail(a, atDistrict!)).toEqual([
        ["2026-09-12", "receive_nomination", "recognized", "proposed", "committee", ""],
        ["2026-09-15", "return_proposal", "proposed", "accepted", "committee", ""],
        ["2026-09-18", "propose", "accepted", "proposed", "registrant", ""],
        ["2026-09-20", "recognize", "proposed", "recognized", "committee", ""],
        ["2026-09-21", "nominate", "recognized", "nominated", "committee", ""],
      ]);
      expect(await trail(a, atProvince!)).toEqual([
        ["2026-09-21", "receive_nomination", "recognized", "proposed", "committee", ""],
        ["2026-09-25", "revise_proposal", "proposed", "proposed", "committee", ""],
        ["2026-10-10", "recognize", "proposed", "recognized", "committee", ""],
      ]);

      // A 76-point model is recognised at commune (75) but refused at the district (85), minimum named.
      expect(
        await register(a, registrant, "m-2", "2026-03-21T09:00:00", "Chi hội Phụ nữ thôn Tây"),
      ).toMatchObject({
        ok: true,
      });
      await act(a, officer, "2026-03-26T10:00:00", "m-2", "accept");
      await propose(a, registrant, "2026-09-10T10:00:00", "m-2", results(76));
      expect(await act(a, commune, "2026-09-11T10:00:00", "m-2", "recognize")).toMatchObject({ ok: true });
      const refused = await act(a, commune, "2026-09-12T10:00:00", "m-2", "nominate");
      expect(refused).toMatchObject({
        ok: false,
        refusal: "not_eligible",
        problems: [{ code: "score_below_minimum", params: { total: 76, minimum: 85, tier: "district" } }],
      });
      expect(
        a.translator.text("vi", {
          key: "problem.score_below_minimum",
          params: { total: 76, minimum: 85, tier: "district" },
        }),
      ).toBe(
        "Tổng điểm tự chấm 76 chưa đạt mức tối thiểu 85 để đề nghị công nhận cấp huyện, thị xã, thành phố.",
      );
      expect((await a.store.submissions.get("m-2"))!.status).toBe("recognized");
    });
  });

  describe("two tiers: commune and province", () => {
    const app = useApp(kind, { rulebook: twoTier, perTest: true });

    it("nominated to the province late (6/10): flagged; returned, re-proposed by the commune, recognised", async () => {
      const a = app();
      const registrant = await person(a, "registrant");
      const officer = await person(a, "officer", [["NB-HL", "officer"]]);
      const commune = await person(a, "commune", [["NB-HL", "committee"]]);
      const province = await person(a, "province", [["NB", "committee"]]);
      const draft = completeDraft({
        id: "t-1",
        registrantId: registrant,
        localityCode: "NB-HL",
        address: "Thôn Đông, phường Hoa Lư",
      });
      await a.store.submissions.create(draft);
      expect(
        await a.store.transaction(async (r) =>
          submitRegistration(r, draft, await as(a, registrant, "2026-03-20T09:00:00")),
        ),
      ).toMatchObject({ ok: true });
      await act(a, officer, "2026-03-25T10:00:00", "t-1", "accept");
      await propose(a, registrant, "2026-09-20T09:00:00", "t-1", results(95));
      await act(a, commune, "2026-09-30T09:00:00", "t-1", "recognize");
      // After the province-proposal deadline (before 1/10): kept, and flagged late.
      expect(await act(a, commune, "2026-10-06T09:00:00", "t-1", "nominate")).toMatchObject({ ok: true });
      const [atProvince] = await proposedAt(a, "NB");
      expect(atProvince).toMatchObject({ parentId: "t-1", tier: "province", results: { late: true } });

      await act(
        a,
        province,
        "2026-10-07T09:00:00",
        atProvince!.id,
        "return_proposal",
        "Bổ sung ảnh và số liệu",
      );
      // The nominating commune body proposes it again for the registrant.
      expect(await propose(a, commune, "2026-10-08T09:00:00", atProvince!.id, results(95))).toMatchObject({
        ok: true,
      });
      expect(await act(a, province, "2026-10-12T09:00:00", atProvince!.id, "recognize")).toMatchObject({
        ok: true,
        submission: { status: "recognized" },
      });
      expect(await trail(a, { id: "t-1" })).toEqual([
        ["2026-03-20", "submit", "draft", "submitted", "registrant", ""],
        ["2026-03-25", "accept", "submitted", "accepted", "officer", ""],
        ["2026-09-20", "propose", "accepted", "proposed", "registrant", ""],
        ["2026-09-30", "recognize", "proposed", "recognized", "committee", ""],
        ["2026-10-06", "nominate", "recognized", "nominated", "committee", "late"],
      ]);
      expect(await trail(a, atProvince!)).toEqual([
        ["2026-10-06", "receive_nomination", "recognized", "proposed", "committee", "late"],
        ["2026-10-07", "return_proposal", "proposed", "accepted", "committee", ""],
        ["2026-10-08", "propose", "accepted", "proposed", "committee", "late"],
        ["2026-10-12", "recognize", "proposed", "recognized", "committee", ""],
      ]);
    });
  });
});

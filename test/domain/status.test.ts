import { describe, expect, it } from "vitest";
import { checkProposal, checkRegistration } from "../../src/domain/eligibility.ts";
import type { Rulebook } from "../../src/domain/rulebook/schema.ts";
import {
  allowedDecisions,
  type Command,
  canPropose,
  canRevise,
  type TransitionContext,
  tally,
  transition,
} from "../../src/domain/status.ts";
import type { Membership, RecognitionResults, Status, Submission } from "../../src/domain/types.ts";
import { completeDraft, demoTree, threeTier, twoTier, vn } from "../support/fixtures.ts";

const tree = demoTree(threeTier);
const now = vn("2026-03-10T10:00:00");
let counter = 0;
const newId = () => `id-${++counter}`;

const registrant = { personId: "person-1", memberships: [] as Membership[] };
const officer = (body: string) => ({
  personId: "officer-1",
  memberships: [{ personId: "officer-1", bodyCode: body, role: "officer" as const }],
});
const member = (body: string, id = "member-1") => ({
  personId: id,
  memberships: [{ personId: id, bodyCode: body, role: "committee" as const }],
});
const stranger = {
  personId: "stranger",
  memberships: [{ personId: "stranger", bodyCode: "NB-HL-TY", role: "committee" as const }],
};

function ctx(actor: TransitionContext["actor"], at = now, rulebook = threeTier): TransitionContext {
  return { rulebook, now: at, actor, newId };
}

const eligibility = checkRegistration({ submission: completeDraft(), rulebook: threeTier, tree, now });
const results: RecognitionResults = {
  outcomes: { outputs: "2 km đường hoa, 156/156 hộ ký cam kết, không còn điểm rác." },
  scores: {
    identity: 10,
    leadership: 15,
    coordination: 14,
    support: 14,
    urgency: 13,
    impact: 13,
    sustainability: 13,
  },
  attachments: [],
  late: false,
};
const inBody = (status: Status, extra: Partial<Submission> = {}) =>
  completeDraft({
    status,
    code: "DVK-2026-000001",
    bodyCode: "NB-TP-NN",
    queueBodyCode: "NB-TP-NN",
    tier: "commune",
    submittedAt: now,
    ...extra,
  });
const vote = (decisions: ("recognize" | "not_recognize" | "return_proposal")[], committeeSize = 1) => ({
  decisions,
  committeeSize,
});

// Every transition of DESIGN §2.7 with an actor allowed to make it.
const allowed: [
  label: string,
  from: Submission,
  command: Command,
  actor: TransitionContext["actor"],
  to: Status,
][] = [
  [
    "submit",
    completeDraft(),
    { action: "submit", eligibility, code: "DVK-2026-000001" },
    registrant,
    "submitted",
  ],
  ["resubmit", inBody("returned"), { action: "resubmit", eligibility }, registrant, "submitted"],
  [
    "forward",
    inBody("submitted", { bodyCode: "NB", viaBodyCode: "NB-HL", queueBodyCode: "NB-HL", tier: "province" }),
    { action: "forward" },
    officer("NB-HL"),
    "submitted",
  ],
  ["accept (officer)", inBody("submitted"), { action: "accept" }, officer("NB-TP-NN"), "accepted"],
  ["accept (committee)", inBody("submitted"), { action: "accept" }, member("NB-TP-NN"), "accepted"],
  [
    "return",
    inBody("submitted"),
    { action: "return", reason: "Bổ sung số liệu" },
    officer("NB-TP-NN"),
    "returned",
  ],
  [
    "reject",
    inBody("submitted"),
    { action: "reject", reason: "Trùng mô hình" },
    member("NB-TP-NN"),
    "rejected",
  ],
  [
    "propose (registrant)",
    inBody("accepted", { results }),
    { action: "propose", results, eligibility: { ok: true, problems: [], late: false } },
    registrant,
    "proposed",
  ],
  [
    "propose (officer)",
    inBody("accepted"),
    { action: "propose", results, eligibility: { ok: true, problems: [], late: false } },
    officer("NB-TP-NN"),
    "proposed",
  ],
  [
    "return_proposal",
    inBody("proposed", { results }),
    { action: "return_proposal", reason: "Thiếu ảnh", votes: vote(["return_proposal"]) },
    member("NB-TP-NN"),
    "accepted",
  ],
  [
    "recognize",
    inBody("proposed", { results }),
    { action: "recognize", votes: vote(["recognize"]) },
    member("NB-TP-NN"),
    "recognized",
  ],
  [
    "not_recognize",
    inBody("proposed", { results }),
    { action: "not_recognize", reason: "Chưa lan tỏa", votes: vote(["not_recognize"]) },
    member("NB-TP-NN"),
    "not_recognized",
  ],
  [
    "nominate",
    inBody("recognized", { results }),
    { action: "nominate", upperBody: tree.get("NB-TP")!, code: "DVK-2026-000002" },
    member("NB-TP-NN"),
    "nominated",
  ],
  [
    "revise_proposal (registrant)",
    inBody("proposed", { results }),
    { action: "revise_proposal", results: { ...results, figures: "156 hộ" } },
    registrant,
    "proposed",
  ],
  [
    "return by the via body",
    inBody("submitted", { bodyCode: "NB", viaBodyCode: "NB-HL", queueBodyCode: "NB-HL", tier: "province" }),
    { action: "return", reason: "Bổ sung nghị quyết của Huyện ủy" },
    officer("NB-HL"),
    "returned",
  ],
];

describe("status machine: allowed transitions", () => {
  it.each(allowed)("%s", (_label, from, command, actor, to) => {
    const result = transition(from, command, ctx(actor));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.next.status).toBe(to);
    expect(result.event).toMatchObject({
      submissionId: from.id,
      action: command.action,
      from: from.status,
      to,
      at: now,
      actorId: actor.personId,
    });
  });

  it("submit routes, codes and queues the registration", () => {
    const result = transition(
      completeDraft(),
      { action: "submit", eligibility, code: "DVK-2026-000009" },
      ctx(registrant),
    );
    expect(result.ok && result.next).toMatchObject({
      code: "DVK-2026-000009",
      bodyCode: "NB-TP-NN",
      queueBodyCode: "NB-TP-NN",
      tier: "commune",
      submittedAt: now,
    });
    expect(result.ok && result.event.actorRole).toBe("registrant");
  });

  it("a district party committee's registration waits in the district queue, then is forwarded up", () => {
    const draft = completeDraft({ unitCategory: "district_party_committee", localityCode: "NB-HL" });
    const e = checkRegistration({ submission: draft, rulebook: threeTier, tree, now });
    const submitted = transition(
      draft,
      { action: "submit", eligibility: e, code: "DVK-2026-000003" },
      ctx(registrant),
    );
    expect(submitted.ok && submitted.next).toMatchObject({
      bodyCode: "NB",
      viaBodyCode: "NB-HL",
      queueBodyCode: "NB-HL",
      tier: "province",
    });
    if (!submitted.ok) return;
    expect(transition(submitted.next, { action: "accept" }, ctx(officer("NB"))).ok).toBe(false);
    const forwarded = transition(submitted.next, { action: "forward" }, ctx(officer("NB-HL")));
    expect(forwarded.ok && forwarded.next.queueBodyCode).toBe("NB");
    if (!forwarded.ok) return;
    expect(transition(forwarded.next, { action: "accept" }, ctx(officer("NB"))).ok).toBe(true);
  });

  it("a late registration is kept and its submission is flagged in the audit event", () => {
    const late = checkRegistration({
      submission: completeDraft(),
      rulebook: threeTier,
      tree,
      now: vn("2026-04-01T09:00:00"),
    });
    const result = transition(
      completeDraft(),
      { action: "submit", eligibility: late, code: "DVK-2026-000004" },
      ctx(registrant, vn("2026-04-01T09:00:00")),
    );
    expect(result.ok && result.next.late).toBe(true);
    expect(result.ok && result.event.data).toEqual({ late: true });
  });

  it("nomination opens a linked proposal in the upper body's queue", () => {
    const lower = inBody("recognized", { results, id: "lower" });
    const result = transition(
      lower,
      { action: "nominate", upperBody: tree.get("NB-TP")!, code: "DVK-2026-000002" },
      ctx(member("NB-TP-NN")),
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.created?.submission).toMatchObject({
      status: "proposed",
      parentId: "lower",
      bodyCode: "NB-TP",
      queueBodyCode: "NB-TP",
      tier: "district",
      code: "DVK-2026-000002",
      version: 0,
      results,
    });
    expect(result.created?.event).toMatchObject({
      action: "receive_nomination",
      from: "recognized",
      to: "proposed",
      data: { from: "lower", fromTier: "commune" },
    });
    expect(result.event.data).toMatchObject({ toBody: "NB-TP" });
  });

  it("records the reason given", () => {
    const result = transition(
      inBody("submitted"),
      { action: "return", reason: "  Bổ sung ảnh  " },
      ctx(officer("NB-TP-NN")),
    );
    expect(result.ok && result.event.reason).toBe("Bổ sung ảnh");
  });
});

// Each transition refused: wrong status, wrong person or body, missing reason, failing guard.
const refused: [
  label: string,
  from: Submission,
  command: Command,
  actor: TransitionContext["actor"],
  code: string,
  at?: Date,
][] = [
  [
    "submit twice",
    inBody("submitted"),
    { action: "submit", eligibility, code: "DVK-2026-000001" },
    registrant,
    "wrong_status",
  ],
  [
    "submit someone else's draft",
    completeDraft(),
    { action: "submit", eligibility, code: "DVK-2026-000001" },
    officer("NB-TP-NN"),
    "not_owner",
  ],
  [
    "submit an ineligible draft",
    completeDraft(),
    {
      action: "submit",
      eligibility: { ...eligibility, ok: false, problems: [{ code: "phone_invalid" }] },
      code: "DVK-2026-000001",
    },
    registrant,
    "not_eligible",
  ],
  [
    "resubmit a submitted registration",
    inBody("submitted"),
    { action: "resubmit", eligibility },
    registrant,
    "wrong_status",
  ],
  ["resubmit someone else's", inBody("returned"), { action: "resubmit", eligibility }, stranger, "not_owner"],
  [
    "forward without a via body",
    inBody("submitted"),
    { action: "forward" },
    officer("NB-TP-NN"),
    "not_forwarded",
  ],
  [
    "forward by another body",
    inBody("submitted", { bodyCode: "NB", viaBodyCode: "NB-HL", queueBodyCode: "NB-HL" }),
    { action: "forward" },
    officer("NB-TP"),
    "not_allowed",
  ],
  ["accept a draft", completeDraft(), { action: "accept" }, officer("NB-TP-NN"), "wrong_status"],
  ["accept by another body", inBody("submitted"), { action: "accept" }, stranger, "not_allowed"],
  ["accept by the registrant", inBody("submitted"), { action: "accept" }, registrant, "not_allowed"],
  [
    "return without a reason",
    inBody("submitted"),
    { action: "return", reason: "  " },
    officer("NB-TP-NN"),
    "reason_required",
  ],
  [
    "reject an accepted one",
    inBody("accepted"),
    { action: "reject", reason: "x" },
    officer("NB-TP-NN"),
    "wrong_status",
  ],
  [
    "propose a submitted one",
    inBody("submitted"),
    { action: "propose", results, eligibility: { ok: true, problems: [], late: false } },
    registrant,
    "wrong_status",
  ],
  [
    "propose by a stranger",
    inBody("accepted"),
    { action: "propose", results, eligibility: { ok: true, problems: [], late: false } },
    stranger,
    "not_allowed",
  ],
  [
    "propose an ineligible one",
    inBody("accepted"),
    {
      action: "propose",
      results,
      eligibility: { ok: false, problems: [{ code: "score_below_minimum" }], late: false },
    },
    registrant,
    "not_eligible",
  ],
  [
    "propose after the cycle's year",
    inBody("accepted"),
    { action: "propose", results, eligibility: { ok: true, problems: [], late: true } },
    registrant,
    "cycle_closed",
    vn("2027-01-01T00:00:00"),
  ],
  [
    "recognize by an officer",
    inBody("proposed"),
    { action: "recognize", votes: vote(["recognize"]) },
    officer("NB-TP-NN"),
    "not_allowed",
  ],
  [
    "recognize by another committee",
    inBody("proposed"),
    { action: "recognize", votes: vote(["recognize"]) },
    stranger,
    "not_allowed",
  ],
  [
    "recognize against the votes",
    inBody("proposed"),
    { action: "recognize", votes: vote(["not_recognize"]) },
    member("NB-TP-NN"),
    "quorum_not_reached",
  ],
  [
    "not_recognize without a reason",
    inBody("proposed"),
    { action: "not_recognize", votes: vote(["not_recognize"]) },
    member("NB-TP-NN"),
    "reason_required",
  ],
  [
    "recognize an accepted one",
    inBody("accepted"),
    { action: "recognize", votes: vote(["recognize"]) },
    member("NB-TP-NN"),
    "wrong_status",
  ],
  [
    "return_proposal without a reason",
    inBody("proposed"),
    { action: "return_proposal", votes: vote(["return_proposal"]) },
    member("NB-TP-NN"),
    "reason_required",
  ],
  [
    "nominate above the top tier",
    inBody("recognized", { bodyCode: "NB", queueBodyCode: "NB", tier: "province" }),
    { action: "nominate", upperBody: tree.get("NB")!, code: "DVK-2026-000002" },
    member("NB"),
    "top_tier",
  ],
  [
    "nominate a proposed one",
    inBody("proposed"),
    { action: "nominate", upperBody: tree.get("NB-TP")!, code: "DVK-2026-000002" },
    member("NB-TP-NN"),
    "wrong_status",
  ],
  [
    "nominate by an officer",
    inBody("recognized"),
    { action: "nominate", upperBody: tree.get("NB-TP")!, code: "DVK-2026-000002" },
    officer("NB-TP-NN"),
    "not_allowed",
  ],
  [
    "revise an accepted one",
    inBody("accepted", { results }),
    { action: "revise_proposal", results },
    registrant,
    "wrong_status",
  ],
  [
    "revise by a stranger",
    inBody("proposed", { results }),
    { action: "revise_proposal", results },
    stranger,
    "not_allowed",
  ],
  [
    "return by the via body without a reason",
    inBody("submitted", { bodyCode: "NB", viaBodyCode: "NB-HL", queueBodyCode: "NB-HL", tier: "province" }),
    { action: "return", reason: " " },
    officer("NB-HL"),
    "reason_required",
  ],
  [
    "return by the receiving body before it was forwarded",
    inBody("submitted", { bodyCode: "NB", viaBodyCode: "NB-HL", queueBodyCode: "NB-HL", tier: "province" }),
    { action: "return", reason: "Thiếu" },
    officer("NB"),
    "not_allowed",
  ],
];

describe("status machine: refused transitions", () => {
  it.each(refused)("%s", (_label, from, command, actor, code, at) => {
    const result = transition(from, command, ctx(actor, at));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.refusal.code).toBe(code);
  });

  it("covers every action both ways", () => {
    const actions = (rows: { 2: Command }[]) => new Set(rows.map((r) => r[2].action));
    expect([...actions(allowed)].sort()).toEqual([...actions(refused)].sort());
  });

  it("restricts acceptance to officers when the rulebook says so", () => {
    const rulebook = {
      ...threeTier,
      decisions: { ...threeTier.decisions, acceptanceBy: ["officer" as const] },
    };
    const result = transition(
      inBody("submitted"),
      { action: "accept" },
      ctx(member("NB-TP-NN"), now, rulebook),
    );
    expect(!result.ok && result.refusal.code).toBe("not_allowed");
  });
});

describe("quorum", () => {
  const single = threeTier.decisions.recognitionQuorum;
  const majority = twoTier.decisions.recognitionQuorum;

  it("single: the first vote decides", () => {
    expect(tally(vote(["not_recognize", "recognize"], 5), single).outcome).toBe("not_recognize");
    expect(tally(vote([], 5), single).outcome).toBeNull();
  });

  it("majority: more than half of the whole committee", () => {
    expect(tally(vote(["recognize", "recognize"], 5), majority).outcome).toBeNull();
    expect(tally(vote(["recognize", "recognize", "recognize"], 5), majority).outcome).toBe("recognize");
    expect(
      tally(vote(["recognize", "not_recognize", "not_recognize", "not_recognize"], 5), majority).outcome,
    ).toBe("not_recognize");
  });

  it("majority: a tie once everyone voted follows the rulebook", () => {
    const tie = vote(["recognize", "recognize", "not_recognize", "not_recognize"], 4);
    expect(tally(tie, majority)).toMatchObject({
      outcome: "not_recognize",
      tie: true,
      counts: { recognize: 2, not_recognize: 2 },
    });
    expect(tally(tie, { kind: "majority", onTie: "keep_open" })).toMatchObject({ outcome: null, tie: true });
  });

  it("majority applies to the recognize transition", () => {
    const s = inBody("proposed", { results });
    const two = { action: "recognize" as const, votes: vote(["recognize"], 3) };
    expect(transition(s, two, ctx(member("NB-TP-NN"), now, twoTier)).ok).toBe(false);
    const three = { action: "recognize" as const, votes: vote(["recognize", "recognize"], 3) };
    expect(transition(s, three, ctx(member("NB-TP-NN"), now, twoTier)).ok).toBe(true);
  });
});

// Each upper tier applies its own rules (the tiers issue): minimum score, prior recognition one
// tier lower read from the lower decision, its deadline; late is never silent.
const scored = (total: number): RecognitionResults => {
  const scores: Record<string, number> = {
    identity: 10,
    leadership: 15,
    coordination: 15,
    support: 15,
    urgency: 15,
    impact: 15,
    sustainability: 15,
  };
  let off = 100 - total;
  for (const id of ["sustainability", "impact", "urgency", "support", "coordination", "leadership"]) {
    const take = Math.min(off, scores[id]!);
    scores[id]! -= take;
    off -= take;
  }
  return { ...results, scores };
};
const strict = (rulebook: Rulebook, key: "lateNomination" | "lateRecognition" | "lateProposal") => ({
  ...rulebook,
  calendar: { ...rulebook.calendar, [key]: "refuse" as const },
});
const recognizedAtCommune = (total = 95) =>
  inBody("recognized", { id: "commune-model", results: scored(total) });
const recognizedAtDistrict = (total = 95) =>
  inBody("recognized", {
    id: "district-model",
    parentId: "commune-model",
    bodyCode: "NB-TP",
    queueBodyCode: "NB-TP",
    tier: "district",
    results: scored(total),
  });
const nominate = (upper: string, extra: Partial<Extract<Command, { action: "nominate" }>> = {}): Command => ({
  action: "nominate",
  upperBody: tree.get(upper)!,
  code: "DVK-2026-000002",
  ...extra,
});

describe("nominate", () => {
  it("flags a nomination to the province on 6/10 late", () => {
    const result = transition(
      recognizedAtDistrict(),
      nominate("NB"),
      ctx(member("NB-TP"), vn("2026-10-06T09:00:00")),
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.created?.submission).toMatchObject({ tier: "province", results: { late: true } });
    expect(result.created?.event.data).toMatchObject({ late: true, deadline: "province_proposal" });
    expect(result.event.data).toMatchObject({ late: true, deadline: "province_proposal" });
  });

  it("does not flag one on 30/9", () => {
    const result = transition(
      recognizedAtDistrict(),
      nominate("NB"),
      ctx(member("NB-TP"), vn("2026-09-30T09:00:00")),
    );
    expect(result.ok && result.created?.submission.results?.late).toBe(false);
    expect(result.ok && result.event.data.late).toBeUndefined();
  });

  it("refuses a late nomination when the rulebook says refuse", () => {
    const result = transition(
      recognizedAtDistrict(),
      nominate("NB"),
      ctx(member("NB-TP"), vn("2026-10-06T09:00:00"), strict(threeTier, "lateNomination")),
    );
    expect(!result.ok && result.refusal).toEqual({
      code: "deadline_passed",
      params: { deadline: "province_proposal", date: "01/10/2026" },
      problems: [{ code: "deadline_passed", params: { deadline: "province_proposal", date: "01/10/2026" } }],
    });
  });

  it("flags a commune's nomination to the province on 6/10 under the two-tier rulebook", () => {
    const two = demoTree(twoTier);
    const s = inBody("recognized", { bodyCode: "NB-GV", queueBodyCode: "NB-GV", results: scored(95) });
    const result = transition(
      s,
      { action: "nominate", upperBody: two.get("NB")!, code: "DVK-2026-000002" },
      ctx(member("NB-GV"), vn("2026-10-06T09:00:00"), twoTier),
    );
    expect(result.ok && result.created?.submission.results?.late).toBe(true);
  });

  it("refuses a nomination below the upper tier's minimum, naming it", () => {
    const result = transition(recognizedAtCommune(76), nominate("NB-TP"), ctx(member("NB-TP-NN")));
    expect(!result.ok && result.refusal).toEqual({
      code: "not_eligible",
      problems: [{ code: "score_below_minimum", params: { total: 76, minimum: 85, tier: "district" } }],
    });
  });

  it("takes updated results and a fresh self-score for the upper tier from the nominating body", () => {
    const fresh = scored(88);
    const result = transition(
      recognizedAtCommune(76),
      nominate("NB-TP", { results: fresh }),
      ctx(member("NB-TP-NN")),
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.created?.submission.results).toEqual({ ...fresh, late: false });
    expect(result.created?.event.data).toMatchObject({ scoreTotal: 88 });
    // The lower decision keeps its own results.
    expect(result.next.results?.scores).toEqual(scored(76).scores);
  });
});

describe("recognize at an upper tier", () => {
  const lower = { ...recognizedAtCommune(), status: "nominated" as const };
  const atDistrict = (total: number) =>
    inBody("proposed", {
      id: "district-proposal",
      parentId: "commune-model",
      bodyCode: "NB-TP",
      queueBodyCode: "NB-TP",
      tier: "district",
      results: scored(total),
    });
  const recognize = (extra: { lower?: Submission | null } = {}): Command => ({
    action: "recognize",
    votes: vote(["recognize"]),
    lower,
    ...extra,
  });

  it("refuses the district committee's recognition of a 76-point model, naming the minimum", () => {
    const result = transition(atDistrict(76), recognize(), ctx(member("NB-TP")));
    expect(!result.ok && result.refusal).toEqual({
      code: "not_eligible",
      problems: [{ code: "score_below_minimum", params: { total: 76, minimum: 85, tier: "district" } }],
    });
    expect(transition(atDistrict(85), recognize(), ctx(member("NB-TP"))).ok).toBe(true);
  });

  it("reads the prior recognition from the lower decision", () => {
    const result = transition(
      atDistrict(90),
      recognize({ lower: { ...lower, status: "not_recognized" } }),
      ctx(member("NB-TP")),
    );
    expect(!result.ok && result.refusal.problems).toEqual([
      { code: "prior_recognition_missing", params: { tier: "district" } },
    ]);
  });

  it("flags a recognition on 20/11 (accept_flagged)", () => {
    const result = transition(atDistrict(90), recognize(), ctx(member("NB-TP"), vn("2026-11-20T09:00:00")));
    expect(result.ok && result.next.status).toBe("recognized");
    expect(result.ok && result.event.data).toMatchObject({ late: true, deadline: "recognition" });
  });

  it("refuses a recognition on 20/11 (refuse)", () => {
    const result = transition(
      atDistrict(90),
      recognize(),
      ctx(member("NB-TP"), vn("2026-11-20T09:00:00"), strict(threeTier, "lateRecognition")),
    );
    expect(!result.ok && result.refusal).toEqual({
      code: "deadline_passed",
      params: { deadline: "recognition", date: "15/10/2026" },
      problems: [{ code: "deadline_passed", params: { deadline: "recognition", date: "15/10/2026" } }],
    });
  });

  it("still refuses after the cycle's year ends, whatever the policy", () => {
    const result = transition(atDistrict(90), recognize(), ctx(member("NB-TP"), vn("2027-01-02T09:00:00")));
    expect(!result.ok && result.refusal.code).toBe("cycle_closed");
  });

  it("flags a late not_recognize without refusing it", () => {
    const result = transition(
      atDistrict(90),
      { action: "not_recognize", reason: "Chưa lan tỏa", votes: vote(["not_recognize"]) },
      ctx(member("NB-TP"), vn("2026-11-20T09:00:00"), strict(threeTier, "lateRecognition")),
    );
    expect(result.ok && result.event.data.late).toBe(true);
  });
});

describe("a nominated proposal returned at the district", () => {
  it("is revised, re-proposed and recognised", () => {
    const c = (who: TransitionContext["actor"], iso: string) => ctx(who, vn(iso));
    // Commune: recognised at 80 points, nominated with results revised for the district (85).
    const commune = recognizedAtCommune(80);
    const up = transition(
      commune,
      nominate("NB-TP", { results: scored(86) }),
      c(member("NB-TP-NN"), "2026-09-22T09:00:00"),
    );
    if (!up.ok || !up.created) throw new Error("nomination refused");
    const lower = up.next;
    const proposal = { ...up.created.submission, version: 1 };

    // District: returned for completion.
    const returned = transition(
      proposal,
      { action: "return_proposal", reason: "Bổ sung số liệu", votes: vote(["return_proposal"]), lower },
      c(member("NB-TP"), "2026-09-25T09:00:00"),
    );
    expect(returned.ok && returned.next.status).toBe("accepted");
    if (!returned.ok) return;

    // Revised and re-proposed by the registrant, at the district's own rules.
    const revised = { ...scored(90), figures: "156 hộ, 2 km" };
    const at = vn("2026-09-28T09:00:00");
    const eligibility = checkProposal({
      submission: { ...returned.next, results: revised },
      tier: "district",
      rulebook: threeTier,
      now: at,
      lower,
    });
    expect(eligibility).toEqual({ ok: true, problems: [], late: false });
    expect(canPropose(returned.next, registrant, threeTier, lower)).toBe(true);
    const again = transition(
      returned.next,
      { action: "propose", results: revised, eligibility, lower },
      ctx(registrant, at),
    );
    expect(again.ok && again.next).toMatchObject({
      status: "proposed",
      results: { figures: "156 hộ, 2 km" },
    });
    if (!again.ok) return;

    // Recognised by the district committee.
    const recognized = transition(
      again.next,
      { action: "recognize", votes: vote(["recognize"]), lower },
      c(member("NB-TP"), "2026-10-02T09:00:00"),
    );
    expect(recognized.ok && recognized.next.status).toBe("recognized");
  });

  it("may be re-proposed by the nominating body", () => {
    const lower = { ...recognizedAtCommune(), status: "nominated" as const };
    const returned = inBody("accepted", {
      parentId: lower.id,
      bodyCode: "NB-TP",
      queueBodyCode: "NB-TP",
      tier: "district",
      results: scored(90),
    });
    const at = vn("2026-09-28T09:00:00");
    const eligibility = checkProposal({
      submission: returned,
      tier: "district",
      rulebook: threeTier,
      now: at,
      lower,
    });
    const command: Command = { action: "propose", results: scored(90), eligibility, lower };
    const byCommune = transition(returned, command, ctx(member("NB-TP-NN", "commune-member"), at));
    expect(byCommune.ok && byCommune.event.actorRole).toBe("committee");
    // Without the lower decision the commune is a stranger to the district's proposal.
    const { lower: _, ...withoutLower } = command;
    expect(transition(returned, withoutLower, ctx(member("NB-TP-NN", "commune-member"), at)).ok).toBe(false);
  });
});

describe("revise_proposal", () => {
  const lower = { ...recognizedAtCommune(), status: "nominated" as const };
  const waiting = inBody("proposed", {
    parentId: lower.id,
    bodyCode: "NB-TP",
    queueBodyCode: "NB-TP",
    tier: "district",
    results: scored(86),
  });

  it("lets the registrant or the nominating body revise results and score before the vote", () => {
    expect(canRevise(waiting, registrant, threeTier)).toBe(true);
    expect(canRevise(waiting, member("NB-TP-NN"), threeTier, lower)).toBe(true);
    expect(canRevise(waiting, officer("NB-TP-NN"), threeTier, lower)).toBe(true);
    expect(canRevise(waiting, member("NB-TP-NN"), threeTier)).toBe(false);
    expect(canRevise(waiting, stranger, threeTier, lower)).toBe(false);
    const result = transition(
      waiting,
      { action: "revise_proposal", results: scored(92), lower },
      ctx(member("NB-TP-NN"), vn("2026-09-26T09:00:00")),
    );
    expect(result.ok && result.next).toMatchObject({ status: "proposed", results: { late: false } });
    expect(result.ok && result.event.data).toMatchObject({ scoreTotal: 92, previousScoreTotal: 86 });
    expect(result.ok && result.event.actorRole).toBe("committee");
  });

  it("applies the tier's rules to the revision", () => {
    const result = transition(waiting, { action: "revise_proposal", results: scored(80) }, ctx(registrant));
    expect(!result.ok && result.refusal).toEqual({
      code: "not_eligible",
      problems: [{ code: "score_below_minimum", params: { total: 80, minimum: 85, tier: "district" } }],
    });
  });

  it("flags a revision after the deadline", () => {
    const result = transition(
      waiting,
      { action: "revise_proposal", results: scored(90) },
      ctx(registrant, vn("2026-10-20T09:00:00")),
    );
    expect(result.ok && result.next.results?.late).toBe(true);
    expect(result.ok && result.event.data.late).toBe(true);
  });
});

describe("the via body", () => {
  const viaSubmission = inBody("submitted", {
    unitCategory: "district_party_committee",
    localityCode: "NB-HL",
    bodyCode: "NB",
    viaBodyCode: "NB-HL",
    queueBodyCode: "NB-HL",
    tier: "province",
  });

  it("may return for completion as well as forward", () => {
    expect(allowedDecisions(viaSubmission, officer("NB-HL").memberships, threeTier)).toEqual([
      "return",
      "forward",
    ]);
    expect(allowedDecisions(viaSubmission, officer("NB").memberships, threeTier)).toEqual([]);
  });

  it("gets the resubmission back in its queue", () => {
    const returned = transition(
      viaSubmission,
      { action: "return", reason: "Bổ sung" },
      ctx(officer("NB-HL")),
    );
    expect(returned.ok && returned.event.data).toMatchObject({ via: "NB-HL" });
    if (!returned.ok) return;
    const e = checkRegistration({ submission: returned.next, rulebook: threeTier, tree, now });
    const again = transition(returned.next, { action: "resubmit", eligibility: e }, ctx(registrant));
    expect(again.ok && again.next).toMatchObject({
      status: "submitted",
      queueBodyCode: "NB-HL",
      bodyCode: "NB",
    });
  });
});

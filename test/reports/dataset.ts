import type { OrgTree } from "../../src/domain/org.ts";
import type { Rulebook } from "../../src/domain/rulebook/schema.ts";
import type {
  BodyCode,
  FieldId,
  ModelKind,
  RegistrantKind,
  Scores,
  Status,
  Submission,
  SubmissionCode,
} from "../../src/domain/types.ts";
import { completeDraft, vn } from "../support/fixtures.ts";

/**
 * A generated data set with known counts, for the statistics and the exports: models of the demo
 * three-tier tree (Ninh Bình → Huyện Hoa Lư → Xã Ninh Hải, Xã Trường Yên…), each a chain of rows
 * going up the tiers the way nominations create them, plus rows a report of Huyện Hoa Lư for 2026
 * must leave out. Built from completeDraft(), deterministic.
 */

export interface ModelSpec {
  n: number;
  body: BodyCode;
  field: FieldId;
  /** The status of each row, from the receiving body up (a nominated row's proposal sits one tier up). */
  chain: Status[];
  kind?: ModelKind;
  who?: RegistrantKind;
  late?: boolean;
  /** The registration's self-score total; null for no score at all. */
  score: number | null;
  /** A fresh self-score given with the recognition proposal. */
  proposalScore?: number;
  year?: number;
  name?: string;
  unit?: string;
  address?: string;
}

/** Huyện Hoa Lư (NB-HL), 2026: the thirteen models the tests count. */
export const HOA_LU_2026: ModelSpec[] = [
  { n: 1, body: "NB-HL-NH", field: "economy", chain: ["submitted"], score: 90 },
  { n: 2, body: "NB-HL-NH", field: "economy", chain: ["accepted"], score: 80 },
  { n: 3, body: "NB-HL-NH", field: "economy", chain: ["recognized"], kind: "replication", score: 96 },
  {
    n: 4,
    body: "NB-HL-TY",
    field: "economy",
    chain: ["nominated", "proposed"],
    who: "individual",
    late: true,
    score: 70,
    proposalScore: 88,
  },
  { n: 5, body: "NB-HL-TY", field: "culture_society", chain: ["returned"], late: true, score: 75 },
  { n: 6, body: "NB-HL-TY", field: "culture_society", chain: ["rejected"], kind: "replication", score: 60 },
  {
    n: 7,
    body: "NB-HL-NH",
    field: "culture_society",
    chain: ["nominated", "nominated", "recognized"],
    score: 85,
    proposalScore: 95,
    name: 'Tổ tự quản "Đường hoa", thôn Đông',
    unit: "Chi bộ thôn Đông, xã Ninh Hải",
    address: "Thôn Đông\nxã Ninh Hải",
  },
  { n: 8, body: "NB-HL", field: "culture_society", chain: ["proposed"], score: 82, proposalScore: 86 },
  { n: 9, body: "NB-HL", field: "culture_society", chain: ["not_recognized"], who: "individual", score: 77 },
  {
    n: 10,
    body: "NB-HL",
    field: "defense_security",
    chain: ["nominated", "not_recognized"],
    kind: "replication",
    score: 91,
    proposalScore: 93,
  },
  { n: 11, body: "NB-HL-NH", field: "defense_security", chain: ["recognized"], score: 100 },
  {
    n: 12,
    body: "NB-HL-NH",
    field: "political_system",
    chain: ["nominated", "recognized"],
    late: true,
    score: 88,
    proposalScore: 89,
  },
  { n: 13, body: "NB-HL", field: "political_system", chain: ["accepted"], who: "individual", score: null },
];

/** Rows a report of NB-HL for 2026 leaves out (a draft, other districts, the province, 2025). */
export const OUTSIDE: ModelSpec[] = [
  { n: 51, body: "NB-HL-NH", field: "economy", chain: ["draft"], score: 90 },
  { n: 52, body: "NB-TP-NN", field: "economy", chain: ["submitted"], score: 90 },
  {
    n: 53,
    body: "NB-TP-DT",
    field: "culture_society",
    chain: ["nominated", "nominated", "recognized"],
    score: 97,
  },
  { n: 54, body: "NB", field: "political_system", chain: ["recognized"], score: 92 },
  { n: 55, body: "NB-HL-NH", field: "economy", chain: ["recognized"], score: 80, year: 2025 },
];

/** Scores adding up to `total`: the rubric's maximum, less the difference from the last criteria. */
export function scoresTotalling(total: number, rulebook: Rulebook): Scores {
  let deficit = rulebook.scoring.criteria.reduce((s, c) => s + c.max, 0) - total;
  const scores: Scores = {};
  for (const c of [...rulebook.scoring.criteria].reverse()) {
    const take = Math.min(c.max, deficit);
    scores[c.id] = c.max - take;
    deficit -= take;
  }
  return scores;
}

const pad = (n: number, width = 6) => String(n).padStart(width, "0");
const DECIDED = ["2026-04-20T10:00:00", "2026-08-15T15:30:00", "2026-10-10T08:00:00"];
const UNDECIDED: ReadonlySet<Status> = new Set<Status>(["draft", "submitted", "returned"]);

/** The rows of one model: its registration, then one proposal per tier it was nominated to. */
export function modelRows(spec: ModelSpec, tree: OrgTree, rulebook: Rulebook, copy = 0): Submission[] {
  const year = spec.year ?? 2026;
  const number = copy * 1000 + spec.n;
  const rows: Submission[] = [];
  let body = tree.get(spec.body)!;
  spec.chain.forEach((status, i) => {
    if (i > 0) body = tree.get(body.parentCode!)!;
    const proposed =
      spec.proposalScore !== undefined &&
      !["draft", "submitted", "accepted", "returned", "rejected"].includes(status);
    const isNewProposal = i > 0 && status === "proposed";
    rows.push(
      completeDraft({
        id: i === 0 ? `c${copy}-m${spec.n}` : `c${copy}-m${spec.n}-${i}`,
        code: `DVK-${year}-${pad(i * 100_000 + number)}` as SubmissionCode,
        status,
        cycleYear: year,
        field: spec.field,
        registrantKind: spec.who ?? "collective",
        modelKind: spec.kind ?? "new",
        unitName: spec.unit ?? `Đơn vị số ${spec.n}`,
        address: spec.address ?? `Thôn ${spec.n}, ${tree.get(spec.body)!.locality}`,
        localityCode: spec.body,
        bodyCode: body.code,
        queueBodyCode: body.code,
        tier: body.tier,
        late: spec.late ?? false,
        description: { ...completeDraft().description, model_name: spec.name ?? `Mô hình số ${spec.n}` },
        scores: spec.score === null ? {} : scoresTotalling(spec.score, rulebook),
        results: proposed
          ? {
              outcomes: {},
              late: false,
              scores: scoresTotalling(spec.proposalScore!, rulebook),
              attachments: [],
            }
          : null,
        parentId: i === 0 ? null : `c${copy}-m${spec.n}${i === 1 ? "" : `-${i - 1}`}`,
        submittedAt:
          status === "draft"
            ? null
            : vn(i === 0 ? (spec.late ? "2026-04-05T09:00:00" : "2026-03-10T09:00:00") : DECIDED[i - 1]!),
        decidedAt: UNDECIDED.has(status) || isNewProposal ? null : vn(DECIDED[i]!),
      }),
    );
  });
  return rows;
}

/** Every row of the data set, `copies` times over (ids and codes kept distinct). */
export function dataset(tree: OrgTree, rulebook: Rulebook, copies = 1): Submission[] {
  const out: Submission[] = [];
  for (let copy = 0; copy < copies; copy++)
    for (const spec of [...HOA_LU_2026, ...OUTSIDE]) out.push(...modelRows(spec, tree, rulebook, copy));
  return out;
}

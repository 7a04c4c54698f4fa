import { lateFlags } from "../../domain/lateness.ts";
import type { OrgTree, OrgUnit } from "../../domain/org.ts";
import { type Route, route } from "../../domain/routing.ts";
import type { Rulebook } from "../../domain/rulebook/schema.ts";
import { band, maxScore, totalScore } from "../../domain/scoring.ts";
import {
  DESCRIPTION_ITEMS,
  type Description,
  type Language,
  type Scores,
  type Submission,
} from "../../domain/types.ts";
import type { Translator } from "../i18n.ts";
import { type Words, words } from "../reports/labels.ts";
import { renderDocx } from "./docx.ts";
import { BLANK, issuerLine, nationalHeading, placeAndDate, provincePlace } from "./heading.ts";
import type { Block, OfficialDocument } from "./layout.ts";
import { renderPdf } from "./pdf.ts";

/**
 * The registration form (phiếu đăng ký xây dựng mô hình "Dân vận khéo"): who registers, the ten
 * description items, the self-score table with its total and band, where it goes, its code and
 * status; and, once the model is proposed for recognition, the results and their fresh score.
 */

export interface RegistrationFormInput {
  submission: Submission;
  rulebook: Rulebook;
  tree: OrgTree;
  translator: Translator;
  language: Language;
  /** When the form is printed: its date while the registration is not submitted. */
  now: Date;
}

/** The receiving body, and the body it passes through: stored once submitted, else as routed now. */
function destination(s: Submission, tree: OrgTree, rulebook: Rulebook): Partial<Route> {
  const stored = (code: string | null) => (code === null ? undefined : tree.get(code));
  if (s.bodyCode) return { body: stored(s.bodyCode), via: stored(s.viaBodyCode) };
  if (!s.unitCategory || !s.localityCode) return {};
  const routed = route(s.unitCategory, s.localityCode, tree, rulebook);
  return routed.ok ? routed.route : {};
}

function labelled(label: string, value: string | null | undefined): Block {
  return { kind: "paragraph", runs: [{ text: `${label}: ` }, { text: value || BLANK }], align: "left" };
}

function identity(s: Submission, w: Words, tree: OrgTree): Block[] {
  const replicates = s.replicates?.code ? `${s.replicates.name} (${s.replicates.code})` : s.replicates?.name;
  return [
    labelled(w.t("document.form.field"), s.field && w.t(`rb:fields.${s.field}.name`)),
    labelled(
      w.t("document.form.registrant_kind"),
      s.registrantKind && w.t(`report.value.${s.registrantKind}`),
    ),
    labelled(w.t("document.form.category"), s.unitCategory && w.t(`rb:categories.${s.unitCategory}`)),
    labelled(w.t("document.form.locality"), s.localityCode && tree.placeLabel(s.localityCode)),
    labelled(w.t("document.form.unit_name"), s.unitName),
    labelled(w.t("document.form.address"), s.address),
    labelled(w.t("document.form.contact"), s.contactName),
    labelled(w.t("document.form.phone"), s.contactPhone),
    labelled(w.t("document.form.model_kind"), s.modelKind && w.t(`reg.model_kind.${s.modelKind}`)),
    ...(s.modelKind === "replication" ? [labelled(w.t("document.form.replicates"), replicates)] : []),
  ];
}

/** Items in the rulebook's order, numbered as the registration numbers them; `only` skips empty ones. */
function items(description: Description, rulebook: Rulebook, w: Words, only: "all" | "given"): Block[] {
  return rulebook.description
    .filter((item) => only === "all" || description[item.id])
    .map((item) => ({
      kind: "paragraph",
      runs: [
        {
          text: `${DESCRIPTION_ITEMS.indexOf(item.id) + 1}. ${w.t(`rb:items.${item.id}.label`)}: `,
          bold: true,
        },
        { text: description[item.id] || BLANK },
      ],
    }));
}

/** Each criterion with its maximum and the score, the total out of the maximum, and the band. */
function scoreTable(scores: Scores, rulebook: Rulebook, w: Words): Block[] {
  const total = totalScore(scores, rulebook);
  const criteria = rulebook.scoring.criteria;
  return [
    {
      kind: "table",
      columns: [
        { heading: w.t("document.score.index"), width: 1, align: "center" },
        { heading: w.t("document.score.criterion"), width: 9, align: "left" },
        { heading: w.t("document.score.max"), width: 2, align: "center" },
        { heading: w.t("document.score.self"), width: 2, align: "center" },
      ],
      rows: [
        ...criteria.map((c, i) => ({
          cells: [
            String(i + 1),
            w.t(`rb:criteria.${c.id}`),
            w.n(c.max),
            scores[c.id] === undefined ? "" : w.n(scores[c.id]!),
          ],
        })),
        { cells: ["", w.t("document.score.total"), w.n(maxScore(rulebook)), w.n(total)], bold: true },
      ],
      whole: true,
    },
    {
      kind: "paragraph",
      runs: [
        { text: `${w.t("document.score.total_line", { total: w.n(total), max: w.n(maxScore(rulebook)) })} ` },
        {
          text: w.t("document.score.band", { band: w.t(`rb:bands.${band(total, rulebook).id}`) }),
          bold: true,
        },
      ],
    },
  ];
}

function results(s: Submission, rulebook: Rulebook, w: Words): Block[] {
  const r = s.results;
  if (!r) return [];
  return [
    { kind: "section", text: w.t("document.form.section.results") },
    ...items(r.outcomes, rulebook, w, "given"),
    ...(r.figures ? [labelled(w.t("document.form.figures"), r.figures)] : []),
    { kind: "paragraph", runs: [{ text: w.t("document.form.results_score"), italic: true }] },
    ...scoreTable(r.scores, rulebook, w),
  ];
}

function formDocument(input: RegistrationFormInput): OfficialDocument {
  const { submission: s, rulebook, tree } = input;
  const w = words(
    { from: s.cycleYear, to: s.cycleYear, timeZone: rulebook.timeZone },
    input.translator,
    input.language,
  );
  const { body, via } = destination(s, tree, rulebook);
  const late = lateFlags(s).map((k) => w.t(`report.value.late_${k}`));
  const centred = (text: string, italic = false): Block => ({
    kind: "paragraph",
    runs: [{ text, italic }],
    align: "center",
  });
  const to = (unit: OrgUnit | undefined) => unit?.name ?? BLANK;
  return {
    name: w.t("document.form.name", { code: s.code ?? "" }).trim(),
    orientation: "portrait",
    issuer: s.registrantKind === "collective" && s.unitName ? [issuerLine(s.unitName)] : [],
    ...nationalHeading(w),
    placeAndDate: placeAndDate(
      w,
      provincePlace(tree, body?.code ?? s.localityCode),
      s.submittedAt ?? input.now,
      rulebook.timeZone,
    ),
    dateAt: "heading",
    title: [w.t("document.form.title"), w.t("document.form.subtitle", { year: String(s.cycleYear) })],
    body: [
      centred(w.t("document.form.to", { body: to(body) })),
      ...(via ? [centred(w.t("document.form.via", { body: via.name }))] : []),
      centred(
        w.t("document.form.code_status", { code: s.code ?? BLANK, status: w.t(`status.${s.status}`) }),
        true,
      ),
      ...(late.length ? [centred(w.t("document.form.late", { list: late.join(", ") }), true)] : []),
      { kind: "section", text: w.t("document.form.section.identity") },
      ...identity(s, w, tree),
      { kind: "section", text: w.t("document.form.section.description") },
      ...items(s.description, rulebook, w, "all"),
      { kind: "section", text: w.t("document.form.section.scores") },
      ...scoreTable(s.scores, rulebook, w),
      ...results(s, rulebook, w),
    ],
    signature: {
      lines: [w.t("document.signature.registrant")],
      note: w.t("document.signature.sign_here"),
      ...(s.contactName ? { name: s.contactName } : {}),
    },
    style: "letter",
  };
}

export function registrationFormDocx(input: RegistrationFormInput): Promise<Uint8Array> {
  return renderDocx(formDocument(input));
}

export function registrationFormPdf(input: RegistrationFormInput): Promise<Uint8Array> {
  return renderPdf(formDocument(input));
}

import { checkRegistration } from "../../../domain/eligibility.ts";
import { band, maxScore, totalScore } from "../../../domain/scoring.ts";
import type { Problem, Submission } from "../../../domain/types.ts";
import type { DialogContext } from "../../context.ts";
import { problemText } from "../../problems.ts";
import { type Text, t, type View } from "../../view.ts";
import { placeLabel } from "./location.ts";

/** The lines that describe a registration: identity, the ten items, files and self-score. */
export function summaryLines(
  d: Submission,
  ctx: Pick<DialogContext, "rulebook" | "tree">,
): { identity: Text[]; items: Text[]; scores: Text[] } {
  const rb = ctx.rulebook;
  const place = d.localityCode ? ctx.tree.get(d.localityCode) : undefined;
  const identity: Text[] = [
    ...(d.field ? [t("summary.field", { field: d.field })] : []),
    ...(d.registrantKind ? [t("summary.kind", { kind: d.registrantKind })] : []),
    ...(d.unitCategory ? [t("summary.category", { category: d.unitCategory })] : []),
    ...(place ? [t("summary.location", { value: placeLabel(place, ctx) })] : []),
    ...(d.unitName ? [t("summary.unit_name", { value: d.unitName })] : []),
    ...(d.address ? [t("summary.address", { value: d.address })] : []),
    ...(d.contactName ? [t("summary.contact", { value: d.contactName, phone: d.contactPhone ?? "" })] : []),
    ...(d.modelKind ? [t("summary.model_kind", { kind: d.modelKind })] : []),
  ];
  const items = rb.description.map((item, i) =>
    t("summary.item", { n: i + 1, item: item.id, value: d.description[item.id] ?? "—" }),
  );
  if (d.attachments.length) items.push(t("summary.files", { count: d.attachments.length }));
  const total = totalScore(d.scores, rb);
  const scores = [
    ...rb.scoring.criteria.map((c) =>
      t("summary.score", { criterion: c.id, value: d.scores[c.id] ?? "—", max: c.max }),
    ),
    t("summary.total", { total, max: maxScore(rb), band: band(total, rb).id }),
  ];
  return { identity, items, scores };
}

/**
 * The review screen: everything entered, where it goes, and what still stops it from being
 * submitted, as sentences the registrant can act on. The last view carries the choices.
 */
export function reviewViews(d: Submission, ctx: DialogContext, extra: Problem[] = []): View[] {
  const lines = summaryLines(d, ctx);
  const check = checkRegistration({ submission: d, rulebook: ctx.rulebook, tree: ctx.tree, now: ctx.now });
  const problems = [...check.problems, ...extra];
  const destination = check.route
    ? [
        t(check.route.via ? "reg.review.goes_to_via" : "reg.review.goes_to", {
          body: check.route.body.name,
          via: check.route.via?.name ?? "",
        }),
      ]
    : [];
  const status = problems.length
    ? [t("reg.review.problems", { count: problems.length }), ...problems.map((p) => problemText(p))]
    : [t("reg.review.ready"), ...(check.late ? [t("reg.review.late")] : [])];
  return [
    { text: [t("reg.review.title"), ...lines.identity, ...destination], expects: { kind: "none" } },
    { text: [t("reg.review.items"), ...lines.items], expects: { kind: "none" } },
    {
      text: [...lines.scores, ...status],
      choices: [
        ...(problems.length ? [] : [{ id: "submit", label: t("reg.review.submit") }]),
        { id: "edit", label: t("reg.review.edit") },
        { id: "later", label: t("reg.review.later") },
      ],
      expects: { kind: "choice" },
    },
  ];
}

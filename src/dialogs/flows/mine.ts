import { forListing } from "../../domain/privacy.ts";
import type { AuditEvent } from "../../domain/status.ts";
import type { Submission } from "../../domain/types.ts";
import { lateLines, resultsLines } from "../details.ts";
import type { DocumentKind } from "../effects.ts";
import type { FlowModule } from "../flow.ts";
import { changedLines, formatDate, historyLine } from "../format.ts";
import { t, type View } from "../view.ts";
import { draftLabel, openRegistration } from "./drafts.ts";
import { startProposal } from "./proposal.ts";
import { openPublication } from "./publication.ts";
import { summaryLines } from "./registration/review.ts";

/** /hoso: the person's registrations with their status; one opened with details and history. */
export interface MineFlow {
  name: "mine";
  items: Submission[] | null;
  open: { submission: Submission; history: AuditEvent[] } | null;
  loading: boolean;
}

const EDITABLE = new Set(["draft", "returned"]);

function itemLabel(s: Submission, timeZone: string) {
  if (!s.code) return draftLabel(s);
  return t("mine.item", {
    code: s.code,
    name: s.description.model_name ?? "",
    status: s.status,
    date: formatDate(s.submittedAt ?? s.updatedAt, timeZone),
  });
}

export const mine: FlowModule<MineFlow> = {
  name: "mine",
  command: { name: "mine", words: ["hoso", "mine"], menu: true, who: "anyone", mode: "open" },
  start: () => ({
    flow: { name: "mine", items: null, open: null, loading: true } satisfies MineFlow,
    effects: [{ type: "load_mine" }],
  }),
  waiting: (flow) => flow.loading,
  prompt(flow, ctx) {
    const tz = ctx.rulebook.timeZone;
    if (flow.open) {
      const { submission: s, history } = flow.open;
      const lines = summaryLines(s, ctx);
      const body = s.bodyCode ? ctx.tree.get(s.bodyCode) : undefined;
      const views: View[] = [
        {
          text: [
            t("mine.detail", { code: s.code ?? "—", status: s.status }),
            ...(body ? [t("mine.body", { body: body.name })] : []),
            ...lateLines(s),
            ...lines.identity,
          ],
          expects: { kind: "none" },
        },
        { text: [t("reg.review.items"), ...lines.items, ...lines.scores], expects: { kind: "none" } },
        ...(s.results ? [{ text: resultsLines(s, ctx), expects: { kind: "none" as const } }] : []),
        {
          text: [
            t("mine.history"),
            ...(history.length
              ? history.flatMap((e) => [historyLine(e, tz), ...changedLines(e)])
              : [t("mine.no_history")]),
          ],
          choices: [
            ...(EDITABLE.has(s.status) ? [{ id: "edit", label: t("mine.edit") }] : []),
            ...(s.status === "accepted" ? [{ id: "propose", label: t("proposal.start") }] : []),
            ...(s.status === "proposed" ? [{ id: "revise", label: t("proposal.revise") }] : []),
            { id: "doc:form_docx", label: t("docs.form_docx") },
            { id: "doc:form_pdf", label: t("docs.form_pdf") },
            ...(s.status === "recognized" ? [{ id: "doc:certificate", label: t("docs.certificate") }] : []),
            ...(s.status === "recognized" || s.status === "nominated"
              ? [{ id: "publish", label: t("publication.offer_button") }]
              : []),
            { id: "back", label: t("mine.back"), nav: true },
            { id: "close", label: t("mine.close"), nav: true },
          ],
          expects: { kind: "choice" },
        },
      ];
      return views;
    }
    const items = flow.items ?? [];
    if (items.length === 0) return [{ text: [t("mine.empty")], expects: { kind: "none" } }];
    return [
      {
        text: [t("mine.title", { count: items.length })],
        choices: [
          ...items.map((s) => ({ id: s.id, label: itemLabel(s, tz) })),
          { id: "close", label: t("mine.close"), nav: true },
        ],
        expects: { kind: "choice" },
      },
    ];
  },
  answer(flow, answer, ctx) {
    if (answer.kind === "result") {
      if (answer.effect === "load_mine") {
        const items = answer.value;
        // Nothing to choose: show the empty list and end here.
        if (items.length === 0)
          return { flow: null, views: [{ text: [t("mine.empty")], expects: { kind: "none" } }] };
        return { flow: { ...flow, items: items.map(forListing), loading: false } };
      }
      if (answer.effect === "build_document")
        return {
          flow: { ...flow, loading: false },
          views: [
            answer.value
              ? { text: [t("docs.sent")], files: answer.value.files, expects: { kind: "none" } }
              : { text: [t("docs.unavailable")], expects: { kind: "none" } },
          ],
        };
      if (answer.effect !== "load_submission") return { flow };
      const open = answer.value;
      if (!open) return { flow: { ...flow, loading: false }, error: t("mine.gone") };
      return { flow: { ...flow, open, loading: false } };
    }
    if (answer.kind !== "choice") return { flow, error: t("input.choose") };
    if (answer.id === "close")
      return {
        flow: null,
        views: [{ text: [t("mine.closed")], expects: { kind: "none" } }],
        answered: t("mine.close"),
      };
    if (answer.id === "back") return { flow: { ...flow, open: null }, answered: t("mine.back") };
    if (answer.id === "edit" && flow.open)
      return { ...openRegistration(flow.open.submission, ctx), answered: t("mine.edit") };
    if (answer.id === "propose" && flow.open?.submission.status === "accepted")
      return { ...startProposal(flow.open.submission), answered: t("proposal.start") };
    if (answer.id === "revise" && flow.open?.submission.status === "proposed")
      return { ...startProposal(flow.open.submission, "revise"), answered: t("proposal.revise") };
    const doc = /^doc:(form_docx|form_pdf|certificate)$/.exec(answer.id);
    if (doc && flow.open)
      return {
        flow: { ...flow, loading: true },
        effects: [{ type: "build_document", kind: doc[1] as DocumentKind, id: flow.open.submission.id }],
        answered: t(`docs.${doc[1]}`),
      };
    if (answer.id === "publish" && flow.open)
      return { ...openPublication(flow.open.submission.id), answered: t("publication.offer_button") };
    const chosen = flow.items?.find((s) => s.id === answer.id);
    if (!chosen) return { flow, error: t("input.choose") };
    return {
      flow: { ...flow, loading: true },
      effects: [{ type: "load_submission", id: chosen.id }],
      answered: itemLabel(chosen, ctx.rulebook.timeZone),
    };
  },
};

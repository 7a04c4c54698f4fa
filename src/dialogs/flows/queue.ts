import { localTime } from "../../domain/calendar.ts";
import { lateFlags } from "../../domain/lateness.ts";
import { forListing } from "../../domain/privacy.ts";
import { FIELD_IDS, type Submission } from "../../domain/types.ts";
import type { QueueFilter } from "../effects.ts";
import type { DialogContext, FlowModule, Outcome } from "../flow.ts";
import { t } from "../view.ts";
import { openReview } from "./review.ts";

/** /hangdoi: the queue of the bodies the person serves, oldest first, filtered by status and field. */
export interface QueueFlow {
  name: "queue";
  filter: QueueFilter;
  items: Submission[] | null;
  total: number;
  loading: boolean;
  /** Choosing a filter value instead of an item. */
  choosing: "status" | "field" | null;
  /** Notifications of the bodies that reached nobody (absent in sessions saved before). */
  unreached?: { count: number; names: string[] };
}

const STATUS_FILTERS = [
  "pending",
  "submitted",
  "proposed",
  "accepted",
  "returned",
  "recognized",
  "rejected",
  "not_recognized",
  "nominated",
] as const;

export function startQueue(filter: QueueFilter = { status: "pending" }): Outcome<QueueFlow> {
  return {
    flow: { name: "queue", filter, items: null, total: 0, loading: true, choosing: null },
    effects: [{ type: "load_queue", filter }],
  };
}

function waitingDays(s: Submission, ctx: DialogContext): number {
  const since = s.submittedAt ?? s.updatedAt;
  const day = (d: Date) => {
    const l = localTime(d, ctx.rulebook.timeZone);
    return Date.UTC(l.year, l.month - 1, l.day) / 86_400_000;
  };
  return Math.max(0, day(ctx.now) - day(since));
}

export const queue: FlowModule<QueueFlow> = {
  name: "queue",
  command: { name: "queue", words: ["hangdoi", "queue"], menu: true, who: "servers", mode: "open" },
  usesRoles: true,
  start: () => startQueue(),
  /** Back from a submission opened from the list: the list again, as it is now. */
  resume: (flow) => startQueue(flow.filter),
  waiting: (flow) => flow.loading,
  prompt(flow, ctx) {
    if (flow.choosing === "status")
      return [
        {
          text: [t("queue.choose_status")],
          choices: STATUS_FILTERS.map((s) => ({
            id: s,
            label: s === "pending" ? t("queue.pending") : t(`status.${s}`),
          })),
          expects: { kind: "choice" },
        },
      ];
    if (flow.choosing === "field")
      return [
        {
          text: [t("queue.choose_field")],
          choices: [
            { id: "__all", label: t("queue.all_fields") },
            ...FIELD_IDS.map((f) => ({ id: f, label: t(`rb:fields.${f}.name`) })),
          ],
          expects: { kind: "choice" },
        },
      ];
    const items = flow.items ?? [];
    const filter = flow.filter;
    return [
      {
        text: [
          t("queue.title", { count: flow.total, status: filter.status, field: filter.field ?? "" }),
          t(filter.status === "pending" ? "queue.showing_pending" : "queue.showing_status", {
            status: filter.status,
          }),
          ...(filter.field ? [t("queue.showing_field", { field: filter.field })] : []),
          ...(flow.unreached?.count
            ? [t("queue.unreached", { count: flow.unreached.count, names: flow.unreached.names.join(", ") })]
            : []),
          ...(items.length ? [t("queue.hint")] : [t("queue.empty")]),
        ],
        choices: [
          ...items.map((s) => ({
            id: s.id,
            label: t(lateFlags(s).length ? "queue.item_late" : "queue.item", {
              code: s.code ?? "",
              name: s.description.model_name ?? "",
              status: s.status,
              days: waitingDays(s, ctx),
            }),
          })),
          { id: "__status", label: t("queue.filter_status"), nav: true },
          { id: "__field", label: t("queue.filter_field"), nav: true },
          { id: "__close", label: t("mine.close"), nav: true },
        ],
        expects: { kind: "choice" },
      },
    ];
  },
  answer(flow, answer) {
    if (answer.kind === "result") {
      if (answer.effect !== "load_queue") return { flow };
      const result = answer.value;
      if (!result)
        return { flow: null, views: [{ text: [t("command.officers_only")], expects: { kind: "none" } }] };
      return {
        flow: {
          ...flow,
          items: result.items.map(forListing),
          total: result.total,
          loading: false,
          unreached: result.unreached,
        },
      };
    }
    if (answer.kind !== "choice") return { flow, error: t("input.choose") };
    if (flow.choosing) {
      const filter: QueueFilter =
        flow.choosing === "status"
          ? { ...flow.filter, status: answer.id as QueueFilter["status"] }
          : answer.id === "__all"
            ? { status: flow.filter.status }
            : { ...flow.filter, field: answer.id as QueueFilter["field"] };
      return startQueue(filter);
    }
    if (answer.id === "__close")
      return { flow: null, views: [{ text: [t("mine.closed")], expects: { kind: "none" } }] };
    if (answer.id === "__status") return { flow: { ...flow, choosing: "status" } };
    if (answer.id === "__field") return { flow: { ...flow, choosing: "field" } };
    if (!flow.items?.some((s) => s.id === answer.id)) return { flow, error: t("input.choose") };
    const back: QueueFlow = { ...flow, items: null };
    return openReview(answer.id, null, back);
  },
};

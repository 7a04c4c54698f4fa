import type { Context, Hono } from "hono";
import { html } from "hono/html";
import { z } from "zod";
import { loadQueuePage, type QueuePageQuery } from "../../application/services/decisions.ts";
import { formatDate } from "../../dialogs/format.ts";
import { lateFlags } from "../../domain/lateness.ts";
import { FIELD_IDS, STATUSES, type Submission, TIERS } from "../../domain/types.ts";
import type { Html } from "../kit/index.ts";
import type { SiteDeps } from "../site.ts";
import { csrfField, officerPage } from "./layout.ts";
import { serviceContext } from "./service.ts";
import type { WorkspaceEnv } from "./session.ts";

export const PAGE_SIZE = 25;
const STATUS_FILTERS = ["pending", "all", ...STATUSES.filter((s) => s !== "draft")] as const;
const SORTS = ["oldest", "newest", "score", "code"] as const;

const blankToUndefined = (v: unknown) => (v === "" || v === undefined ? undefined : v);

/** The queue's filters, from a link's query or the filter form: anything else is ignored. */
export const queueFilters = z.object({
  status: z.preprocess(blankToUndefined, z.enum(STATUS_FILTERS).default("pending")),
  field: z.preprocess(blankToUndefined, z.enum(FIELD_IDS).optional()),
  tier: z.preprocess(blankToUndefined, z.enum(TIERS).optional()),
  late: z.preprocess(blankToUndefined, z.enum(["yes", "no"]).optional()),
  cycle: z.preprocess(blankToUndefined, z.coerce.number().int().min(2000).max(2100).optional()),
  q: z.preprocess(blankToUndefined, z.string().trim().max(100).optional()),
  sort: z.preprocess(blankToUndefined, z.enum(SORTS).default("oldest")),
  page: z.preprocess(blankToUndefined, z.coerce.number().int().min(1).max(100_000).default(1)),
});
export type QueueFilters = z.infer<typeof queueFilters>;

function toQuery(f: QueueFilters): QueuePageQuery {
  return {
    status: f.status,
    ...(f.field ? { field: f.field } : {}),
    ...(f.tier ? { tier: f.tier } : {}),
    ...(f.late ? { late: f.late === "yes" } : {}),
    ...(f.cycle ? { cycleYear: f.cycle } : {}),
    ...(f.q ? { search: f.q } : {}),
    order: f.sort,
    page: f.page,
    pageSize: PAGE_SIZE,
  };
}

function select(name: string, current: string | number | undefined, options: [string, string][]): Html {
  return html`<select name="${name}" id="f-${name}">${options.map(
    ([value, label]) =>
      html`<option value="${value}"${String(current ?? "") === value ? html` selected` : ""}>${label}</option>`,
  )}</select>`;
}

function waitingDays(s: Submission, now: Date): number {
  return Math.max(0, Math.floor((now.getTime() - (s.submittedAt ?? s.createdAt).getTime()) / 86_400_000));
}

async function queuePage(c: Context<WorkspaceEnv>, deps: SiteDeps, filters: QueueFilters) {
  const { tr, base } = c.var;
  const now = deps.clock();
  const data = await loadQueuePage(deps.store, serviceContext(deps, c.var.officer), toQuery(filters));
  const items = data?.items ?? [];
  const total = data?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const any = tr("web.queue.any");
  const zone = deps.rulebook.timeZone;
  const form = html`<form method="post" action="${base}/queue" class="card filters" id="filters">
${csrfField(c)}
<div><label for="f-q">${tr("web.queue.search")}</label><input type="search" name="q" id="f-q" value="${filters.q ?? ""}" placeholder="${tr("web.queue.search_hint")}"></div>
<div><label for="f-status">${tr("web.queue.status")}</label>${select(
    "status",
    filters.status,
    STATUS_FILTERS.map((s) => [
      s,
      s === "pending" ? tr("queue.pending") : s === "all" ? tr("web.queue.all") : tr(`status.${s}`),
    ]),
  )}</div>
<div><label for="f-field">${tr("web.queue.field")}</label>${select("field", filters.field, [
    ["", any],
    ...FIELD_IDS.map((f): [string, string] => [f, tr(`rb:fields.${f}.name`)]),
  ])}</div>
<div><label for="f-tier">${tr("web.queue.tier")}</label>${select("tier", filters.tier, [
    ["", any],
    ...deps.rulebook.tiers.map((t): [string, string] => [t, tr(`tier.${t}`)]),
  ])}</div>
<div><label for="f-late">${tr("web.queue.late")}</label>${select("late", filters.late, [
    ["", any],
    ["yes", tr("web.queue.late_yes")],
    ["no", tr("web.queue.late_no")],
  ])}</div>
<div><label for="f-cycle">${tr("web.queue.cycle")}</label><input type="number" name="cycle" id="f-cycle" min="2000" max="2100" value="${filters.cycle ?? ""}"></div>
<div><label for="f-sort">${tr("web.queue.sort")}</label>${select(
    "sort",
    filters.sort,
    SORTS.map((s) => [s, tr(`web.queue.sort_${s}`)]),
  )}</div>
<div><button type="submit" name="page" value="1">${tr("web.queue.apply")}</button></div>
</form>`;
  const rows = items.map((s) => {
    const late = lateFlags(s).length > 0;
    return html`<tr>
<td><a href="${base}/s/${s.id}">${s.code ?? "—"}</a></td>
<td>${s.description.model_name ?? ""}<div class="muted">${s.unitName ?? ""}</div></td>
<td class="hide-narrow">${s.field ? tr(`rb:fields.${s.field}.name`) : ""}</td>
<td class="hide-narrow">${s.tier ? tr(`tier.${s.tier}`) : ""}</td>
<td><span class="badge">${tr(`status.${s.status}`)}</span>${late ? html` <span class="badge late">${tr("web.queue.late_badge")}</span>` : ""}</td>
<td class="hide-narrow">${s.submittedAt ? formatDate(s.submittedAt, zone) : ""}</td>
<td class="num">${tr("web.queue.days", { count: waitingDays(s, now) })}</td>
</tr>`;
  });
  const pager = html`<div class="pager">
<span>${tr("web.queue.count", { count: total })} · ${tr("web.queue.page", { page: filters.page, pages })}</span>
${filters.page > 1 ? html`<button class="secondary" form="filters" name="page" value="${filters.page - 1}">${tr("web.queue.prev")}</button>` : ""}
${filters.page < pages ? html`<button class="secondary" form="filters" name="page" value="${filters.page + 1}">${tr("web.queue.next")}</button>` : ""}
</div>`;
  const body = html`<h1>${tr("web.queue.title")}</h1>
${form}
${pager}
${
  items.length
    ? html`<div class="table-wrap"><table id="queue">
<thead><tr><th>${tr("web.queue.code")}</th><th>${tr("web.queue.model")}</th><th class="hide-narrow">${tr("web.queue.field")}</th><th class="hide-narrow">${tr("web.queue.tier")}</th><th>${tr("web.queue.status")}</th><th class="hide-narrow">${tr("web.queue.submitted")}</th><th class="num">${tr("web.queue.waiting")}</th></tr></thead>
<tbody>${rows}</tbody></table></div>`
    : html`<p class="card">${tr("queue.empty")}</p>`
}`;
  return officerPage(c, tr("web.queue.title"), body);
}

export function queueRoutes(app: Hono<WorkspaceEnv>, deps: SiteDeps): void {
  // A link (the menu, a nudge) may name filters; the search words come only by the form (POST), never in a URL.
  app.get("/queue", (c) => {
    const { q: _words, ...rest } = c.req.query();
    const filters = queueFilters.safeParse(rest);
    return queuePage(c, deps, filters.success ? filters.data : queueFilters.parse({}));
  });
  app.post("/queue", async (c) => {
    const filters = queueFilters.safeParse(await c.req.parseBody());
    return queuePage(c, deps, filters.success ? filters.data : queueFilters.parse({}));
  });
}

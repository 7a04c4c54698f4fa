import type { Context, Hono } from "hono";
import { html } from "hono/html";
import { z } from "zod";
import { LIST_COLUMNS } from "../../application/reports/columns.ts";
import { reportChart, reportText, reportXlsx, summaryCsv } from "../../application/reports/index.ts";
import { recordExport } from "../../application/services/privacy.ts";
import { bodyReport, reportFileName } from "../../application/services/report.ts";
import { reportBodies } from "../../dialogs/flows/report.ts";
import { cycleYear } from "../../domain/calendar.ts";
import { errorPage } from "../kit/index.ts";
import type { SiteDeps } from "../site.ts";
import { officerPage } from "./layout.ts";
import type { WorkspaceEnv } from "./session.ts";

const year = z.coerce.number().int().min(2000).max(2100);
const reportQuery = z.object({
  body: z
    .string()
    .regex(/^[A-Za-z0-9._-]{1,64}$/)
    .optional(),
  from: year.optional(),
  to: year.optional(),
});

/** The report the query asks for, as the officer may see it; null when it is not theirs. */
async function load(c: Context<WorkspaceEnv>, deps: SiteDeps) {
  const q = reportQuery.safeParse(c.req.query());
  if (!q.success) return null;
  const { officer, lang } = c.var;
  const bodies = reportBodies(officer.memberships);
  const now = deps.clock();
  const current = cycleYear(now, deps.rulebook);
  const from = q.data.from ?? current;
  const to = Math.max(from, q.data.to ?? from);
  const bodyCode = q.data.body ?? bodies[0];
  if (!bodyCode || to - from > 10) return null;
  const report = await bodyReport(
    deps.store,
    { bodyCode, from, to, personId: officer.personId, memberships: officer.memberships, language: lang, now },
    deps,
  );
  return report
    ? { report, bodies, query: `body=${encodeURIComponent(bodyCode)}&from=${from}&to=${to}` }
    : null;
}

export function reportRoutes(app: Hono<WorkspaceEnv>, deps: SiteDeps): void {
  app.get("/report", async (c) => {
    const loaded = await load(c, deps);
    if (!loaded) return errorPage(c, 404, "not_found");
    const { report, bodies, query } = loaded;
    const { tr, base, lang } = c.var;
    const current = cycleYear(deps.clock(), deps.rulebook);
    const { from, to } = deps.rulebook.period;
    const periods: [number, number][] = [
      [current, current],
      [current - 1, current - 1],
      [from, to],
    ];
    const body = html`<h1>${tr("web.report.title")}: ${report.body.name}</h1>
<form method="get" action="${base}/report" class="card filters">
<div><label for="r-body">${tr("web.report.body")}</label><select name="body" id="r-body">${bodies.map(
      (b) =>
        html`<option value="${b}"${b === report.body.code ? html` selected` : ""}>${deps.tree.get(b)?.name ?? b}</option>`,
    )}</select></div>
<div><label for="r-from">${tr("web.report.from")}</label><input type="number" name="from" id="r-from" value="${report.from}"></div>
<div><label for="r-to">${tr("web.report.to")}</label><input type="number" name="to" id="r-to" value="${report.to}"></div>
<div><button type="submit">${tr("web.report.show")}</button></div>
</form>
<p>${periods.map(
      ([f, t]) =>
        html`<a class="button secondary" href="${base}/report?body=${report.body.code}&amp;from=${f}&amp;to=${t}">${
          f === t ? tr("report_dialog.year", { year: f }) : tr("report_dialog.range", { from: f, to: t })
        }</a> `,
    )}</p>
<div class="grid2">
<section class="card"><pre class="report-text" id="report-text">${reportText(report, deps.translator, lang)}</pre></section>
<section class="card"><img class="chart" id="chart" src="${base}/report/chart.png?${query}" alt="${tr("web.report.chart")}" width="1200" height="700">
<p><a class="button" id="xlsx" href="${base}/report/list.xlsx?${query}">${tr("web.report.xlsx")}</a>
<a class="button secondary" id="csv" href="${base}/report/list.csv?${query}">${tr("web.report.csv")}</a></p></section>
</div>`;
    return officerPage(c, tr("web.report.title"), body);
  });

  app.get("/report/chart.png", async (c) => {
    const loaded = await load(c, deps);
    if (!loaded) return errorPage(c, 404, "not_found");
    c.header("Content-Type", "image/png");
    c.header("Cache-Control", "private, no-store");
    return c.body(new Uint8Array(await reportChart(loaded.report, deps.translator, c.var.lang)));
  });

  // The lists name units and contacts' bodies: each download is written to the personal-data trail.
  for (const format of ["xlsx", "csv"] as const)
    app.get(`/report/list.${format}`, async (c) => {
      const loaded = await load(c, deps);
      if (!loaded) return errorPage(c, 404, "not_found");
      const { report } = loaded;
      await recordExport(deps.store, {
        actor: c.var.officer.personId,
        bodyCode: report.body.code,
        format: `web-${format}`,
        columns: LIST_COLUMNS.map((col) => col.id),
        rows: report.list.length,
        at: deps.clock(),
      });
      const data =
        format === "xlsx"
          ? await reportXlsx(report, deps.translator, c.var.lang)
          : summaryCsv(report, deps.translator, c.var.lang);
      c.header(
        "Content-Type",
        format === "xlsx"
          ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          : "text/csv; charset=utf-8",
      );
      c.header("Content-Disposition", `attachment; filename="${reportFileName(report)}.${format}"`);
      c.header("Cache-Control", "private, no-store");
      return c.body(new Uint8Array(data));
    });
}

import type { Context, Hono } from "hono";
import { html } from "hono/html";
import { z } from "zod";
import { decide } from "../../application/services/decisions.ts";
import { criteriaLines, lateLines, lowerLines, resultsLines } from "../../dialogs/details.ts";
import type { DecisionResult, ReviewData } from "../../dialogs/effects.ts";
import { summaryLines } from "../../dialogs/flows/registration/review.ts";
import { changedLines, historyLine } from "../../dialogs/format.ts";
import { refusalLines } from "../../dialogs/problems.ts";
import type { Text } from "../../dialogs/view.ts";
import { band, maxScore, totalScore } from "../../domain/scoring.ts";
import { DECISIONS, NEEDS_REASON } from "../../domain/status.ts";
import type { Submission } from "../../domain/types.ts";
import { errorPage, type Html } from "../kit/index.ts";
import type { SiteDeps } from "../site.ts";
import { csrfField, officerPage } from "./layout.ts";
import { review } from "./review.ts";
import { serviceContext } from "./service.ts";
import type { WorkspaceEnv } from "./session.ts";
import { withheldSection } from "./withheld.ts";

/** A reason for a return or a rejection: as long as chat asks for. */
export const REASON = { min: 5, max: 500 };

const decisionForm = z.object({
  action: z.enum(DECISIONS),
  reason: z.string().trim().max(REASON.max).optional(),
  version: z.coerce.number().int().min(0),
});

function lines(c: Context<WorkspaceEnv>, deps: SiteDeps, texts: Text[]): Html {
  return html`${texts.map((text) => html`<p>${deps.translator.text(c.var.lang, text)}</p>`)}`;
}

function scoreTable(c: Context<WorkspaceEnv>, deps: SiteDeps, s: Submission): Html {
  const { tr } = c.var;
  const rb = deps.rulebook;
  const total = totalScore(s.scores, rb);
  return html`<table class="scores" id="scores">
<thead><tr><th>${tr("web.detail.criterion")}</th><th class="num">${tr("web.detail.points")}</th><th class="num">${tr("web.detail.max")}</th></tr></thead>
<tbody>${rb.scoring.criteria.map(
    (k) =>
      html`<tr><td>${tr(`rb:criteria.${k.id}`)}</td><td class="num">${s.scores[k.id] ?? "—"}</td><td class="num">${k.max}</td></tr>`,
  )}</tbody>
<tfoot><tr><th>${tr("web.detail.total")} · ${tr(`rb:bands.${band(total, rb).id}`)}</th><th class="num">${total}</th><th class="num">${maxScore(rb)}</th></tr></tfoot>
</table>`;
}

function decisionForms(c: Context<WorkspaceEnv>, data: ReviewData): Html {
  const { tr, base } = c.var;
  const s = data.submission;
  if (data.decisions.length === 0) return html`<p class="muted">${tr("review.nothing_to_decide")}</p>`;
  return html`${data.decisions.map((d) => {
    const reason = NEEDS_REASON.has(d);
    return html`<form method="post" action="${base}/s/${s.id}/decide" class="decision">
${csrfField(c)}<input type="hidden" name="action" value="${d}"><input type="hidden" name="version" value="${s.version}">
${reason ? html`<label for="reason-${d}">${tr("web.detail.reason", { min: REASON.min, max: REASON.max })}</label><textarea name="reason" id="reason-${d}" minlength="${REASON.min}" maxlength="${REASON.max}" required></textarea>` : ""}
<button type="submit"${reason ? html` class="secondary"` : ""}>${tr(`decision.${d}`)}</button>
</form>`;
  })}`;
}

async function detailPage(
  c: Context<WorkspaceEnv>,
  deps: SiteDeps,
  data: ReviewData,
  notice?: { ok: boolean; texts: Text[] },
  status = 200,
) {
  const { tr, base } = c.var;
  const s = data.submission;
  const ctx = { rulebook: deps.rulebook, tree: deps.tree };
  const summary = summaryLines(s, ctx);
  const queueBody = s.queueBodyCode ? deps.tree.get(s.queueBodyCode) : undefined;
  const checklist = criteriaLines(s.unitCategory, ctx, "checklist");
  const zone = deps.rulebook.timeZone;
  const votes = data.votes ?? {};
  const body = html`<p><a href="${base}/queue">${tr("review.back")}</a></p>
<h1>${s.code ?? "—"} · ${s.description.model_name ?? ""}</h1>
${notice ? html`<div class="notice${notice.ok ? "" : " bad"}" role="status">${lines(c, deps, notice.texts)}</div>` : ""}
<div class="grid2">
<div>
<section class="card" id="identity">
<p><span class="badge" id="status">${tr(`status.${s.status}`)}</span> ${lateLines(s).map((l) => html`<span class="badge late">${deps.translator.text(c.var.lang, l)}</span> `)}</p>
${queueBody ? html`<p>${tr("review.queue_of", { body: queueBody.name })}</p>` : ""}
${data.lower ? lines(c, deps, lowerLines(data.lower, ctx)) : ""}
${lines(c, deps, summary.identity)}
</section>
<section class="card" id="items"><h2>${tr("web.detail.items")}</h2>
<dl class="items">${deps.rulebook.description.map(
    (item) => html`<dt>${tr(`rb:items.${item.id}.label`)}</dt><dd>${s.description[item.id] ?? "—"}</dd>`,
  )}</dl>
</section>
<section class="card" id="score"><h2>${tr("web.detail.scores")}</h2>${scoreTable(c, deps, s)}</section>
${s.results ? html`<section class="card" id="results"><h2>${tr("review.results_title")}</h2>${lines(c, deps, resultsLines(s, ctx))}</section>` : ""}
<section class="card" id="files"><h2>${tr("web.detail.files")}</h2>${
    s.attachments.length
      ? html`<ul>${s.attachments.map(
          (f, n) =>
            html`<li><a href="${base}/s/${s.id}/files/${n}" target="_blank" rel="noopener">${f.name ?? tr(`web.detail.file_${f.kind}`, { n: n + 1 })}</a></li>`,
        )}</ul>`
      : html`<p class="muted">${tr("web.detail.no_files")}</p>`
  }</section>
</div>
<div>
<section class="card decisions" id="decide"><h2>${tr("web.detail.decide")}</h2>
${Object.keys(votes).length ? html`<p>${tr("review.votes", { recognize: votes.recognize ?? 0, not_recognize: votes.not_recognize ?? 0, return_proposal: votes.return_proposal ?? 0 })}</p>` : ""}
${decisionForms(c, data)}
</section>
${withheldSection(c, data)}
${
  checklist.length
    ? html`<section class="card" id="checklist"><h2>${tr("web.detail.checklist")}</h2>
<p>${deps.translator.text(c.var.lang, checklist[0]!)}</p>
<ul class="checklist">${checklist.slice(1).map((l) => html`<li>${deps.translator.text(c.var.lang, l)}</li>`)}</ul></section>`
    : ""
}
<section class="card" id="history"><h2>${tr("mine.history")}</h2>${
    data.history.length
      ? html`<ul>${data.history.map(
          (e) =>
            html`<li>${deps.translator.text(c.var.lang, historyLine(e, zone))}${changedLines(e).map(
              (l) => html`<div class="muted">${deps.translator.text(c.var.lang, l)}</div>`,
            )}</li>`,
        )}</ul>`
      : html`<p class="muted">${tr("mine.no_history")}</p>`
  }</section>
</div>
</div>`;
  return officerPage(c, `${s.code ?? ""} · ${s.description.model_name ?? ""}`, body, status);
}

function resultNotice(result: DecisionResult): { ok: boolean; texts: Text[] } {
  if (!result.ok) return { ok: false, texts: refusalLines(result) };
  const code = result.submission.code ?? "";
  if (result.outcome === "vote_recorded")
    return {
      ok: true,
      texts: [
        {
          key: "review.vote_recorded",
          params: {
            code,
            action: result.action,
            count: Object.values(result.counts).reduce((a, b) => a + b, 0),
            needed: result.needed,
          },
        },
      ],
    };
  return {
    ok: true,
    texts: [
      { key: "review.decided", params: { code, action: result.action, status: result.submission.status } },
    ],
  };
}

/** What the page says after an action redirected back to it (`?done=`). */
const DONE: Record<string, string> = {
  decided: "web.detail.decided",
  vote: "web.detail.vote_done",
  released: "web.withheld.released",
  kept: "web.withheld.kept",
};

export function detailRoutes(app: Hono<WorkspaceEnv>, deps: SiteDeps): void {
  app.get("/s/:id", async (c) => {
    const data = await review(c, deps);
    if (!data) return errorPage(c, 404, "not_found");
    const done = DONE[c.req.query("done") ?? ""];
    const notice = done ? { ok: true, texts: [{ key: done }] } : undefined;
    return detailPage(c, deps, data, notice);
  });

  app.post("/s/:id/decide", async (c) => {
    const data = await review(c, deps);
    if (!data) return errorPage(c, 404, "not_found");
    const form = decisionForm.safeParse(await c.req.parseBody());
    if (!form.success)
      return errorPage(c, 400, "bad_form", { back: `${c.var.base}/s/${data.submission.id}` });
    const { action, version } = form.data;
    const reason = form.data.reason || null;
    if (NEEDS_REASON.has(action) && (reason?.length ?? 0) < REASON.min)
      return detailPage(c, deps, data, { ok: false, texts: [{ key: "refusal.reason_required" }] }, 400);
    // A decision made meanwhile (in chat, or another tab) is not made twice.
    if (version !== data.submission.version)
      return detailPage(c, deps, data, { ok: false, texts: [{ key: "refusal.changed_meanwhile" }] }, 409);
    const result = await deps.store.transaction((repos) =>
      decide(repos, serviceContext(deps, c.var.officer), { id: data.submission.id, action, reason }),
    );
    if (!result.ok) {
      const fresh = (await review(c, deps)) ?? data;
      return detailPage(c, deps, fresh, resultNotice(result), 409);
    }
    deps.afterChange();
    return c.redirect(
      `${c.var.base}/s/${data.submission.id}?done=${result.outcome === "vote_recorded" ? "vote" : "decided"}`,
      303,
    );
  });

  // An attachment, fetched by the server through its channel: no platform token reaches the browser.
  app.get("/s/:id/files/:n", async (c) => {
    const data = await review(c, deps);
    const n = z.coerce.number().int().min(0).max(100).safeParse(c.req.param("n"));
    const file = data && n.success ? data.submission.attachments[n.data] : undefined;
    if (!file) return errorPage(c, 404, "not_found");
    const adapter = deps.adapters.find((a) => a.channel === file.channel);
    const got = adapter?.download ? await adapter.download(file.ref).catch(() => null) : null;
    if (!got) return errorPage(c, 404, "file_gone");
    const type = file.mime ?? got.mime ?? "application/octet-stream";
    // Images shown inline; anything else downloaded, never rendered as a page of this site.
    const inline = /^image\/(jpeg|png|webp|gif)$/.test(type);
    const name = (file.name ?? `file-${n.data! + 1}`).replace(/[^\p{L}\p{N}._ -]/gu, "_");
    c.header("Content-Type", inline ? type : "application/octet-stream");
    c.header(
      "Content-Disposition",
      `${inline ? "inline" : "attachment"}; filename*=UTF-8''${encodeURIComponent(name)}`,
    );
    c.header("Cache-Control", "private, no-store");
    return c.body(got.data as Uint8Array<ArrayBuffer>);
  });
}

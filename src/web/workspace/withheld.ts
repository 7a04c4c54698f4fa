import type { Context, Hono } from "hono";
import { html } from "hono/html";
import { z } from "zod";
import { decideWithheld, WITHHELD_DECISIONS } from "../../application/services/withheld.ts";
import type { ReviewData } from "../../dialogs/effects.ts";
import type { WithheldFragment } from "../../domain/ports.ts";
import { errorPage, type Html } from "../kit/index.ts";
import type { SiteDeps } from "../site.ts";
import { csrfField } from "./layout.ts";
import { idParam, review } from "./review.ts";
import { serviceContext } from "./service.ts";
import type { WorkspaceEnv } from "./session.ts";

/**
 * The fragments of a published model's texts the scrubber withheld (issue 22), on the model's
 * page for those who may decide on them — an officer or committee member of a body that
 * recognised it: each in its context, released (shown in the gallery) or kept hidden.
 */

const decisionForm = z.object({ decision: z.enum(WITHHELD_DECISIONS) });

/** Where the fragment is on the public page, as the officer reads it. */
function placeOf(c: Context<WorkspaceEnv>, place: string): string {
  const [where, item] = place.split(".");
  return c.var.tr(`web.withheld.places.${where}`, { item });
}

function fragmentItem(c: Context<WorkspaceEnv>, s: ReviewData["submission"], f: WithheldFragment): Html {
  const { tr, base } = c.var;
  const action = `${base}/s/${s.id}/withheld/${f.id}`;
  const button = (decision: string, secondary: boolean) =>
    html`<form method="post" action="${action}" class="inline">${csrfField(c)}<input type="hidden" name="decision" value="${decision}"><button type="submit"${secondary ? html` class="secondary"` : ""}>${tr(`web.withheld.${decision}`)}</button></form>`;
  return html`<li class="withheld" id="fragment-${f.id}">
<p class="muted">${placeOf(c, f.place)} · ${tr(`publication.kinds.${f.kind}`)}</p>
<p>${f.before ? `…${f.before}` : ""}<mark>${f.text}</mark>${f.after ? `${f.after}…` : ""}</p>
<p><span class="badge${f.status === "released" ? " ok" : f.status === "pending" ? " late" : ""}">${tr(`web.withheld.status.${f.status}`)}</span></p>
${f.status !== "released" ? button("release", false) : ""}${f.status !== "kept" ? button("keep", true) : ""}
</li>`;
}

/** The section of the model's page: nothing for those who may not decide, or when nothing is withheld. */
export function withheldSection(c: Context<WorkspaceEnv>, data: ReviewData): Html | "" {
  const fragments = data.withheld ?? [];
  if (!data.canUnpublish || fragments.length === 0) return "";
  return html`<section class="card" id="withheld"><h2>${c.var.tr("web.withheld.title")}</h2>
<p class="muted">${c.var.tr("web.withheld.intro")}</p>
<ul>${fragments.map((f) => fragmentItem(c, data.submission, f))}</ul>
</section>`;
}

export function withheldRoutes(app: Hono<WorkspaceEnv>, deps: SiteDeps): void {
  app.post("/s/:id/withheld/:fragment", async (c) => {
    const data = await review(c, deps);
    if (!data) return errorPage(c, 404, "not_found");
    const back = `${c.var.base}/s/${data.submission.id}`;
    const form = decisionForm.safeParse(await c.req.parseBody());
    const fragment = idParam.safeParse(c.req.param("fragment"));
    if (!form.success || !fragment.success) return errorPage(c, 400, "bad_form", { back });
    const result = await deps.store.transaction((repos) =>
      decideWithheld(repos, serviceContext(deps, c.var.officer), {
        id: data.submission.id,
        fragmentId: fragment.data,
        decision: form.data.decision,
      }),
    );
    if (!result.ok)
      return result.refusal === "not_allowed"
        ? errorPage(c, 403, "not_allowed", { back })
        : errorPage(c, 404, "not_found", { back });
    return c.redirect(`${back}?done=${result.decision === "release" ? "released" : "kept"}#withheld`, 303);
  });
}

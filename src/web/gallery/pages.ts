import { html, raw } from "hono/html";
import type { GalleryEntry, GalleryStatistics } from "../../domain/gallery.ts";
import type { GalleryFacets } from "../../domain/ports.ts";
import { HIDDEN } from "../../domain/scrub/scrub.ts";
import { DESCRIPTION_ITEMS, type Description, FIELD_IDS, TIERS } from "../../domain/types.ts";
import type { Html, Texts } from "../kit/index.ts";
import { PAGE_SIZE, type SearchForm, searchUrl } from "./query.ts";

/** The pages of the public gallery: nothing here may show more than a GalleryEntry holds. */

const selected = (on: boolean) => (on ? raw(" selected") : "");

export function place(e: Pick<GalleryEntry, "communeName" | "provinceName">): string {
  return [e.communeName, e.provinceName].filter(Boolean).join(", ");
}

/** Who carried the model out, as the public sees it: the collective, or its kind for an individual. */
export function unitOf(e: GalleryEntry, tr: Texts): string {
  return (
    e.unitName ?? (e.unitCategory ? tr(`rb:categories.${e.unitCategory}`) : tr("gallery_web.individual"))
  );
}

export function searchPage(input: {
  tr: Texts;
  base: string;
  form: SearchForm;
  facets: GalleryFacets;
  items: GalleryEntry[];
  total: number;
  capped: boolean;
}): Html {
  const { tr, base, form, facets } = input;
  const province = facets.provinces.find((p) => p.code === form.province);
  const pages = Math.min(50, Math.ceil(input.total / PAGE_SIZE));
  const current = form.page ?? 1;
  return html`<section class="card">
<h1>${tr("gallery_web.title")}</h1>
<p class="muted">${tr("gallery_web.intro")}</p>
<form method="get" action="${base}" class="filters gallery-filters" role="search">
<div class="wide"><label for="q">${tr("gallery_web.words")}</label>
<input id="q" name="q" type="search" value="${form.q ?? ""}" maxlength="100" placeholder="${tr("gallery_web.words_hint")}"></div>
<div><label for="field">${tr("gallery_web.field")}</label>
<select id="field" name="field"><option value="">${tr("gallery_web.any")}</option>
${FIELD_IDS.map((f) => html`<option value="${f}"${selected(form.field === f)}>${tr(`rb:fields.${f}.name`)}</option>`)}
</select></div>
<div><label for="province">${tr("gallery_web.province")}</label>
<select id="province" name="province"><option value="">${tr("gallery_web.any")}</option>
${facets.provinces.map((p) => html`<option value="${p.code}"${selected(form.province === p.code)}>${p.name}</option>`)}
</select></div>
${
  province
    ? html`<div><label for="commune">${tr("gallery_web.commune")}</label>
<select id="commune" name="commune"><option value="">${tr("gallery_web.any")}</option>
${province.communes.map((c) => html`<option value="${c.code}"${selected(form.commune === c.code)}>${c.name}</option>`)}
</select></div>`
    : ""
}
<div><label for="tier">${tr("gallery_web.tier")}</label>
<select id="tier" name="tier"><option value="">${tr("gallery_web.any")}</option>
${TIERS.map((t) => html`<option value="${t}"${selected(form.tier === t)}>${tr(`gallery_web.tiers.${t}`)}</option>`)}
</select></div>
<div><label for="year">${tr("gallery_web.year")}</label>
<select id="year" name="year"><option value="">${tr("gallery_web.any")}</option>
${facets.years.map((y) => html`<option value="${y}"${selected(form.year === y)}>${y}</option>`)}
</select></div>
<div class="actions"><button type="submit">${tr("gallery_web.search")}</button>
<a class="button secondary" href="${base}">${tr("gallery_web.clear")}</a></div>
</form>
${province && !form.commune ? html`<p class="muted">${tr("gallery_web.commune_hint")}</p>` : ""}
</section>
<section aria-labelledby="results">
<h2 id="results">${
    input.capped
      ? tr("gallery_web.found_many", { count: input.total })
      : tr("gallery_web.found", { count: input.total })
  }</h2>
${input.items.length ? html`<ul class="models">${input.items.map((e) => modelCard(e, tr, base))}</ul>` : html`<p>${tr("gallery_web.none")}</p>`}
${
  pages > 1
    ? html`<nav class="pager" aria-label="${tr("gallery_web.pages")}">
${current > 1 ? html`<a href="${searchUrl(base, form, { page: current - 1 })}" rel="prev">${tr("gallery_web.prev")}</a>` : ""}
<span>${tr("gallery_web.page_of", { page: current, pages })}</span>
${current < pages ? html`<a href="${searchUrl(base, form, { page: current + 1 })}" rel="next">${tr("gallery_web.next")}</a>` : ""}
</nav>`
    : ""
}
<p><a href="${base}/thong-ke">${tr("gallery_web.stats_link")}</a></p>
</section>`;
}

function modelCard(e: GalleryEntry, tr: Texts, base: string): Html {
  return html`<li class="card model">
<h3><a href="${base}/${e.slug}">${e.name}</a></h3>
<p class="muted">${unitOf(e, tr)} · ${place(e)}</p>
<p><span class="badge">${tr(`rb:fields.${e.field}.name`)}</span> <span class="badge ok">${tr(`gallery_web.tiers.${e.tier}`)} ${e.year}</span></p>
</li>`;
}

export function modelPage(e: GalleryEntry, tr: Texts, base: string): Html {
  return html`<article class="card">
<p><a href="${base}">${tr("gallery_web.back")}</a></p>
<h1>${e.name}</h1>
<dl class="items facts">
<dt>${tr("gallery_web.unit")}</dt><dd>${unitOf(e, tr)}</dd>
<dt>${tr("gallery_web.place")}</dt><dd>${place(e) || "—"}</dd>
<dt>${tr("gallery_web.field")}</dt><dd>${tr(`rb:fields.${e.field}.name`)}</dd>
<dt>${tr("gallery_web.recognition")}</dt><dd>${tr("gallery_web.recognised_by", { tier: tr(`gallery_web.tiers.${e.tier}`), year: e.year, body: e.bodyName })}</dd>
<dt>${tr("gallery_web.code")}</dt><dd>${e.code}</dd>
</dl>
${
  e.photos.length
    ? html`<div class="photos">${e.photos.map(
        (_, i) =>
          html`<img src="${base}/anh/${e.slug}/${i + 1}" alt="${tr("gallery_web.photo_alt", { n: i + 1, name: e.name })}" loading="lazy" width="480">`,
      )}</div>`
    : ""
}
${items(e.description, tr)}
${
  e.results
    ? html`<h2>${tr("gallery_web.results")}</h2>
${items(e.results.outcomes, tr)}
${e.results.figures ? html`<p><strong>${tr("gallery_web.figures")}</strong> ${withHidden(e.results.figures, tr)}</p>` : ""}`
    : ""
}
</article>`;
}

/** A text with its hidden parts ("[…]") saying, on hover and to screen readers, why they are hidden. */
function withHidden(text: string, tr: Texts): Html {
  const pieces = text.split(HIDDEN);
  return html`${pieces.map((piece, i) =>
    i === 0
      ? piece
      : html`<abbr class="hidden-part" title="${tr("gallery_web.hidden")}">${HIDDEN}</abbr>${piece}`,
  )}`;
}

function items(record: Description, tr: Texts): Html {
  return html`<dl class="items">
${DESCRIPTION_ITEMS.filter((item) => item !== "model_name" && record[item]).map(
  (item) => html`<dt>${tr(`rb:items.${item}.label`)}</dt><dd>${withHidden(record[item]!, tr)}</dd>`,
)}
</dl>`;
}

/** Open Graph and description tags: a shared link shows a card with the model's photo. */
export function modelHead(e: GalleryEntry, tr: Texts, url: string, imageUrl: string | null): Html {
  const description = `${unitOf(e, tr)} · ${place(e)} · ${tr(`rb:fields.${e.field}.name`)} · ${tr(`gallery_web.tiers.${e.tier}`)} ${e.year}`;
  return html`<meta name="description" content="${description}">
<link rel="canonical" href="${url}">
<meta property="og:type" content="article">
<meta property="og:title" content="${e.name}">
<meta property="og:description" content="${description}">
<meta property="og:url" content="${url}">
<meta property="og:site_name" content="${tr("gallery_web.title")}">
${imageUrl ? html`<meta property="og:image" content="${imageUrl}"><meta name="twitter:card" content="summary_large_image">` : html`<meta name="twitter:card" content="summary">`}`;
}

/** Bars as inline SVG (no script, no image request), with the table beside them for screen readers. */
function bars(title: string, rows: { label: string; count: number }[], id: string): Html {
  const max = Math.max(1, ...rows.map((r) => r.count));
  const height = 28;
  const width = 640;
  const labelWidth = 230;
  return html`<figure class="chart" aria-labelledby="${id}">
<figcaption id="${id}">${title}</figcaption>
<svg viewBox="0 0 ${width} ${rows.length * height + 4}" role="img" aria-label="${title}" class="bars">
${rows.map((r, i) => {
  const w = Math.round(((width - labelWidth - 60) * r.count) / max);
  const y = i * height + 2;
  return html`<text x="0" y="${y + 18}" class="bar-label">${r.label}</text>
<rect x="${labelWidth}" y="${y + 4}" width="${w}" height="${height - 10}" class="bar"></rect>
<text x="${labelWidth + w + 6}" y="${y + 18}" class="bar-value">${r.count}</text>`;
})}
</svg>
<table><thead><tr><th scope="col">${title}</th><th scope="col" class="num">#</th></tr></thead>
<tbody>${rows.map((r) => html`<tr><td>${r.label}</td><td class="num">${r.count}</td></tr>`)}</tbody></table>
</figure>`;
}

export function statisticsPage(s: GalleryStatistics, tr: Texts, base: string): Html {
  return html`<section class="card">
<p><a href="${base}">${tr("gallery_web.back")}</a></p>
<h1>${tr("gallery_web.stats_title")}</h1>
<p>${tr("gallery_web.stats_total", { count: s.total })}</p>
${bars(
  tr("gallery_web.by_field"),
  s.byField.map((f) => ({ label: tr(`rb:fields.${f.key}.name`), count: f.count })),
  "by-field",
)}
${bars(
  tr("gallery_web.by_tier"),
  s.byTier.map((t) => ({ label: tr(`gallery_web.tiers.${t.key}`), count: t.count })),
  "by-tier",
)}
${bars(
  tr("gallery_web.by_year"),
  s.byYear.map((y) => ({ label: String(y.key), count: y.count })),
  "by-year",
)}
${bars(
  tr("gallery_web.by_province"),
  s.byProvince.map((p) => ({ label: p.name, count: p.count })),
  "by-province",
)}
</section>`;
}

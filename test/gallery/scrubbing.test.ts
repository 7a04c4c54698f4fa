// Publication scrubbing that cannot be fooled (issue 22): 1,000 generated recognised models with
// their contacts', registrants' and other people's names, phones, e-mail addresses and street
// addresses planted in every public text (name, unit, each description item, results, figures)
// in many writings, published through the service; then every public page — each model's, the
// search for the planted words, the statistics, the sitemap — fetched from the gallery's own app,
// and none may show any of it, in its body, its <title> or its meta tags. Seeded: the seed is
// printed, and SCRUB_SEED=<n> runs the same models again.
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { publishModel } from "../../src/application/services/gallery.ts";
import { formatSubmissionCode } from "../../src/domain/submission-code.ts";
import { cleanText, fold } from "../../src/domain/text.ts";
import { DESCRIPTION_ITEMS, FIELD_IDS, type Submission, TIERS } from "../../src/domain/types.ts";
import { gallery, sitemap } from "../../src/web/gallery/index.ts";
import { databaseKinds } from "../storage/databases.ts";
import { useApp } from "../support/app.ts";
import { completeDraft } from "../support/fixtures.ts";
import { siteDepsOf } from "../support/serving.ts";
import {
  address,
  addressWriting,
  emailWriting,
  FAMILY,
  GIVEN,
  type Needle,
  nameWriting,
  otherName,
  person,
  phoneWriting,
  prng,
  type Random,
} from "./planted.ts";

const MODELS = 1000;
const seed = Number(process.env.SCRUB_SEED ?? Math.floor(Math.random() * 2 ** 31));
console.log(`publication scrubbing: seed ${seed} (SCRUB_SEED=${seed} to run these models again)`);

const FILLER = [
  "Người dân cùng làm, mỗi hộ góp công sức.",
  "Huy động được 350 ngày công và 45 triệu đồng.",
  "Các hộ ký cam kết giữ vệ sinh chung.",
  "Sơ kết sau 6 tháng, tổng kết cuối năm.",
  "Con đường sạch đẹp hơn, bà con phấn khởi.",
  "Mô hình được các xã lân cận học tập.",
  "Chi bộ lãnh đạo, các đoàn thể phối hợp.",
];
const LEADS = ["Liên hệ", "Người phụ trách:", "Mọi việc do", "Thắc mắc xin gọi", "Gặp"];
const TOPICS = ["Đường hoa", "Môi trường xanh", "Camera an ninh", "Lúa hữu cơ", "Bữa cơm nghĩa tình"];
const LOCALITIES = ["NB-TP-NN", "NB-HL-TY", "NB-TP-DT", "NB-HL-NH"];

interface Planted {
  s: Submission;
  display: string;
  needles: Needle[];
  /** Words a curious visitor would search for. */
  queries: string[];
}

/** The i-th model: its people, and a writing of their data in every public text. */
function model(r: Random, i: number): Planted {
  const contact = person(r);
  const individual = r.chance(0.25);
  const own = individual ? (r.chance(0.5) ? contact : person(r)) : null;
  // The registrant's name as their chat account shows it: a middle and a given name.
  const display = person(r).name.split(" ").slice(1).join(" ");
  const where = address(r);
  const needles: Needle[] = [];
  const plant = (writing: { text: string; needles: Needle[] }) => {
    needles.push(...writing.needles);
    return writing.text;
  };
  // One piece of personal data, in one of its writings (a unit's public name may hold its hamlet:
  // "Chi bộ thôn Đông" is how the public knows it — so no address there).
  const personal = (inUnitName = false): string => {
    const someone = person(r);
    const pickers = [
      () => plant(nameWriting(r, contact.name)),
      () => plant(nameWriting(r, display)),
      () => plant(own ? nameWriting(r, own.name) : nameWriting(r, contact.name)),
      () => plant(otherName(r)),
      () => plant(phoneWriting(r, contact.phone)),
      () => plant(phoneWriting(r, someone.phone)),
      () => plant(emailWriting(r, r.chance(0.5) ? contact.name : someone.name)),
      () => plant(addressWriting(r, where)),
    ];
    return r.pick(inUnitName ? pickers.slice(0, -1) : pickers)();
  };
  // Someone's name with no honorific, as a sentence starts: withheld, so not shown either.
  const unsure = () => {
    const name = `${r.pick(FAMILY)} ${person(r).name.split(" ").slice(1).join(" ")}`;
    needles.push({ words: fold(name) });
    return `${name} phụ trách.`;
  };
  const text = () =>
    `${r.pick(FILLER)} ${r.pick(LEADS)} ${personal()}. ${r.chance(0.3) ? unsure() : r.pick(FILLER)} ${r.chance(0.5) ? `Ngoài ra ${personal()} cùng tham gia.` : ""}`.trim();
  const base = completeDraft();
  const description = Object.fromEntries(
    DESCRIPTION_ITEMS.map((item) => [item, item === "model_name" ? "" : text()]),
  ) as Submission["description"];
  description.model_name = `${r.pick(TOPICS)} của ${personal()}`;
  const year = 2022 + (i % 5);
  const s = completeDraft({
    id: `m-${i}`,
    code: formatSubmissionCode(year, 10_000 + i),
    status: "recognized",
    registrantId: `pending-${i}`,
    field: FIELD_IDS[i % FIELD_IDS.length]!,
    tier: TIERS[i % TIERS.length]!,
    cycleYear: year,
    localityCode: LOCALITIES[i % LOCALITIES.length]!,
    bodyCode: LOCALITIES[i % LOCALITIES.length]!,
    queueBodyCode: LOCALITIES[i % LOCALITIES.length]!,
    registrantKind: individual ? "individual" : "collective",
    unitName: own ? own.name : r.chance(0.3) ? `Tổ tự quản của ${personal(true)}` : `Chi hội Phụ nữ ${i}`,
    address: where.text,
    contactName: contact.name,
    contactPhone: contact.phone,
    decidedAt: new Date(Date.UTC(year, 9, 5)),
    description,
    results: {
      outcomes: { outputs: text(), sustainability: text() },
      figures: `${r.int(20, 900)} hộ tham gia; ${personal()}`,
      scores: base.scores,
      attachments: [],
      late: false,
    },
  });
  return {
    s,
    display,
    needles,
    queries: [
      contact.name,
      fold(contact.name),
      contact.phone,
      `${where.house} ${where.street}`,
      where.hamlet,
    ],
  };
}

const decode = (html: string) =>
  html
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");

/** What a page shows, as a reader could find it: its words folded (every run of one to five), and its numbers' digits. */
function readable(html: string): { words: Set<string>; digits: Set<string> } {
  const text = cleanText(decode(html));
  const words = fold(text)
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
  const grams = new Set<string>();
  for (let i = 0; i < words.length; i++)
    for (let n = 1; n <= 5 && i + n <= words.length; n++) grams.add(words.slice(i, i + n).join(" "));
  const digits = new Set<string>();
  for (const run of text.match(/\d(?:[\s.\-()+/]{0,4}\d)*/g) ?? []) {
    const d = run.replace(/\D/g, "");
    for (let i = 0; i + 9 <= d.length; i++) digits.add(d.slice(i, i + 9));
  }
  return { words: grams, digits };
}

function shown(html: string, needles: readonly Needle[]): Needle[] {
  const page = readable(html);
  return needles.filter((n) => ("words" in n ? page.words.has(n.words) : page.digits.has(n.digits)));
}

describe("publication scrubbing, 1,000 generated models", () => {
  const app = useApp(databaseKinds[0]!);
  const models: Planted[] = [];
  let fetchPage: (path: string) => Promise<{ status: number; html: string }>;

  beforeAll(async () => {
    const a = app();
    const r = prng(seed);
    for (let i = 0; i < MODELS; i++) models.push(model(r, i));
    const at = a.clock();
    const noticeVersion = a.translator.noticeVersion;
    for (let from = 0; from < MODELS; from += 100)
      await a.store.transaction(async (repos) => {
        for (const m of models.slice(from, from + 100)) {
          const { person: p } = await repos.people.identify({
            channel: "test",
            externalId: m.s.id,
            chatId: m.s.id,
            displayName: m.display,
            language: "vi",
            at,
          });
          m.s.registrantId = p.id;
          await repos.consents.give({
            personId: p.id,
            purpose: "publication",
            noticeVersion,
            channel: "test",
            at,
          });
          await repos.submissions.create(m.s);
          const published = await publishModel(
            repos,
            { personId: p.id, noticeVersion, now: at, newId: randomUUID, tree: a.tree },
            { id: m.s.id, photos: [] },
          );
          expect(published.ok, `seed ${seed}, ${m.s.code}`).toBe(true);
        }
      });
    const deps = siteDepsOf(a);
    const sites = [gallery.create(deps), sitemap.create(deps)];
    fetchPage = async (path) => {
      const site = sites.find((m) => path.startsWith(m.prefix))!;
      const res = await site.fetch(new Request(`http://gallery.test${path}`), {
        clientAddress: "203.0.113.1",
      });
      return { status: res.status, html: await res.text() };
    };
  }, 120_000);

  it("plants only given names no page shows otherwise", async () => {
    // A page of a model without anything personal in it: its template, labels and places.
    const { html } = await fetchPage("/mo-hinh/thong-ke");
    const page = readable(html);
    expect(GIVEN.map(fold).filter((g) => page.words.has(g))).toEqual([]);
  });

  it("shows none of it on any model's page: body, <title>, Open Graph and meta tags", async () => {
    const problems: string[] = [];
    for (const m of models) {
      const { status, html } = await fetchPage(`/mo-hinh/${m.s.code!.toLowerCase()}`);
      expect(status, `seed ${seed}, ${m.s.code}`).toBe(200);
      for (const n of shown(html, m.needles)) problems.push(`${m.s.code}: ${JSON.stringify(n)}`);
    }
    expect(problems, `seed ${seed}`).toEqual([]);
  }, 120_000);

  it("shows none of it in the search for the planted words, the statistics or the sitemap", async () => {
    const all = models.flatMap((m) => m.needles);
    const pages = ["/mo-hinh/thong-ke", "/sitemap.xml", "/mo-hinh", "/mo-hinh?page=2"];
    for (const m of models.filter((_, i) => i % 25 === 0))
      for (const q of m.queries) pages.push(`/mo-hinh?${new URLSearchParams({ q })}`);
    const problems: string[] = [];
    for (const path of pages) {
      const { status, html } = await fetchPage(path);
      expect(status, path).toBe(200);
      // The search box and the pager repeat the query typed: what the visitor wrote, not the gallery's data.
      const page = html.replace(/<input id="q"[^>]*>/g, "").replace(/href="[^"]*"/g, "");
      for (const n of shown(page, all)) problems.push(`${path}: ${JSON.stringify(n)}`);
    }
    expect(problems, `seed ${seed}`).toEqual([]);
  }, 120_000);

  it("withheld what it was unsure of, waiting for an officer: stored, never published", async () => {
    const a = app();
    const withheld = await a.store.withheld.ofModel(models[0]!.s.id);
    const entry = (await a.store.gallery.byCode(models[0]!.s.code!))!;
    for (const f of withheld) {
      expect(f.status).toBe("pending");
      expect(JSON.stringify(entry)).not.toContain(f.text);
    }
  });
});

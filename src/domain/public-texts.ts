import { splitLocality } from "./admin-units.ts";
import type { OrgTree } from "./org.ts";
import type { ScrubKind } from "./scrub/found.ts";
import { fragmentKey, looksLikePersonName } from "./scrub/names.ts";
import { contextOf, type PersonalFacts, type Scrubbed } from "./scrub/scrub.ts";
import type { Submission } from "./types.ts";

/**
 * A recognised model's public texts (issue 22): what the scrubber knows of the model, each text
 * the gallery shows scrubbed, in the order a page shows them, and the fragments it withheld.
 */

/**
 * What the scrubber knows of a model: the names and numbers of its contacts, an individual's own
 * name, the registrant's name (`registrant`, when it reads as a person's), the addresses; a
 * collective's name and the model's places, which are public.
 */
export function publicationFacts(
  chain: readonly Submission[],
  tree: OrgTree,
  registrant: string | null = null,
): PersonalFacts {
  const top = chain.at(-1)!;
  const present = (v: string | null | undefined): v is string => !!v?.trim();
  const individual = (s: Submission) => s.registrantKind === "individual";
  return {
    names: [
      ...chain.flatMap((s) => [s.contactName, individual(s) ? s.unitName : null]),
      registrant && looksLikePersonName(registrant) ? registrant : null,
    ].filter(present),
    phones: chain.map((s) => s.contactPhone).filter(present),
    addresses: chain.map((s) => s.address).filter(present),
    publicNames: chain.flatMap((s) => (individual(s) ? [] : [s.unitName])).filter(present),
    places: (top.localityCode ? tree.lineage(top.localityCode) : []).flatMap((u) => [
      u.locality,
      splitLocality(u.locality, u.tier).name,
    ]),
  };
}

/** Every text of a model the public sees, scrubbed, by where it is shown. */
export interface PublicTexts {
  name: Scrubbed;
  /** A collective's name (an individual's is never shown). */
  unit: Scrubbed | null;
  description: Record<string, Scrubbed>;
  outcomes: Record<string, Scrubbed>;
  figures: Scrubbed | null;
}

/** The texts of a record but its name, each scrubbed, in the record's order. */
function scrubRecord(
  record: Record<string, string | undefined>,
  scrub: (text: string) => Scrubbed,
): Record<string, Scrubbed> {
  return Object.fromEntries(
    Object.entries(record).flatMap(([k, v]) => (k !== "model_name" && v?.trim() ? [[k, scrub(v)]] : [])),
  );
}

/** The public texts of the submission a model's entry shows. */
export function publicTexts(s: Submission, scrub: (text: string) => Scrubbed): PublicTexts {
  return {
    name: scrub(s.description.model_name ?? ""),
    unit: s.registrantKind !== "individual" && s.unitName ? scrub(s.unitName) : null,
    description: scrubRecord(s.description, scrub),
    outcomes: scrubRecord(s.results?.outcomes ?? {}, scrub),
    figures: s.results?.figures?.trim() ? scrub(s.results.figures) : null,
  };
}

/** The public texts in the order a page shows them, each with where: `name`, `unit`, `description.goals`… */
export function textsInOrder(t: PublicTexts): { place: string; text: Scrubbed }[] {
  return [
    { place: "name", text: t.name },
    ...(t.unit ? [{ place: "unit", text: t.unit }] : []),
    ...Object.entries(t.description).map(([k, text]) => ({ place: `description.${k}`, text })),
    ...Object.entries(t.outcomes).map(([k, text]) => ({ place: `outcomes.${k}`, text })),
    ...(t.figures ? [{ place: "figures", text: t.figures }] : []),
  ];
}

/** A fragment of a published model's texts the scrubber was unsure of, as the model's texts have it now. */
export interface WithheldCandidate {
  /** What it is known by (folded): the same words anywhere in the model's texts are one fragment. */
  key: string;
  /** Where it first occurs: `name`, `unit`, `description.<item>`, `outcomes.<item>`, `figures`. */
  place: string;
  kind: ScrubKind;
  text: string;
  /** The public text around it. */
  before: string;
  after: string;
}

/** The fragments withheld (or released by an officer) in a model's texts: each once, where first seen. */
export function withheldCandidates(texts: PublicTexts): WithheldCandidate[] {
  const seen = new Map<string, WithheldCandidate>();
  for (const { place, text } of textsInOrder(texts))
    for (const f of [...text.withheld, ...text.released]) {
      const key = fragmentKey(f.text);
      if (!seen.has(key)) seen.set(key, { key, place, kind: f.kind, text: f.text, ...contextOf(text, f) });
    }
  return [...seen.values()];
}

import { HIDDEN } from "../../domain/scrub/scrub.ts";
import type { PublicationData } from "../effects.ts";
import { type Text, t } from "../view.ts";

/**
 * The public page's texts as the registrant reads them before publishing (issue 22): exactly what
 * the public will see, each hidden part numbered, and under them what each number hides — removed
 * for good (a phone number, a name…) or withheld until an officer confirms it.
 */

const SUPERSCRIPT = "⁰¹²³⁴⁵⁶⁷⁸⁹";
/** The number a hidden part is marked with: "[…]⁽¹⁾". */
const mark = (n: number) => `⁽${[...String(n)].map((d) => SUPERSCRIPT[Number(d)]).join("")}⁾`;

/** A text's line, by where the page shows it (`name`, `unit`, `figures`, `description.<item>`, `outcomes.<item>`). */
function placeLine(place: string, value: string): Text {
  const [where, item] = place.split(".");
  if (where === "description") return t("publication.preview_item", { item, value });
  if (where === "outcomes") return t("publication.preview_outcome", { item, value });
  return t(`publication.preview_${where}`, { value });
}

export function previewLines(data: PublicationData): Text[] {
  const lines = [t("publication.preview_title")];
  const notes: Text[] = [];
  for (const { place, parts } of data.preview) {
    let value = "";
    for (const p of parts) {
      if (!("hidden" in p)) {
        value += p.text;
        continue;
      }
      const n = mark(notes.length + 1);
      value += `${HIDDEN}${n}`;
      notes.push(t(`publication.preview_${p.hidden}`, { n, value: p.text, kind: p.kind }));
    }
    lines.push(placeLine(place, value));
  }
  lines.push(
    ...(notes.length ? [t("publication.preview_hidden"), ...notes] : [t("publication.preview_clean")]),
  );
  return lines;
}

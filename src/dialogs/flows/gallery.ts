import type { GallerySearch } from "../effects.ts";
import type { FlowModule, Next } from "../flow.ts";
import { type Text, t, type View } from "../view.ts";

/** /thuvien: the public gallery searched by words, the best matches with their pages. */
export interface GalleryFlow {
  name: "gallery";
  step: "ask" | "searching";
}

const WORDS = { min: 2, max: 100 };

function searching(query: string): Next<GalleryFlow> {
  return { flow: { name: "gallery", step: "searching" }, effects: [{ type: "search_gallery", query }] };
}

function found(result: GallerySearch): View {
  if (result.items.length === 0)
    return { text: [t("gallery.none", { url: result.url })], expects: { kind: "none" } };
  const lines: Text[] = [
    t("gallery.found", { count: result.items.length, total: result.total }),
    ...result.items.map((item, i) => t("gallery.item", { n: i + 1, ...item })),
    t("gallery.more", { url: result.url }),
  ];
  return { text: lines, expects: { kind: "none" } };
}

export const gallery: FlowModule<GalleryFlow> = {
  name: "gallery",
  command: {
    name: "gallery",
    words: ["thuvien", "gallery"],
    menu: true,
    who: "anyone",
    mode: "open",
    takesArgument: true,
  },
  start: (request) =>
    request.args.trim().length >= WORDS.min
      ? searching(request.args.trim())
      : { flow: { name: "gallery", step: "ask" } },
  waiting: (flow) => flow.step === "searching",
  prompt: () => [{ text: [t("gallery.ask")], expects: { kind: "text", ...WORDS } }],
  answer(flow, answer) {
    if (answer.kind === "result")
      return answer.effect === "search_gallery" ? { flow: null, views: [found(answer.value)] } : { flow };
    if (answer.kind !== "text") return { flow, error: t("input.need_text") };
    return searching(answer.text);
  },
};

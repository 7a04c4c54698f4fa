import { hasConsent } from "../../domain/privacy.ts";
import type { PublicationData } from "../effects.ts";
import type { DialogContext, FlowModule, Next, Outcome } from "../flow.ts";
import { raw, say, t, type View } from "../view.ts";
import { previewLines } from "./publication-preview.ts";

/**
 * A recognised model offered to the public gallery (the buttons of the recognition's message, or
 * /hoso): the publication's own consent (Law 91/2025: separate, never bundled); then the public
 * page's texts as they will be shown, what is hidden in them marked, with the photos to mark
 * public; published only when the registrant confirms, then the model's page. Also hands out the
 * certificate from that message.
 */
export interface PublicationFlow {
  name: "publication";
  id: string;
  step: "loading" | "consent" | "preview" | "working";
  data: PublicationData | null;
  /** Indices of the photos marked public. */
  chosen: number[];
}

export function openPublication(id: string): Outcome<PublicationFlow> {
  return {
    flow: { name: "publication", id, step: "loading", data: null, chosen: [] },
    effects: [{ type: "load_publication", id }],
  };
}

/** The certificate of a recognised model, sent as a PDF. */
export function sendCertificate(id: string): Outcome<PublicationFlow> {
  return {
    flow: { name: "publication", id, step: "working", data: null, chosen: [] },
    effects: [{ type: "build_document", kind: "certificate", id }],
  };
}

function publish(flow: PublicationFlow): Next<PublicationFlow> {
  return {
    flow: { ...flow, step: "working" },
    effects: [{ type: "publish_model", id: flow.id, photos: flow.chosen }],
  };
}

/** After the consent: the preview, with the photos to choose; published when confirmed. */
const preview = (flow: PublicationFlow): PublicationFlow => ({ ...flow, step: "preview" });

const end = (views: View[]): Next<PublicationFlow> => ({ flow: null, views });

export const publication: FlowModule<PublicationFlow> = {
  name: "publication",
  actions: ["publish", "certificate"],
  action: (action, target) => (action === "certificate" ? sendCertificate(target) : openPublication(target)),
  waiting: (flow) => flow.step === "loading" || flow.step === "working",
  prompt(flow, ctx) {
    const data = flow.data;
    if (!data) return [];
    if (flow.step === "consent")
      return [
        {
          text: [
            t("publication.offer", { code: data.code, name: data.name }),
            t("notice:publication", { version: ctx.noticeVersion }),
            t("publication.ask"),
          ],
          choices: [
            { id: "agree", label: t("publication.agree") },
            { id: "decline", label: t("publication.decline") },
          ],
          expects: { kind: "choice" },
        },
      ];
    return [
      {
        text: [
          ...previewLines(data),
          ...(data.photos.length ? [t("publication.photos", { count: data.photos.length })] : []),
          t("publication.confirm"),
        ],
        choices: [
          ...data.photos.map((name, i) => ({
            id: `photo:${i}`,
            label: t(flow.chosen.includes(i) ? "publication.photo_on" : "publication.photo_off", {
              n: i + 1,
              name,
            }),
          })),
          { id: "publish", label: t("publication.publish", { count: flow.chosen.length }), nav: true },
          { id: "cancel", label: t("publication.cancel"), nav: true },
        ],
        expects: { kind: "choice" },
      },
    ];
  },
  answer(flow, answer, ctx: DialogContext) {
    if (answer.kind === "result") {
      if (answer.effect === "build_document")
        return answer.value
          ? end([{ text: [t("docs.sent")], files: answer.value.files, expects: { kind: "none" } }])
          : end([say("docs.unavailable")]);
      if (answer.effect === "publish_model")
        return answer.value.ok
          ? end([say("publication.published", { url: answer.value.url })])
          : end([say(`publication.refused_${answer.value.refusal}`)]);
      if (answer.effect !== "load_publication") return { flow };
      const data = answer.value;
      if (!data) return end([say("publication.not_yours")]);
      if (data.url) return end([say("publication.already", { url: data.url })]);
      const loaded: PublicationFlow = { ...flow, data, step: "consent" };
      return {
        flow: hasConsent(ctx.person.consents, "publication", ctx.noticeVersion) ? preview(loaded) : loaded,
      };
    }
    if (answer.kind !== "choice") return { flow, error: t("input.choose") };
    if (flow.step === "consent") {
      if (answer.id === "decline")
        return {
          ...end([say("publication.declined")]),
          effects: [{ type: "decline_consent", purpose: "publication" }],
          answered: t("publication.decline"),
        };
      if (answer.id !== "agree") return { flow, error: t("input.choose") };
      return {
        flow: preview(flow),
        effects: [{ type: "give_consent", purpose: "publication", noticeVersion: ctx.noticeVersion }],
        answered: t("publication.agree"),
      };
    }
    if (answer.id === "publish") return { ...publish(flow), answered: raw("✓") };
    if (answer.id === "cancel")
      return { ...end([say("publication.cancelled")]), answered: t("publication.cancel") };
    const photo = /^photo:(\d+)$/.exec(answer.id);
    const index = photo ? Number(photo[1]) : -1;
    if (!flow.data?.photos[index]) return { flow, error: t("input.choose") };
    const chosen = flow.chosen.includes(index)
      ? flow.chosen.filter((i) => i !== index)
      : [...flow.chosen, index];
    return { flow: { ...flow, chosen: chosen.sort((a, b) => a - b) } };
  },
};

import type { OrgTree } from "../../domain/org.ts";
import type { Rulebook } from "../../domain/rulebook/schema.ts";
import type { Language, Submission } from "../../domain/types.ts";
import type { Translator } from "../i18n.ts";
import { words } from "../reports/labels.ts";
import { committeeSignature, issuerLine, nationalHeading, placeAndDate, provincePlace } from "./heading.ts";
import type { Block, OfficialDocument } from "./layout.ts";
import { renderPdf } from "./pdf.ts";

/**
 * The certificate of recognition (giấy chứng nhận) a steering committee gives a recognised model:
 * the model, its unit and place, the tier and year it is recognised at, the committee, the date of
 * the decision; landscape, framed, signed on behalf of the committee.
 */

export interface CertificateInput {
  /** A recognised submission: the registration, or the proposal recognised at an upper tier. */
  submission: Submission;
  rulebook: Rulebook;
  tree: OrgTree;
  translator: Translator;
  language: Language;
}

function certificateDocument(input: CertificateInput): OfficialDocument {
  const { submission: s, rulebook, tree } = input;
  const body = s.bodyCode === null ? undefined : tree.get(s.bodyCode);
  if (s.status !== "recognized" || !body || !s.tier || !s.decidedAt)
    throw new Error(`submission ${s.id} is not a recognised model: no certificate`);
  const w = words(
    { from: s.cycleYear, to: s.cycleYear, timeZone: rulebook.timeZone },
    input.translator,
    input.language,
  );
  const centred = (text: string, o: { bold?: boolean; italic?: boolean; large?: boolean } = {}): Block => ({
    kind: "paragraph",
    runs: [{ text, bold: o.bold, italic: o.italic }],
    align: "center",
    ...(o.large ? { size: "large" } : {}),
  });
  const place = s.localityCode ? tree.placeLabel(s.localityCode) : "";
  return {
    name: w.t("document.certificate.name", { code: s.code ?? "" }).trim(),
    orientation: "landscape",
    issuer: [issuerLine(body.name)],
    ...nationalHeading(w),
    placeAndDate: placeAndDate(w, provincePlace(tree, body.code), s.decidedAt, rulebook.timeZone),
    dateAt: "signature",
    title: [w.t("document.certificate.title")],
    body: [
      centred(w.t("document.committee", { body: body.name }), { bold: true }),
      centred(w.t("document.certificate.certifies")),
      centred(w.t("document.certificate.model", { name: s.description.model_name ?? "" }), {
        bold: true,
        large: true,
      }),
      centred(w.t("document.certificate.unit", { unit: s.unitName ?? "" })),
      ...(place ? [centred(w.t("document.certificate.place", { place }))] : []),
      ...(s.field
        ? [centred(w.t("document.certificate.field", { field: w.t(`rb:fields.${s.field}.name`) }))]
        : []),
      centred(
        w.t("document.certificate.award", {
          tier: w.t(`document.tier.${s.tier}`),
          year: String(s.cycleYear),
        }),
        { bold: true, large: true },
      ),
      ...(s.code ? [centred(w.t("document.certificate.code", { code: s.code }), { italic: true })] : []),
    ],
    signature: committeeSignature(w),
    style: "certificate",
  };
}

export function certificatePdf(input: CertificateInput): Promise<Uint8Array> {
  return renderPdf(certificateDocument(input));
}

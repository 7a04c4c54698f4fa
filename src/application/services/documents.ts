import type { DocumentKind, ResultOf } from "../../dialogs/effects.ts";
import type { OutgoingFile } from "../../dialogs/view.ts";
import type { OrgTree } from "../../domain/org.ts";
import type { Repositories } from "../../domain/ports.ts";
import type { Rulebook } from "../../domain/rulebook/schema.ts";
import { parseSubmissionCode } from "../../domain/submission-code.ts";
import type { Language, Membership, PersonId, Submission } from "../../domain/types.ts";
import { certificatePdf, registrationFormDocx, registrationFormPdf } from "../documents/index.ts";
import type { Translator } from "../i18n.ts";

/**
 * The documents of one submission, handed out in chat (/hoso, a recognition's message) and by the
 * command line: the registration form as DOCX or PDF, the certificate of a recognised model.
 * In chat only its registrant and the members of its bodies get them.
 */

export interface DocumentDeps {
  rulebook: Rulebook;
  tree: OrgTree;
  translator: Translator;
}

export type SubmissionDocument = Exclude<DocumentKind, "summary_docx">;

const NAMES: Record<SubmissionDocument, string> = {
  form_docx: "phieu-dang-ky.docx",
  form_pdf: "phieu-dang-ky.pdf",
  certificate: "giay-chung-nhan.pdf",
};

/** Whether the document can be made for the submission (a certificate needs a recognition). */
export function documentAvailable(kind: SubmissionDocument, s: Submission): boolean {
  return kind === "certificate" ? s.status === "recognized" && s.decidedAt !== null : true;
}

export async function submissionDocument(
  s: Submission,
  kind: SubmissionDocument,
  input: { language: Language; now: Date },
  deps: DocumentDeps,
): Promise<OutgoingFile> {
  const base = {
    submission: s,
    rulebook: deps.rulebook,
    tree: deps.tree,
    translator: deps.translator,
    language: input.language,
  };
  const data =
    kind === "certificate"
      ? await certificatePdf(base)
      : kind === "form_pdf"
        ? await registrationFormPdf({ ...base, now: input.now })
        : await registrationFormDocx({ ...base, now: input.now });
  return { kind: "document", name: `${s.code ?? "DVK-nhap"}-${NAMES[kind]}`, data };
}

function mayRead(s: Submission, personId: PersonId, memberships: readonly Membership[]): boolean {
  if (s.registrantId === personId) return true;
  const bodies = new Set([s.bodyCode, s.queueBodyCode, s.viaBodyCode].filter(Boolean));
  return memberships.some((m) => m.role !== "admin" && bodies.has(m.bodyCode));
}

/** A document asked for in chat: null when the person may not have it or it does not exist yet. */
export async function chatDocument(
  repos: Repositories,
  input: {
    kind: DocumentKind;
    id: string;
    personId: PersonId;
    memberships: Membership[];
    language: Language;
    now: Date;
  },
  deps: DocumentDeps,
): Promise<ResultOf<"build_document">> {
  if (input.kind === "summary_docx") return null;
  const code = parseSubmissionCode(input.id);
  const s = code ? await repos.submissions.getByCode(code) : await repos.submissions.get(input.id);
  if (!s || !mayRead(s, input.personId, input.memberships) || !documentAvailable(input.kind, s)) return null;
  return { files: [await submissionDocument(s, input.kind, input, deps)] };
}

import { writeFileSync } from "node:fs";
import type { App } from "../app.ts";
import {
  documentAvailable,
  type SubmissionDocument,
  submissionDocument,
} from "../application/services/documents.ts";
import { unpublishModel } from "../application/services/gallery.ts";
import { parseSubmissionCode } from "../domain/submission-code.ts";
import type { Language } from "../domain/types.ts";
import { UsageError } from "./usage.ts";

const KINDS: Record<string, SubmissionDocument> = {
  "form-docx": "form_docx",
  "form-pdf": "form_pdf",
  certificate: "certificate",
};

/** `documents form-docx|form-pdf|certificate <code> --out <file>`: one submission's document. */
export async function writeDocument(
  app: App,
  kindName: string | undefined,
  codeText: string | undefined,
  out: string | undefined,
  language: Language,
): Promise<string> {
  const kind = kindName ? KINDS[kindName] : undefined;
  if (!kind) throw new UsageError("expected: documents form-docx|form-pdf|certificate <code> --out <file>");
  const code = codeText ? parseSubmissionCode(codeText) : null;
  if (!code) throw new UsageError("a submission code is required, e.g. DVK-2026-000123");
  if (!out) throw new UsageError("--out <file> is required");
  const s = await app.store.submissions.getByCode(code);
  if (!s) throw new UsageError(`no submission ${code}`);
  if (!documentAvailable(kind, s)) throw new UsageError(`${code} is not a recognised model: no certificate`);
  const file = await submissionDocument(
    s,
    kind,
    { language, now: app.clock() },
    { rulebook: app.rulebook, tree: app.tree, translator: app.translator },
  );
  writeFileSync(out, file.data);
  return `${kindName}: ${out}`;
}

/** `gallery list`: the published models, one a line. */
export async function listGallery(app: App): Promise<string> {
  const page = await app.store.gallery.search({ limit: 100 });
  const lines = page.items.map((e) => `${e.code}\t${e.tier}\t${e.year}\t${e.name}`);
  return [`${page.total} published`, ...lines].join("\n");
}

/** `gallery unpublish <code> [--reason <text>]`: takes a model off the gallery, audited. */
export async function unpublish(
  app: App,
  codeText: string | undefined,
  reason: string | undefined,
): Promise<string> {
  const code = codeText ? parseSubmissionCode(codeText) : null;
  if (!code) throw new UsageError("expected: gallery unpublish <code> [--reason <text>]");
  const result = await app.store.transaction((repos) =>
    unpublishModel(repos, {
      id: code,
      actor: null,
      reason: reason ?? null,
      now: app.clock(),
      newId: () => crypto.randomUUID(),
    }),
  );
  if (!result.ok) throw new UsageError(`${code} is not in the gallery`);
  return `Unpublished ${result.code}.`;
}

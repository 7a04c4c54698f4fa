import { ATTACHMENT_LIMITS, attachmentLimitParams, checkAttachment } from "../domain/attachments.ts";
import type { Attachment } from "../domain/types.ts";
import { type Choice, type Expect, type Text, t } from "./view.ts";

/** The files question, asked the same way by a registration and by a proposal's results. */

const MAX_FILES = ATTACHMENT_LIMITS.maxFiles;

/** Its paragraphs (what may be sent, up front), the Done/Skip button and the expectation. */
export function filesPrompt(attached: number): { text: Text[]; choices: Choice[]; expects: Expect } {
  return {
    text: [
      t("reg.files.prompt", { max: MAX_FILES }),
      t("files_policy.allowed", attachmentLimitParams()),
      t("reg.files.count", { count: attached }),
    ],
    choices: [{ id: "__done", label: t(attached ? "reg.files.done" : "reg.files.skip") }],
    expects: { kind: "files", max: MAX_FILES },
  };
}

/** Why one more file cannot join the `attached` ones, saying what can; null when it can. */
export function fileRefusal(file: Attachment, attached: number): Text | null {
  const problem = checkAttachment(file, attached);
  return problem ? t(`files_policy.${problem.code}`, problem.params) : null;
}

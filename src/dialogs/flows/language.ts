import { LANGUAGES, type Language } from "../../domain/types.ts";
import type { FlowHandlers } from "../flow.ts";
import { t } from "../view.ts";

/** /ngonngu: Tiếng Việt or English. */
export interface LanguageFlow {
  name: "language";
}

export const language: FlowHandlers<LanguageFlow> = {
  prompt: () => [
    {
      text: [t("language.prompt")],
      choices: LANGUAGES.map((l) => ({ id: l, label: t(`language.${l}`) })),
      expects: { kind: "choice" },
    },
  ],
  answer(flow, answer) {
    if (answer.kind !== "choice" || !LANGUAGES.includes(answer.id as Language))
      return { flow, error: t("input.choose") };
    return {
      flow: null,
      effects: [{ type: "set_language", language: answer.id as Language }],
      views: [{ text: [t("language.done")], expects: { kind: "none" } }],
      answered: t(`language.${answer.id}`),
    };
  },
};

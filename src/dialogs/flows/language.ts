import { LANGUAGES, type Language } from "../../domain/types.ts";
import type { FlowModule } from "../flow.ts";
import { say, t } from "../view.ts";

/** /ngonngu: Tiếng Việt or English. */
export interface LanguageFlow {
  name: "language";
}

export const language: FlowModule<LanguageFlow> = {
  name: "language",
  command: { name: "language", words: ["ngonngu", "language"], menu: true, who: "anyone", mode: "open" },
  start: () => ({ flow: { name: "language" } satisfies LanguageFlow }),
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
      views: [say("language.done")],
      answered: t(`language.${answer.id}`),
    };
  },
};

import type { Problem } from "../domain/types.ts";
import { type Text, t } from "./view.ts";

/** A domain problem as a sentence the person can act on (`problem.<code>` in the locales). */
export function problemText(problem: Problem): Text {
  return t(`problem.${problem.code}`, problem.params);
}

/** A refused decision as sentences: why (with its own parameters), then the problems behind it. */
export function refusalLines(result: {
  refusal: string;
  params?: Text["params"];
  problems?: Problem[];
}): Text[] {
  return [t(`refusal.${result.refusal}`, result.params), ...(result.problems ?? []).map(problemText)];
}

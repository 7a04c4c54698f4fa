import type { Problem } from "../domain/types.ts";
import { type Text, t } from "./view.ts";

/** A domain problem as a sentence the person can act on (`problem.<code>` in the locales). */
export function problemText(problem: Problem): Text {
  return t(`problem.${problem.code}`, problem.params);
}

import type { z } from "zod";
import threeTier from "../rulebooks/three-tier-2021-2025.json" with { type: "json" };
import twoTier from "../rulebooks/two-tier-2026-2030.json" with { type: "json" };
import { type Rulebook, rulebookSchema } from "./schema.ts";

export const DEFAULT_RULEBOOK = "three-tier-2021-2025";

const BUILT_IN: Record<string, unknown> = {
  "three-tier-2021-2025": threeTier,
  "two-tier-2026-2030": twoTier,
};

export const builtInRulebookNames = Object.keys(BUILT_IN);

export class RulebookError extends Error {
  constructor(
    readonly source: string,
    readonly issues: string[],
  ) {
    super(`Rulebook ${source} is invalid:\n${issues.map((i) => `  - ${i}`).join("\n")}`);
    this.name = "RulebookError";
  }
}

function describe(issue: z.core.$ZodIssue): string {
  const path = issue.path.length ? issue.path.join(".") : "(root)";
  return `${path}: ${issue.message}`;
}

/** Validates rulebook data; the error names each bad path, e.g. `calendar.registrationDeadline`. */
export function parseRulebook(data: unknown, source: string): Rulebook {
  const result = rulebookSchema.safeParse(data);
  if (!result.success) throw new RulebookError(source, result.error.issues.map(describe));
  return result.data;
}

export function builtInRulebook(name: string): Rulebook | null {
  const data = BUILT_IN[name];
  return data === undefined ? null : parseRulebook(data, name);
}

import { type App, readOrgTree, StartupError } from "../app.ts";
import { importOrgTree } from "../domain/org-import.ts";
import { vnUnits2025Rows } from "../domain/vn-units.ts";
import { UsageError } from "./usage.ts";

/** Adds or updates the bodies of a CSV or JSON file; bodies not in the file are kept. */
export async function importOrg(app: App, file: string): Promise<number> {
  const units = readOrgTree(file, app.rulebook);
  await app.store.org.upsertMany(units);
  return units.length;
}

/** The unit sets shipped with the bot, by the name `--units` takes. */
const UNIT_SETS = ["vn-2025"] as const;

/**
 * `org import --units vn-2025 [--province <code or name>]`: the country's 34 provinces and 3,321
 * communes of 2025 (or one province's), one receiving body each, named by the rulebook. Additive
 * and idempotent: importing again updates the same bodies.
 */
export async function importUnits(app: App, set: string, province?: string): Promise<number> {
  if (!(UNIT_SETS as readonly string[]).includes(set))
    throw new UsageError(`--units must be one of ${UNIT_SETS.join(", ")}`);
  if (app.rulebook.tiers.includes("district"))
    throw new StartupError(
      `RULEBOOK: the 2025 units have no districts; import them under a two-tier rulebook (RULEBOOK=two-tier-2026-2030), not ${app.rulebook.id}`,
    );
  const rows = vnUnits2025Rows(province === undefined ? {} : { province });
  if (!rows.ok)
    throw new UsageError(`no province "${province}" in the 2025 units (use its code, e.g. 37, or its name)`);
  const tree = importOrgTree(rows.rows, app.rulebook);
  if (!tree.ok)
    throw new StartupError(`the 2025 units do not import: ${JSON.stringify(tree.problems.slice(0, 3))}`);
  await app.store.org.upsertMany(tree.units);
  return tree.units.length;
}

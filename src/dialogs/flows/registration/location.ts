import type { OrgUnit } from "../../../domain/org.ts";
import { unitCategory } from "../../../domain/routing.ts";
import { TIERS, type Tier } from "../../../domain/types.ts";
import type { DialogContext } from "../../flow.ts";

/**
 * Browsing the org tree province → district → commune, and searching it by part of a name.
 * Only the tiers the rulebook uses are shown (a district under a two-tier rulebook is skipped).
 */

export function requiredTier(categoryId: string | null, ctx: DialogContext): Tier {
  const category = categoryId ? unitCategory(ctx.rulebook, categoryId) : undefined;
  return category?.locationTier ?? "commune";
}

function visibleChildren(code: string | null, ctx: DialogContext): OrgUnit[] {
  const units = (code === null ? ctx.tree.roots() : ctx.tree.children(code)).filter(
    (u) => !ctx.tree.isAttached(u),
  );
  return units.flatMap((u) => (ctx.rulebook.tiers.includes(u.tier) ? [u] : visibleChildren(u.code, ctx)));
}

const above = (a: Tier, b: Tier) => TIERS.indexOf(a) > TIERS.indexOf(b);

/** The level to show: a lone option above the wanted tier (the one province) is opened at once. */
export function browse(
  placeAt: string | null,
  wanted: Tier,
  ctx: DialogContext,
): { at: string | null; options: OrgUnit[] } {
  let at = placeAt;
  let options = visibleChildren(at, ctx);
  while (options.length === 1 && above(options[0]!.tier, wanted)) {
    at = options[0]!.code;
    options = visibleChildren(at, ctx);
  }
  return { at, options: options.filter((u) => !above(wanted, u.tier)) };
}

/** True when choosing this unit completes the location (it is at the wanted tier). */
export function isFinal(unit: OrgUnit, wanted: Tier): boolean {
  return !above(unit.tier, wanted);
}

/** The most this search offers at once; a longer list asks for more of the name. */
export const SEARCH_LIMIT = 20;

/** Places at the wanted tier whose name matches what was typed (no diacritics needed), best first. */
export function searchPlaces(query: string, wanted: Tier, ctx: DialogContext): OrgUnit[] {
  return ctx.tree.search(query, wanted, SEARCH_LIMIT);
}

/** "Phường Phủ Lý, Tỉnh Ninh Bình" — a place with the place above it, to tell namesakes apart. */
export function placeLabel(unit: OrgUnit, ctx: Pick<DialogContext, "tree">): string {
  return ctx.tree.placeLabel(unit);
}

import type { OrgTree, OrgUnit } from "./org.ts";
import type { Rulebook, UnitCategory } from "./rulebook/schema.ts";
import { type BodyCode, type Problem, TIERS, type Tier } from "./types.ts";

/** Where a registration goes: the receiving body, and a body it passes through first. */
export interface Route {
  body: OrgUnit;
  via?: OrgUnit;
}

export type RouteResult = { ok: true; route: Route } | { ok: false; problem: Problem };

export function unitCategory(rulebook: Rulebook, id: string): UnitCategory | undefined {
  return rulebook.unitCategories.find((c) => c.id === id);
}

/**
 * The receiving body for a unit category at a location (DESIGN §2.2, seed 001 §4): the body of
 * the category's receiving tier above (or at) the location — or the body attached to it that
 * collects this category there (a ward whose Mặt trận standing board collects registrations,
 * `attachedBodyKinds`). A category with `viaTier` (district party committees) is routed to the
 * body of that tier first, which forwards it up.
 */
export function route(
  categoryId: string,
  location: BodyCode,
  tree: OrgTree,
  rulebook: Rulebook,
): RouteResult {
  const category = unitCategory(rulebook, categoryId);
  if (!category)
    return { ok: false, problem: { code: "unknown_category", params: { category: categoryId } } };
  const place = tree.get(location);
  if (!place) return { ok: false, problem: { code: "unknown_location", params: { location } } };
  if (!isAtOrBelow(place.tier, category.locationTier))
    return {
      ok: false,
      problem: {
        code: "location_too_coarse",
        params: { tier: category.locationTier, location: place.locality },
      },
    };
  const locality = tree.atTier(location, category.receivingTier);
  const body = locality && collectingBody(locality, category, tree, rulebook);
  if (!body)
    return {
      ok: false,
      problem: {
        code: "no_receiving_body",
        params: { tier: category.receivingTier, location: place.locality },
      },
    };
  if (category.viaTier === undefined) return { ok: true, route: { body } };
  const via = tree.atTier(location, category.viaTier);
  if (!via)
    return {
      ok: false,
      problem: { code: "no_receiving_body", params: { tier: category.viaTier, location: place.locality } },
    };
  return { ok: true, route: { body, via } };
}

/** The locality's own body, or the attached body that collects this category in its place. */
function collectingBody(
  locality: OrgUnit,
  category: UnitCategory,
  tree: OrgTree,
  rulebook: Rulebook,
): OrgUnit {
  const collects = (unit: OrgUnit) =>
    rulebook.attachedBodyKinds.some(
      (k) =>
        k.kind === unit.kind &&
        k.tier === unit.tier &&
        (k.categories === undefined || k.categories.includes(category.id)),
    );
  return tree.attachedTo(locality.code).find(collects) ?? locality;
}

/** commune < district < province, whatever tiers a rulebook uses. */
function isAtOrBelow(tier: Tier, limit: Tier): boolean {
  return TIERS.indexOf(tier) <= TIERS.indexOf(limit);
}

/** The tier below for nomination (where a proposal's prior recognition was decided), or null. */
export function tierBelow(tier: Tier, rulebook: Rulebook): Tier | null {
  const rank = rulebook.tiers.indexOf(tier);
  return rank <= 0 ? null : (rulebook.tiers[rank - 1] ?? null);
}

/** The next tier up for nomination, or null at the top. */
export function nextTier(tier: Tier, rulebook: Rulebook): Tier | null {
  const rank = rulebook.tiers.indexOf(tier);
  return rank === -1 ? null : (rulebook.tiers[rank + 1] ?? null);
}

import type { Rulebook, UnitKindCriteria } from "./rulebook/schema.ts";

/**
 * The criteria for a kind of unit (seed 003) that apply to a unit category, in the rulebook's
 * order: a school, a police station, a business… Shown to the registrant as guidance at
 * description item 3 (goals and criteria) and to committee members as a checklist. A category
 * may match several sets (a body run by the commune: school, health station, cultural centre);
 * none is an empty list.
 */
export function criteriaFor(categoryId: string, rulebook: Rulebook): UnitKindCriteria[] {
  return rulebook.unitKindCriteria.filter((set) => set.categories.includes(categoryId));
}

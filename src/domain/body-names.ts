import { splitLocality, UNIT_TYPE_WORD, type UnitType, unitTypeOf } from "./admin-units.ts";
import type { OrgUnit } from "./org.ts";
import type { LocalizedText, Rulebook } from "./rulebook/schema.ts";
import { fold } from "./text.ts";
import type { Language, Tier } from "./types.ts";

/**
 * Receiving bodies named as people write them (item 4 of the tiers issue): the rulebook says the
 * name per kind of unit (`bodyKinds[].byUnitType`), e.g. "Ban Dân vận Thị ủy {{name}}" for a thị
 * xã, so "Thị xã Sơn Tây" gives "Ban Dân vận Thị ủy Sơn Tây". Placeholders:
 * - `{{name}}`: the bare name ("Sơn Tây"); in Vietnamese the full name for the localities the
 *   rulebook lists in `fullNameFor` ("Thành ủy Thành phố Hồ Chí Minh");
 * - `{{locality}}`: the older form — the name without its prefix above the commune tier, and
 *   with a lower-case prefix at the commune tier ("xã Trường Yên").
 * A locality of unknown kind gets the tier's default `name`.
 */

/** "Huyện Hoa Lư" → "Hoa Lư" above the commune tier; "Xã Trường Yên" → "xã Trường Yên". */
export function localityForBodyName(locality: string, tier: Tier): string {
  const name = locality.normalize("NFC").trim();
  if (tier === "commune") return name.replace(/^(Xã|Phường|Thị trấn|Đặc khu)(?=\s)/u, (w) => w.toLowerCase());
  return name.replace(/^(Huyện|Thành phố|Thị xã|Quận|Tỉnh)\s+/u, "");
}

function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, key: string) => values[key] ?? whole);
}

/**
 * The receiving body's name in both languages for a locality of a tier. `unitType` comes from the
 * org tree's `unit_type` column when it has one; otherwise it is read from the name's prefix.
 */
export function bodyNames(
  locality: string,
  tier: Tier,
  rulebook: Rulebook,
  unitType?: UnitType | null,
): LocalizedText {
  const kind = rulebook.bodyKinds.find((k) => k.tier === tier);
  if (!kind) return { vi: locality, en: locality };
  const split = splitLocality(locality, tier);
  const type = unitType ?? split.type;
  const template = (type && kind.byUnitType?.[type]) || kind.name;
  const keepsFull = type !== null && (kind.fullNameFor ?? []).some((n) => fold(n) === fold(split.name));
  const typeWord = type ? UNIT_TYPE_WORD[type] : "";
  const values = (language: Language) => ({
    name: keepsFull && language === "vi" ? `${typeWord} ${split.name}` : split.name,
    locality: localityForBodyName(locality, tier),
    type: typeWord.toLowerCase(),
  });
  return { vi: fill(template.vi, values("vi")), en: fill(template.en, values("en")) };
}

/** The name of a body attached to a locality (a ward's Mặt trận standing board), or null. */
export function attachedBodyNames(
  locality: string,
  tier: Tier,
  kind: string,
  rulebook: Rulebook,
): LocalizedText | null {
  const attached = rulebook.attachedBodyKinds.find((k) => k.kind === kind && k.tier === tier);
  if (!attached) return null;
  const split = splitLocality(locality, tier);
  const values = {
    name: split.name,
    locality: localityForBodyName(locality, tier),
    type: split.type ? UNIT_TYPE_WORD[split.type].toLowerCase() : "",
  };
  return { vi: fill(attached.name.vi, values), en: fill(attached.name.en, values) };
}

/**
 * A body's name to show in a language (instead of a fixed "Ban Dân vận"): the stored name in
 * Vietnamese; in English the rulebook's English name when the stored one is the rulebook's own
 * (an explicit `body_name` from the import has no translation and is shown as written).
 */
export function bodyName(unit: OrgUnit, language: Language, rulebook: Rulebook): string {
  if (language === "vi") return unit.name;
  const names =
    attachedBodyNames(unit.locality, unit.tier, unit.kind, rulebook) ??
    bodyNames(unit.locality, unit.tier, rulebook, unitTypeOf(unit));
  return names.vi === unit.name ? names.en : unit.name;
}

import type { BodyCode, Tier } from "./types.ts";

/** A node of the organisation tree: a locality and the receiving body that serves it. */
export interface OrgUnit {
  code: BodyCode;
  /** The locality's name, e.g. "Xã Ninh Nhất", "Huyện Hoa Lư", "Ninh Bình". */
  locality: string;
  /** The receiving body's name (Khối Dân vận Đảng ủy xã Ninh Nhất…). */
  name: string;
  tier: Tier;
  /** The kind of body, e.g. "khoi_dan_van_xa"; informative. */
  kind: string;
  parentCode: BodyCode | null;
}

/** The organisation tree, indexed for the lookups routing and browsing need. */
export class OrgTree {
  private readonly byCode = new Map<BodyCode, OrgUnit>();
  private readonly childrenOf = new Map<BodyCode | null, OrgUnit[]>();

  constructor(readonly units: readonly OrgUnit[]) {
    for (const unit of units) this.byCode.set(unit.code, unit);
    for (const unit of units) {
      const parent = unit.parentCode !== null && this.byCode.has(unit.parentCode) ? unit.parentCode : null;
      const list = this.childrenOf.get(parent) ?? [];
      list.push(unit);
      this.childrenOf.set(parent, list);
    }
    for (const list of this.childrenOf.values())
      list.sort((a, b) => a.locality.localeCompare(b.locality, "vi"));
  }

  get(code: BodyCode): OrgUnit | undefined {
    return this.byCode.get(code);
  }

  roots(): OrgUnit[] {
    return this.childrenOf.get(null) ?? [];
  }

  children(code: BodyCode): OrgUnit[] {
    return this.childrenOf.get(code) ?? [];
  }

  /** The unit itself, then its parent, up to the root. */
  lineage(code: BodyCode): OrgUnit[] {
    const out: OrgUnit[] = [];
    const seen = new Set<BodyCode>();
    let unit = this.byCode.get(code);
    while (unit && !seen.has(unit.code)) {
      out.push(unit);
      seen.add(unit.code);
      unit = unit.parentCode === null ? undefined : this.byCode.get(unit.parentCode);
    }
    return out;
  }

  /** The unit or its nearest ancestor at `tier`. */
  atTier(code: BodyCode, tier: Tier): OrgUnit | undefined {
    return this.lineage(code).find((u) => u.tier === tier);
  }

  /** Everything under `code`, itself included (for reports and officers' scope). */
  subtree(code: BodyCode): OrgUnit[] {
    const root = this.byCode.get(code);
    if (!root) return [];
    const out: OrgUnit[] = [];
    const stack = [root];
    while (stack.length) {
      const unit = stack.pop()!;
      out.push(unit);
      stack.push(...this.children(unit.code));
    }
    return out;
  }
}

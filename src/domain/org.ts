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

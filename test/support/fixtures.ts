import { readFileSync } from "node:fs";
import { join } from "node:path";
import { OrgTree } from "../../src/domain/org.ts";
import { importOrgTree, parseOrgRows } from "../../src/domain/org-import.ts";
import { builtInRulebook } from "../../src/domain/rulebook/load.ts";
import type { Rulebook } from "../../src/domain/rulebook/schema.ts";
import type { Submission } from "../../src/domain/types.ts";

export const root = join(import.meta.dirname, "../..");

export const threeTier: Rulebook = builtInRulebook("three-tier-2021-2025")!;
export const twoTier: Rulebook = builtInRulebook("two-tier-2026-2030")!;

export function demoTree(rulebook: Rulebook): OrgTree {
  const file = rulebook.tiers.includes("district") ? "demo-three-tier.csv" : "demo-two-tier.csv";
  const result = importOrgTree(parseOrgRows(readFileSync(join(root, "org", file), "utf8")), rulebook);
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return new OrgTree(result.units);
}

/** A local time in Vietnam (UTC+7) as an instant. */
export function vn(iso: string): Date {
  return new Date(`${iso}+07:00`);
}

/** A complete, eligible registration draft for a party cell in Ninh Nhất. */
export function completeDraft(overrides: Partial<Submission> = {}): Submission {
  const at = vn("2026-03-01T09:00:00");
  return {
    id: "sub-1",
    code: null,
    registrantId: "person-1",
    status: "draft",
    cycleYear: 2026,
    field: "culture_society",
    registrantKind: "collective",
    unitCategory: "party_cell",
    unitName: "Chi bộ thôn Đông",
    address: "Thôn Đông, xã Ninh Nhất",
    contactName: "Nguyễn Văn An",
    contactPhone: "0912 345 678",
    localityCode: "NB-TP-NN",
    bodyCode: null,
    viaBodyCode: null,
    queueBodyCode: null,
    tier: null,
    modelKind: "new",
    description: {
      model_name: "Tổ tự quản đường hoa thôn Đông",
      situation: "Đường liên thôn nhiều rác, người dân chưa có thói quen giữ vệ sinh chung.",
      goals: "100% hộ tham gia; 2 km đường có hoa, không còn điểm rác tự phát trong năm 2026.",
      activities: "Họp dân thống nhất quy ước; chia đoạn đường cho từng hộ; ra quân vệ sinh hằng tuần.",
      area: "Thôn Đông, 156 hộ, khoảng 600 nhân khẩu.",
      forces: "Chi bộ thôn chủ trì; Chi hội Phụ nữ, Chi đoàn phối hợp.",
      resources: "Nhân dân đóng góp 45 triệu đồng và 800 ngày công.",
      timeline: "Từ tháng 3/2026; sơ kết tháng 9/2026.",
      outputs: "2 km đường hoa; quy ước giữ vệ sinh được 100% hộ ký cam kết.",
      sustainability: "Quỹ chăm sóc hoa do các hộ tự góp; các thôn khác có thể áp dụng ngay.",
    },
    scores: {
      identity: 10,
      leadership: 14,
      coordination: 13,
      support: 14,
      urgency: 13,
      impact: 13,
      sustainability: 13,
    },
    attachments: [],
    results: null,
    late: false,
    parentId: null,
    submittedAt: null,
    decidedAt: null,
    createdAt: at,
    updatedAt: at,
    version: 0,
    replicates: null,
    ...overrides,
  };
}

import type { Submission } from "./types.ts";

/** What a registrant can edit, kept when a registration is returned so the reviewer sees what changed. */
export interface Snapshot {
  identity: Record<string, string | null>;
  description: Record<string, string>;
  scores: Record<string, number>;
  attachments: number;
}

const IDENTITY = [
  "field",
  "registrantKind",
  "unitCategory",
  "localityCode",
  "unitName",
  "address",
  "contactName",
  "contactPhone",
  "modelKind",
] as const;

/** What a replication names, as one comparable string ("DVK-2025-000012|Đường hoa"). */
function replicatesOf(s: Submission): Record<string, string | null> {
  if (s.replicates === undefined) return {};
  return { replicates: s.replicates ? `${s.replicates.code ?? ""}|${s.replicates.name}` : null };
}

export function snapshotOf(s: Submission): Snapshot {
  return {
    identity: { ...Object.fromEntries(IDENTITY.map((k) => [k, s[k]])), ...replicatesOf(s) },
    description: { ...s.description } as Record<string, string>,
    scores: { ...s.scores },
    attachments: s.attachments.length,
  };
}

/** The fields that differ: `address`, `description.goals`, `scores.impact`, `attachments`… */
export function changedFields(before: Snapshot, after: Snapshot): string[] {
  const changed: string[] = [];
  for (const k of [...IDENTITY, "replicates"])
    if ((before.identity[k] ?? null) !== (after.identity[k] ?? null)) changed.push(k);
  const keys = (a: object, b: object) => [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
  for (const k of keys(before.description, after.description))
    if ((before.description[k] ?? "") !== (after.description[k] ?? "")) changed.push(`description.${k}`);
  for (const k of keys(before.scores, after.scores))
    if (before.scores[k] !== after.scores[k]) changed.push(`scores.${k}`);
  if (before.attachments !== after.attachments) changed.push("attachments");
  return changed;
}

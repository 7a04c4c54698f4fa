import { randomUUID } from "node:crypto";
import type { Membership } from "../../domain/ports.ts";
import { ROLES } from "../../domain/types.ts";
import type { Membership as MembershipRow } from "../generated/sqlite/client.ts";
import type { Db } from "../scope.ts";
import { oneOf } from "./rows.ts";

export function membershipFromRow(row: MembershipRow): Membership {
  return { personId: row.personId, bodyCode: row.bodyCode, role: oneOf(ROLES, row.role, "Membership.role") };
}

/**
 * Adds a membership; holding it already is not an error (an invitation may repeat a role).
 * ON CONFLICT rather than Prisma's upsert, which here reads then inserts and so can still break
 * the unique key under concurrency, aborting a surrounding PostgreSQL transaction.
 */
export async function addMembership(
  db: Db,
  { personId, bodyCode, role }: Membership,
  at: Date,
): Promise<void> {
  await db.$executeRaw`
    INSERT INTO "Membership" ("id", "personId", "bodyCode", "role", "createdAt")
    VALUES (${randomUUID()}, ${personId}, ${bodyCode}, ${role}, ${at})
    ON CONFLICT DO NOTHING`;
}

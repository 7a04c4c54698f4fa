import type { MembershipRepository } from "../../domain/ports.ts";
import type { Scope } from "../scope.ts";
import { addMembership, membershipFromRow } from "./membership-rows.ts";

export function membershipRepository({ db }: Scope): MembershipRepository {
  return {
    add: (membership) => addMembership(db, membership, new Date()),

    async ofPerson(personId) {
      const rows = await db.membership.findMany({ where: { personId }, orderBy: { createdAt: "asc" } });
      return rows.map(membershipFromRow);
    },

    async ofBody(bodyCode, role) {
      const rows = await db.membership.findMany({ where: { bodyCode, role }, orderBy: { createdAt: "asc" } });
      return rows.map(membershipFromRow);
    },
  };
}

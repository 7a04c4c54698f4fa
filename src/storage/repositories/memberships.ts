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

    async list(bodyCode) {
      const rows = await db.membership.findMany({
        where: { bodyCode },
        orderBy: [{ bodyCode: "asc" }, { createdAt: "asc" }],
      });
      return rows.map((row) => ({ ...membershipFromRow(row), since: row.createdAt }));
    },

    async remove({ personId, bodyCode, role }) {
      const { count } = await db.membership.deleteMany({ where: { personId, bodyCode, role } });
      return count > 0;
    },

    async ofBody(bodyCode, role) {
      const rows = await db.membership.findMany({ where: { bodyCode, role }, orderBy: { createdAt: "asc" } });
      return rows.map(membershipFromRow);
    },
  };
}

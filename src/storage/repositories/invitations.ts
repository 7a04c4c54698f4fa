import { randomUUID } from "node:crypto";
import type { InvitationRepository, RedeemResult } from "../../domain/ports.ts";
import { ROLES } from "../../domain/types.ts";
import type { Scope } from "../scope.ts";
import { addMembership } from "./membership-rows.ts";
import { oneOf } from "./rows.ts";

export function invitationRepository(scope: Scope): InvitationRepository {
  return {
    async create(invitation) {
      await scope.db.invitation.create({ data: { id: randomUUID(), ...invitation } });
    },

    redeem(codeHash, personId, now) {
      return scope.atomic(async (tx): Promise<RedeemResult> => {
        // Claiming first, conditionally, makes the invitation single-use even when two people
        // redeem it at the same moment: only one update can match `usedAt: null`.
        const { count } = await tx.invitation.updateMany({
          where: { codeHash, usedAt: null, expiresAt: { gt: now } },
          data: { usedAt: now, usedBy: personId },
        });
        const invitation = await tx.invitation.findUnique({ where: { codeHash } });
        if (!invitation) return { ok: false, reason: "unknown" };
        if (count === 0) return { ok: false, reason: invitation.usedAt ? "used" : "expired" };
        const membership = {
          personId,
          bodyCode: invitation.bodyCode,
          role: oneOf(ROLES, invitation.role, "Invitation.role"),
        };
        await addMembership(tx, membership, now);
        return { ok: true, membership };
      });
    },
  };
}

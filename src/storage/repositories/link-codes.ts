import { randomUUID } from "node:crypto";
import type { LinkCodeRepository, LinkRedeemResult } from "../../domain/ports.ts";
import type { Scope } from "../scope.ts";

export function linkCodeRepository(scope: Scope): LinkCodeRepository {
  return {
    create({ codeHash, personId, expiresAt, now }) {
      return scope.atomic(async (tx) => {
        // One live code per person, and spent or expired codes do not pile up.
        await tx.linkCode.deleteMany({
          where: {
            OR: [{ personId, usedAt: null }, { expiresAt: { lt: new Date(now.getTime() - 86_400_000) } }],
          },
        });
        await tx.linkCode.create({
          data: { id: randomUUID(), codeHash, personId, expiresAt, createdAt: now },
        });
      });
    },

    redeem(codeHash, usedBy, now) {
      return scope.atomic(async (tx): Promise<LinkRedeemResult> => {
        // Claiming first, conditionally, makes the code single-use even when two accounts
        // redeem it at the same moment: only one update can match `usedAt: null`.
        const { count } = await tx.linkCode.updateMany({
          where: { codeHash, usedAt: null, expiresAt: { gt: now } },
          data: { usedAt: now, usedBy },
        });
        const code = await tx.linkCode.findUnique({ where: { codeHash } });
        if (!code) return { ok: false, reason: "unknown" };
        if (count === 0) return { ok: false, reason: code.usedAt ? "used" : "expired" };
        return { ok: true, personId: code.personId };
      });
    },
  };
}

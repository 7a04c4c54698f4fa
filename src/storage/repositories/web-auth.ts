import type { LinkRedeemResult, WebAuthRepository, WebSession } from "../../domain/ports.ts";
import type { Scope } from "../scope.ts";
import { oneOf } from "./rows.ts";

const VIA: readonly WebSession["via"][] = ["link", "telegram"];

export function webAuthRepository(scope: Scope): WebAuthRepository {
  const { db } = scope;
  return {
    async createSignIn({ tokenHash, personId, expiresAt, now }) {
      await db.webSignIn.create({ data: { tokenHash, personId, expiresAt, createdAt: now } });
    },

    redeemSignIn(tokenHash, now) {
      return scope.atomic(async (tx): Promise<LinkRedeemResult> => {
        // The conditional claim first: two browsers opening the link at once, only one matches.
        const { count } = await tx.webSignIn.updateMany({
          where: { tokenHash, usedAt: null, expiresAt: { gt: now } },
          data: { usedAt: now },
        });
        const link = await tx.webSignIn.findUnique({ where: { tokenHash } });
        if (!link) return { ok: false, reason: "unknown" };
        if (count === 0) return { ok: false, reason: link.usedAt ? "used" : "expired" };
        return { ok: true, personId: link.personId };
      });
    },

    async createSession(session) {
      await db.webSession.create({ data: { ...session } });
    },

    async session(idHash) {
      const row = await db.webSession.findUnique({ where: { idHash } });
      return row ? { ...row, via: oneOf(VIA, row.via, "WebSession.via") } : null;
    },

    async touch(idHash, at) {
      await db.webSession.updateMany({ where: { idHash }, data: { lastSeenAt: at } });
    },

    async endSession(idHash) {
      await db.webSession.deleteMany({ where: { idHash } });
    },

    async prune(now, idleBefore) {
      const sessions = await db.webSession.deleteMany({
        where: { OR: [{ expiresAt: { lte: now } }, { lastSeenAt: { lt: idleBefore } }] },
      });
      // A spent or expired link is kept a day (a second click still says "used"), then goes.
      const links = await db.webSignIn.deleteMany({
        where: { expiresAt: { lt: new Date(now.getTime() - 86_400_000) } },
      });
      return sessions.count + links.count;
    },
  };
}

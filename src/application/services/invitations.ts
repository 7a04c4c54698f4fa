import { createHash, randomBytes } from "node:crypto";
import type { Repositories } from "../../domain/ports.ts";
import type { BodyCode, PersonId, Role } from "../../domain/types.ts";

/** Invitation codes are stored hashed: a leaked database does not leak usable codes. */
export function hashInvitationCode(code: string): string {
  return createHash("sha256").update(code.trim()).digest("hex");
}

export const INVITATION_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
export const INVITATION_CODE_LENGTH = 16;

/** A fresh code in Telegram's deep-link alphabet (no look-alike letters), 16 characters ≈ 93 bits. */
export function newInvitationCode(): string {
  const bytes = randomBytes(INVITATION_CODE_LENGTH);
  return [...bytes].map((b) => INVITATION_ALPHABET[b % INVITATION_ALPHABET.length]).join("");
}

export const INVITATION_DAYS = 14;

export async function createInvitation(
  repos: Repositories,
  input: { bodyCode: BodyCode; role: Role; now: Date; days?: number },
): Promise<{ code: string; expiresAt: Date }> {
  const code = newInvitationCode();
  const expiresAt = new Date(input.now.getTime() + (input.days ?? INVITATION_DAYS) * 86_400_000);
  await repos.invitations.create({
    codeHash: hashInvitationCode(code),
    bodyCode: input.bodyCode,
    role: input.role,
    expiresAt,
  });
  return { code, expiresAt };
}

export async function redeemInvitation(repos: Repositories, code: string, personId: PersonId, now: Date) {
  return repos.invitations.redeem(hashInvitationCode(code), personId, now);
}

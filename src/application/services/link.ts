import { createHash, randomBytes } from "node:crypto";
import type { Repositories } from "../../domain/ports.ts";
import type { PersonId } from "../../domain/types.ts";

/**
 * Linking one person's accounts on several channels (lienket): on one channel the person asks for
 * a short code; typing `lienket <code>` on another channel moves that channel's account to the
 * same person, so notifications reach them once, on the channel they used last. Codes are stored
 * hashed, live 10 minutes and work once.
 */

export const LINK_CODE_MINUTES = 10;
export const LINK_CODE_LENGTH = 8;
/** No look-alikes (0/O, 1/I/L): read on one phone, typed on another. */
export const LINK_CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";

export type LinkRepos = Pick<Repositories, "linkCodes" | "people">;

/** A code as typed: any case, spaces and dashes ignored. */
export function normalizeLinkCode(code: string): string {
  return code.replace(/[\s-]+/g, "").toUpperCase();
}

export function isLinkCode(code: string): boolean {
  const c = normalizeLinkCode(code);
  return c.length === LINK_CODE_LENGTH && [...c].every((ch) => LINK_CODE_ALPHABET.includes(ch));
}

export function hashLinkCode(code: string): string {
  return createHash("sha256")
    .update(`link:${normalizeLinkCode(code)}`)
    .digest("hex");
}

/** A fresh code, shown as `ABCD-EFGH` (31^8 ≈ 8.5·10^11 codes). */
export function newLinkCode(): string {
  const chars: string[] = [];
  while (chars.length < LINK_CODE_LENGTH) {
    for (const b of randomBytes(16)) {
      // Rejection sampling keeps every character equally likely.
      if (b < 248 && chars.length < LINK_CODE_LENGTH)
        chars.push(LINK_CODE_ALPHABET[b % LINK_CODE_ALPHABET.length]!);
    }
  }
  return `${chars.slice(0, 4).join("")}-${chars.slice(4).join("")}`;
}

/** A new code for the person (their earlier unused code stops working). */
export async function createLinkCode(
  repos: LinkRepos,
  personId: PersonId,
  now: Date,
): Promise<{ code: string; expiresAt: Date; minutes: number }> {
  const code = newLinkCode();
  const expiresAt = new Date(now.getTime() + LINK_CODE_MINUTES * 60_000);
  await repos.linkCodes.create({ codeHash: hashLinkCode(code), personId, expiresAt, now });
  return { code, expiresAt, minutes: LINK_CODE_MINUTES };
}

export type LinkResult =
  /** `already`: the account belonged to that person before (nothing changed). */
  | { ok: true; personId: PersonId; already: boolean }
  | { ok: false; reason: "invalid" | "unknown" | "used" | "expired" };

/**
 * Links the channel account `channel`/`externalId` (it must exist: the runner identified the
 * sender) to the person who asked for the code.
 */
export async function redeemLinkCode(
  repos: LinkRepos,
  code: string,
  channel: string,
  externalId: string,
  now: Date,
): Promise<LinkResult> {
  if (!isLinkCode(code)) return { ok: false, reason: "invalid" };
  const redeemed = await repos.linkCodes.redeem(hashLinkCode(code), `${channel}:${externalId}`, now);
  if (!redeemed.ok) return redeemed;
  const identities = await repos.people.identities(redeemed.personId);
  if (identities.some((i) => i.channel === channel && i.externalId === externalId))
    return { ok: true, personId: redeemed.personId, already: true };
  await repos.people.linkIdentity(channel, externalId, redeemed.personId);
  return { ok: true, personId: redeemed.personId, already: false };
}

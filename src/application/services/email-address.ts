import { createHash, randomInt, timingSafeEqual } from "node:crypto";
import type { NotificationPayload } from "../../dialogs/notifications.ts";
import type { Repositories } from "../../domain/ports.ts";
import { isEmailAddress } from "../../domain/text.ts";
import { type ConsentContext, giveConsent } from "./privacy.ts";

/**
 * /email: an officer or committee member adds an address to be reached by. A six-digit code goes
 * to that address (through the outbox, so only an instance that sends e-mail sends it); typing it
 * back proves the address is theirs, records their consent (purpose `contact_email`) and keeps
 * the address, encrypted. The code itself is kept only as a digest, in the dialog's state.
 */

export const CODE_MINUTES = 30;
export const MAX_TRIES = 5;

const digest = (address: string, code: string) =>
  createHash("sha256").update(`${address.toLowerCase()}\n${code}`).digest("hex");

export async function sendEmailCode(
  repos: Repositories,
  personId: string,
  address: string,
  now: Date,
): Promise<{ codeHash: string; expiresAt: string }> {
  if (!isEmailAddress(address)) throw new RangeError("not an e-mail address");
  const code = String(randomInt(0, 1_000_000)).padStart(6, "0");
  const expiresAt = new Date(now.getTime() + CODE_MINUTES * 60_000).toISOString();
  const payload: NotificationPayload = { kind: "email_code", address, code, expiresAt };
  await repos.notifications.enqueue({
    dedupeKey: `email_code:${personId}:${now.getTime()}:${code}`,
    personId,
    kind: payload.kind,
    payload,
    notBefore: now,
  });
  return { codeHash: digest(address, code), expiresAt };
}

export async function confirmEmail(
  repos: Repositories,
  c: ConsentContext,
  input: { address: string; code: string; codeHash: string; expiresAt: string; noticeVersion: string },
): Promise<{ ok: true } | { ok: false; reason: "wrong" | "expired" }> {
  if (c.now.getTime() > Date.parse(input.expiresAt)) return { ok: false, reason: "expired" };
  const typed = Buffer.from(digest(input.address, input.code.replace(/\s+/g, "")));
  const wanted = Buffer.from(input.codeHash);
  if (typed.length !== wanted.length || !timingSafeEqual(typed, wanted))
    return { ok: false, reason: "wrong" };
  await repos.people.setEmail(c.personId, input.address);
  await giveConsent(repos, c, { purpose: "contact_email", noticeVersion: input.noticeVersion });
  return { ok: true };
}

/** `/email xoa`: the address goes, and the consent to be reached by it ends. */
export async function removeEmail(repos: Repositories, c: ConsentContext): Promise<boolean> {
  const had = (await repos.people.email(c.personId)) !== null;
  await repos.people.setEmail(c.personId, null);
  const ended = await repos.consents.withdraw(c.personId, ["contact_email"], c.now);
  if (ended)
    await repos.privacyLog.record({
      at: c.now,
      actor: c.personId,
      personId: c.personId,
      action: "consent.withdraw",
      bodyCode: null,
      detail: { purposes: ["contact_email"], channel: c.channel },
    });
  return had || ended > 0;
}

import { z } from "zod";
import type { NotificationPayload } from "../../dialogs/notifications.ts";
import { type Deadline, deadline } from "../../domain/calendar.ts";
import type { Notification } from "../../domain/ports.ts";
import type { Rulebook } from "../../domain/rulebook/schema.ts";

/**
 * The delivery policy: for each kind of notification, the ordered ways to reach a person and how
 * long it may take before the notification counts as "unreached" (its body's officers then see it
 * in /hangdoi). From DELIVERY_POLICY (a JSON file, any kind left out keeps its default).
 *
 * Ways: `last_channel` (the chat channel the person used last), `other_channels` (their other
 * linked chat accounts, most recently used first), `email` (an address they confirmed with
 * /email), `zalo_template` (an approved Zalo template message, paid).
 */

export const POLICY_KINDS = ["arrival", "decision", "nudge_digest", "registrant_reminder"] as const;
export type PolicyKind = (typeof POLICY_KINDS)[number];

export const WAYS = ["last_channel", "other_channels", "email", "zalo_template"] as const;
export type Way = (typeof WAYS)[number];

export interface KindPolicy {
  ways: Way[];
  /** Hours after the notification was queued by which someone must be reached (capped by its own deadline). */
  reachWithinHours: number;
}

export type DeliveryPolicy = Record<PolicyKind, KindPolicy>;

/** Free ways first; the paid template last. */
const FREE_THEN_PAID: Way[] = ["last_channel", "other_channels", "email", "zalo_template"];

export const DEFAULT_POLICY: DeliveryPolicy = {
  arrival: { ways: FREE_THEN_PAID, reachWithinHours: 72 },
  decision: { ways: FREE_THEN_PAID, reachWithinHours: 48 },
  // A digest nobody read within a day is shown to the other officers while there is time to act.
  nudge_digest: { ways: FREE_THEN_PAID, reachWithinHours: 24 },
  registrant_reminder: { ways: FREE_THEN_PAID, reachWithinHours: 72 },
};

const kindPolicy = z.strictObject({
  ways: z
    .array(z.enum(WAYS, { message: `expected one of ${WAYS.join(", ")}` }))
    .min(1, { message: "at least one way" })
    .refine((ways) => new Set(ways).size === ways.length, { message: "a way is listed twice" })
    .optional(),
  reachWithinHours: z.number().positive({ message: "expected a number of hours above 0" }).optional(),
});

export const policySchema = z.strictObject(
  Object.fromEntries(POLICY_KINDS.map((k) => [k, kindPolicy.optional()])) as Record<
    PolicyKind,
    z.ZodOptional<typeof kindPolicy>
  >,
);

export class PolicyError extends Error {
  override readonly name = "PolicyError";
}

/** A policy file's content over the defaults; the error names the bad path (`decision.ways.1`). */
export function parsePolicy(data: unknown, source: string): DeliveryPolicy {
  const parsed = policySchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new PolicyError(`${source}: ${issue.path.join(".") || "(root)"}: ${issue.message}`);
  }
  const policy = { ...DEFAULT_POLICY };
  for (const kind of POLICY_KINDS) {
    const given = parsed.data[kind];
    if (given) policy[kind] = { ...DEFAULT_POLICY[kind], ...given } as KindPolicy;
  }
  return policy;
}

/** The policy's kind of a notification; null for what is not sent by policy (a decision's edit). */
export function policyKind(payload: NotificationPayload): PolicyKind | null {
  switch (payload.kind) {
    case "new_submission":
      return "arrival";
    case "decision":
      return "decision";
    case "nudge":
      return payload.audience === "registrant" ? "registrant_reminder" : "nudge_digest";
    case "draft_expiry":
      return "registrant_reminder";
    default:
      return null;
  }
}

/** By when someone must have been reached: the policy's time, or the notification's own deadline if sooner. */
export function reachBy(n: Notification, policy: DeliveryPolicy, rulebook: Rulebook): Date | null {
  const payload = n.payload as NotificationPayload;
  const kind = policyKind(payload);
  if (!kind) return null;
  const within = new Date(n.createdAt.getTime() + policy[kind].reachWithinHours * 3_600_000);
  let own: Date | null = null;
  if (payload.kind === "nudge") own = deadline(payload.deadline as Deadline["id"], payload.year, rulebook).at;
  if (payload.kind === "draft_expiry") own = new Date(payload.deletesOn);
  return own && own < within ? own : within;
}

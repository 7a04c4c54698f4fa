import type { OrgTree } from "../domain/org.ts";
import type { Person } from "../domain/ports.ts";
import type { Rulebook } from "../domain/rulebook/schema.ts";
import { band, totalScore } from "../domain/scoring.ts";
import { allowedDecisions, DECISIONS, type Decision } from "../domain/status.ts";
import type { Membership, Submission } from "../domain/types.ts";
import { lateLines } from "./details.ts";
import { summaryLines } from "./flows/registration/review.ts";
import { formatDate } from "./format.ts";
import { type ActionButton, t, type View } from "./view.ts";

/** How each kind of notification reads, for its recipient. Pure: the dispatcher loads the data. */

/** Kinds of messages the outbox carries; the delivering channel renders each for its recipient. */
export type NotificationPayload =
  | { kind: "new_submission"; submissionId: string }
  | { kind: "decision"; submissionId: string; action: string; reason: string | null }
  | {
      kind: "decision_edit";
      submissionId: string;
      action: string;
      actorId: string | null;
      channel: string;
      chatId: string;
      messageId: string;
    }
  /** The code that confirms an e-mail address being added (/email), sent to that address only. */
  | { kind: "email_code"; address: string; code: string; expiresAt: string }
  /** A draft about to be deleted for being untouched (the rulebook's retention). */
  | { kind: "draft_expiry"; submissionId: string; deletesOn: string; untouchedSince: string }
  | {
      kind: "nudge";
      deadline: string;
      year: number;
      offsetDays: number;
      audience: "officer" | "registrant" | "committee";
    };

/** What can be decided on an arrival: everything but nominating (which follows a recognition). */
const ARRIVAL_DECISIONS: readonly Decision[] = DECISIONS.filter((d) => d !== "nominate");

/** The new arrival, as its body's members read it, with the decisions the recipient may take. */
export function arrivalViews(
  s: Submission,
  recipient: Membership[],
  rulebook: Rulebook,
  tree: OrgTree,
): View[] {
  const lines = summaryLines(s, { rulebook, tree });
  const body = s.queueBodyCode ? tree.get(s.queueBodyCode) : undefined;
  const decisions = allowedDecisions(s, recipient, rulebook).filter((d) => ARRIVAL_DECISIONS.includes(d));
  const actions: ActionButton[] = [
    ...decisions.map((d) => ({ action: d, target: s.id, label: t(`decision.${d}`) })),
    { action: "open", target: s.id, label: t("decision.open") },
  ];
  return [
    {
      text: [
        t("notify.new_submission", { code: s.code ?? "", body: body?.name ?? "" }),
        t("summary.item", { n: 1, item: "model_name", value: s.description.model_name ?? "" }),
        ...lines.identity,
        lines.scores.at(-1)!,
        ...(s.results
          ? [
              t("review.results_score", {
                total: totalScore(s.results.scores, rulebook),
                band: band(totalScore(s.results.scores, rulebook), rulebook).id,
              }),
            ]
          : []),
        ...lateLines(s),
        t("notify.buttons_hint"),
      ],
      actions,
      web: `/s/${s.id}`,
      expects: { kind: "none" },
    },
  ];
}

const NEXT: Record<string, string> = {
  accept: "notify.next_accept",
  return: "notify.next_return",
  return_proposal: "notify.next_return",
  reject: "notify.next_reject",
  recognize: "notify.next_recognize",
};

/** The registrant told of a decision on their registration; a recognition offers publication and the certificate. */
export function decisionViews(
  s: Submission,
  payload: Extract<NotificationPayload, { kind: "decision" }>,
): View[] {
  const recognised = payload.action === "recognize" && s.status === "recognized";
  return [
    {
      text: [
        t("notify.decision", {
          code: s.code ?? "",
          name: s.description.model_name ?? "",
          action: payload.action,
        }),
        ...(payload.reason ? [t("notify.reason", { reason: payload.reason })] : []),
        t(NEXT[payload.action] ?? "notify.next_other"),
        ...(recognised ? [t("publication.offer_hint")] : []),
      ],
      ...(recognised
        ? {
            actions: [
              { action: "publish", target: s.id, label: t("publication.offer_button") },
              { action: "certificate", target: s.id, label: t("docs.certificate") },
            ],
          }
        : {}),
      expects: { kind: "none" },
    },
  ];
}

/** A member's copy of an arrival after the decision: the same summary, the outcome, no buttons. */
export function decidedViews(
  s: Submission,
  payload: Extract<NotificationPayload, { kind: "decision_edit" }>,
  actor: Person | null,
  actorRole: string,
  rulebook: Rulebook,
  tree: OrgTree,
): View[] {
  const [arrival] = arrivalViews(s, [], rulebook, tree);
  const text = arrival!.text.filter((x) => x.key !== "notify.buttons_hint");
  return [
    {
      text: [
        ...text,
        t("notify.decided", { action: payload.action, name: actor?.displayName ?? "", role: actorRole }),
      ],
      expects: { kind: "none" },
    },
  ];
}

/** The registrant warned that an untouched draft goes soon; none when it was touched meanwhile. */
export function draftExpiryViews(
  s: Submission,
  payload: Extract<NotificationPayload, { kind: "draft_expiry" }>,
  timeZone: string,
): View[] | null {
  if (s.status !== "draft" || s.updatedAt.toISOString() !== payload.untouchedSince) return null;
  return [
    {
      text: [
        t("notify.draft_expiry", {
          name: s.description.model_name ?? "—",
          since: formatDate(s.updatedAt, timeZone),
          date: formatDate(new Date(payload.deletesOn), timeZone),
        }),
      ],
      expects: { kind: "none" },
    },
  ];
}

/** The confirmation code for an address being added with /email. */
export function emailCodeViews(payload: Extract<NotificationPayload, { kind: "email_code" }>): View[] {
  return [{ text: [t("email.code", { code: payload.code })], expects: { kind: "none" } }];
}

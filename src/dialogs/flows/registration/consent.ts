import { hasConsent, holdsPersonalData } from "../../../domain/privacy.ts";
import type { Answer, DialogContext, Next } from "../../flow.ts";
import { say, t, type View } from "../../view.ts";
import { question, type RegistrationFlow, type StepId } from "./questions.ts";

/**
 * The notice and the consent before the first personal question (Law 91/2025): shown when the
 * registration is about to ask for, or show, personal data and the person has not agreed to the
 * notice in force. Agreeing goes on where the registration was going; declining ends it, and
 * nothing personal has been asked.
 */

export const CONSENT_STEP = "consent";

/** Goes to `step`, through the consent screen when that step needs personal data not yet agreed to. */
export function gate(flow: RegistrationFlow, step: StepId, ctx: DialogContext): RegistrationFlow {
  if (hasConsent(ctx.person.consents, "registration", ctx.noticeVersion)) return { ...flow, step };
  const personal =
    step === "review" || step === "edit"
      ? holdsPersonalData(flow.draft)
      : (question(ctx.rulebook, step)?.personal?.(flow.draft) ?? false);
  if (!personal) return { ...flow, step };
  return { ...flow, step: CONSENT_STEP, consentThen: { step, editing: flow.editing } };
}

function noticeParams(ctx: DialogContext) {
  const { draftMonths, sessionDays } = ctx.rulebook.retention;
  return { version: ctx.noticeVersion, draftMonths, sessionDays };
}

export function consentPrompt(ctx: DialogContext): View[] {
  return [
    {
      text: [t("notice:summary", noticeParams(ctx)), t("privacy.consent.ask")],
      choices: [
        { id: "agree", label: t("privacy.consent.agree") },
        { id: "full", label: t("privacy.consent.full") },
        { id: "decline", label: t("privacy.consent.decline") },
      ],
      expects: { kind: "choice" },
    },
  ];
}

export function answerConsent(flow: RegistrationFlow, a: Answer, ctx: DialogContext): Next<RegistrationFlow> {
  // Silence or anything else is not consent: the same question again (the engine refuses other text).
  if (a.kind !== "choice") return { flow, error: t("input.choose") };
  if (a.id === "full")
    return {
      flow,
      views: [{ text: [t("notice:full", noticeParams(ctx))], expects: { kind: "none" } }],
      answered: t("privacy.consent.full"),
    };
  if (a.id === "decline")
    return {
      flow: null,
      views: [say("privacy.consent.declined")],
      effects: [{ type: "decline_consent", purpose: "registration" }],
      answered: t("privacy.consent.decline"),
    };
  if (a.id !== "agree") return { flow, error: t("input.choose") };
  const then = flow.consentThen ?? { step: "review", editing: false };
  const { consentThen: _, ...rest } = flow;
  return {
    flow: { ...rest, step: then.step, editing: then.editing },
    effects: [{ type: "give_consent", purpose: "registration", noticeVersion: ctx.noticeVersion }],
    answered: t("privacy.consent.agree"),
  };
}

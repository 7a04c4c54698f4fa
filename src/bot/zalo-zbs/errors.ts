import { redact } from "../../application/logger.ts";

/**
 * The answers of Zalo's template-message API (ZNS, since 2026 part of ZBS Template Message) and
 * what each means for us, in one table. `error` 0 is success; the codes are Zalo's published
 * ZNS table (-100…-153), plus the OpenAPI's own token and rate codes.
 *
 * - token: the access token was refused — refresh it and try once more;
 * - unreachable: this person cannot get it (bad number, no account, refuses ZNS) → RecipientUnreachable;
 * - quota: the OA's or the template's daily quota is spent → RetryLater, next 00:00 Vietnam time;
 * - rate_limited: too many requests → RetryLater, a few minutes;
 * - night: a template that may not go out 22:00–06:00 → RetryLater, 06:00 Vietnam time;
 * - config: the template, the OA, the app or its account needs fixing → ZbsConfigError;
 * - retry: Zalo failed for now → ZbsApiError (the dispatcher retries with backoff).
 */

export type ZbsOutcome = "token" | "unreachable" | "quota" | "rate_limited" | "night" | "config" | "retry";

export interface ZbsErrorInfo {
  outcome: ZbsOutcome;
  meaning: string;
}

const e = (outcome: ZbsOutcome, meaning: string): ZbsErrorInfo => ({ outcome, meaning });

export const ZBS_ERRORS: Readonly<Record<number, ZbsErrorInfo>> = {
  [-32]: e("rate_limited", "too many requests for the app (rate limit)"),
  [-100]: e("retry", "unknown error, try again later"),
  [-101]: e("config", "the sending app is not valid"),
  [-102]: e("config", "the sending app does not exist"),
  [-103]: e("config", "the app is not activated"),
  [-104]: e("config", "the app's secret key is not valid"),
  [-105]: e("config", "the app is not linked to an Official Account"),
  [-106]: e("config", "method not supported"),
  [-107]: e("config", "message id not valid"),
  [-108]: e("unreachable", "phone number not valid"),
  [-109]: e("config", "template id not valid"),
  [-110]: e("unreachable", "the recipient's Zalo version cannot show it (they need to update)"),
  [-111]: e("config", "the template has no data"),
  [-112]: e("config", "template data not valid"),
  [-1123]: e("config", "cannot make the QR code"),
  [-113]: e("config", "button not valid"),
  [-114]: e(
    "unreachable",
    "the user did not receive it (account state, ZNS preferences, old Zalo, internal)",
  ),
  [-115]: e("config", "the ZNS account has no balance left"),
  [-116]: e("config", "content not valid"),
  [-117]: e("config", "the OA or app may not use this template"),
  [-118]: e("unreachable", "no Zalo account for this number, or it is disabled"),
  [-119]: e("unreachable", "this account cannot receive ZNS"),
  [-120]: e("config", "the OA may not use this feature"),
  [-121]: e("config", "the template has no content"),
  [-122]: e("config", "the request body is not JSON"),
  [-123]: e("config", "RSA decryption of the message failed"),
  [-124]: e("token", "access token not valid"),
  [-1241]: e("config", "appsecret_proof not valid"),
  [-125]: e("config", "Official Account id not valid"),
  [-126]: e("config", "the development-mode wallet has no balance"),
  [-127]: e("config", "a test template goes to the OA's administrators only"),
  [-128]: e("config", "no encoding key"),
  [-129]: e("retry", "could not create the RSA key, try again later"),
  [-130]: e("config", "the content exceeds the template's character limit"),
  [-131]: e("config", "the template is not approved"),
  [-132]: e("config", "parameter not valid"),
  [-133]: e("night", "this template may not be sent at night (22:00–06:00)"),
  [-134]: e("unreachable", "the user has not answered the OA's suggestion to receive ZNS"),
  [-135]: e("config", "the OA may not send ZNS (not verified, or on the free plan)"),
  [-1351]: e("config", "the OA may not send ZNS (blocked for violations)"),
  [-136]: e("config", "a ZCA connection is needed for this feature"),
  [-137]: e("config", "ZCA payment failed (no balance…)"),
  [-138]: e("config", "the app may not use this feature"),
  [-139]: e("unreachable", "the user refuses this type of ZNS"),
  [-140]: e("unreachable", "the OA may not send after-sales ZNS to this user"),
  [-141]: e("unreachable", "the user refuses ZNS from this Official Account"),
  [-142]: e("config", "no RSA key: create one first"),
  [-143]: e("config", "the RSA key exists already"),
  [-144]: e("quota", "the OA's daily ZNS quota is spent"),
  [-145]: e("config", "the OA may not send this type of content"),
  [-146]: e("config", "the template is disabled for low sending quality"),
  [-147]: e("quota", "the template's daily quota is spent"),
  [-148]: e("config", "ZNS journey token not found"),
  [-149]: e("config", "ZNS journey token not valid"),
  [-150]: e("config", "ZNS journey token expired"),
  [-151]: e("config", "not an E2EE template"),
  [-152]: e("retry", "could not get the E2EE key"),
  [-153]: e("config", "the data sent breaks the rules"),
  // The OpenAPI's own codes for the access token (as on the OA API).
  [-216]: e("token", "access token not valid"),
  [-220]: e("token", "access token expired"),
};

/** What an answer means: from the table, else HTTP 429 a rate limit, else something to retry. */
export function outcomeOf(code: number): ZbsOutcome {
  return ZBS_ERRORS[code]?.outcome ?? (code === 429 ? "rate_limited" : "retry");
}

/** Zalo refused a template message (or never answered); retried by the dispatcher. Never carries a token or a number. */
export class ZbsApiError extends Error {
  override readonly name: string = "ZbsApiError";
  constructor(
    readonly path: string,
    /** Zalo's `error` (negative), else the HTTP status, else 0 (no answer). */
    readonly code: number,
    readonly description: string,
  ) {
    super(redact(`Zalo ZBS ${path} failed: ${code} ${description}`));
  }
}

/**
 * Zalo refuses the template, the OA, the app or its account (not approved, no permission, no
 * balance…): the same message will be refused again until someone fixes the configuration.
 */
export class ZbsConfigError extends ZbsApiError {
  override readonly name = "ZbsConfigError";
}

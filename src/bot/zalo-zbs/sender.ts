import { randomUUID } from "node:crypto";
import axios, { type AxiosInstance } from "axios";
import { RecipientUnreachable, RetryLater } from "../../application/delivery/courier.ts";
import type { Logger } from "../../application/logger.ts";
import type { OaTokens } from "../zalo-oa/tokens.ts";
import { nextLocalHour } from "../zalo-shared/errors.ts";
import { idString } from "../zalo-shared/json.ts";
import { type OpenApiAnswer, postOpenApi } from "../zalo-shared/openapi.ts";
import { outcomeOf, ZBS_ERRORS, ZbsApiError, ZbsConfigError } from "./errors.ts";
import { fitParams } from "./fit.ts";
import { normalizePhone } from "./phone.ts";

/**
 * Zalo template messages (ZBS Template Message, formerly ZNS): an approved template with its
 * parameters, to a phone number or a Zalo user id, sent with the Official Account's access token.
 *
 *   POST {apiRoot}{path}   header access_token
 *   { phone | user_id, template_id, template_data: { name: value }, tracking_id }
 *   → { error, message, data: { msg_id, sent_time, quota: { dailyQuota, remainingQuota } } }
 *
 * The token comes from the OA's shared tokens exactly as the OA API uses it: a refused token
 * (-124, -216, -220) is refreshed once and the call made once more. Errors follow ZBS_ERRORS.
 */

export const DEFAULT_ZBS_API_ROOT = "https://business.openapi.zalo.me";
export const DEFAULT_ZBS_PATH = "/message/template";
/** How long a rate-limited message waits. */
export const RATE_LIMIT_RETRY_MS = 5 * 60_000;
/** Zalo's night pause for templates that may not go out 22:00–06:00 ends at 06:00. */
export const NIGHT_ENDS_AT_HOUR = 6;
export const MAX_TRACKING_ID = 48;

export type ZbsRecipient = { phone: string } | { userId: string };

export interface ZbsMessage {
  to: ZbsRecipient;
  templateId: string;
  /** Parameter values by the template's names; cut to their limits here. */
  data: Record<string, string | number>;
  /** Each parameter's limit in characters (30 when not given). */
  limits?: Record<string, number>;
  /** The approved template's text with `<name>` placeholders, so the whole stays within 400. */
  content?: string;
  /** Our id for the message (≤ 48 characters of A–Z a–z 0–9 _ -); a random one when left out. */
  trackingId?: string;
}

export interface ZbsReceipt {
  msgId: string;
  sentTime: Date | null;
  /** The OA's quota after this message, when Zalo says. */
  quota: { daily: number; remaining: number } | null;
  trackingId: string;
  /** The parameters as sent (after cutting). */
  templateData: Record<string, string>;
}

export interface ZbsSenderOptions {
  /** ZALO_ZBS_API_ROOT; default https://business.openapi.zalo.me. */
  apiRoot?: string;
  /** ZALO_ZBS_PATH; default /message/template. */
  path?: string;
  tokens: Pick<OaTokens, "current" | "rejected">;
  logger: Logger;
  /** The body fields that name the recipient (the API is unconfirmed in detail). */
  fields?: { phone?: string; userId?: string };
  http?: AxiosInstance;
  clock?: () => Date;
  timeoutMs?: number;
  rateLimitRetryMs?: number;
}

const TOKEN_CODES = new Set(
  Object.entries(ZBS_ERRORS).flatMap(([c, i]) => (i.outcome === "token" ? [Number(c)] : [])),
);

function count(value: unknown): number | null {
  const n = typeof value === "string" && value.trim() !== "" ? Number(value) : value;
  return typeof n === "number" && Number.isFinite(n) ? n : null;
}

function receiptOf(data: unknown, trackingId: string, templateData: Record<string, string>): ZbsReceipt {
  const d = (data ?? {}) as { msg_id?: unknown; sent_time?: unknown; quota?: unknown };
  const q = (d.quota ?? {}) as { dailyQuota?: unknown; remainingQuota?: unknown };
  const daily = count(q.dailyQuota);
  const remaining = count(q.remainingQuota);
  const sent = count(d.sent_time);
  return {
    msgId: idString(d.msg_id) ?? "",
    sentTime: sent === null ? null : new Date(sent),
    quota: daily === null || remaining === null ? null : { daily, remaining },
    trackingId,
    templateData,
  };
}

export function createZbsSender(options: ZbsSenderOptions) {
  const http = options.http ?? axios.create();
  const clock = options.clock ?? (() => new Date());
  const root = (options.apiRoot ?? DEFAULT_ZBS_API_ROOT).replace(/\/+$/, "");
  const path = options.path ?? DEFAULT_ZBS_PATH;
  const fields = { phone: options.fields?.phone ?? "phone", userId: options.fields?.userId ?? "user_id" };

  async function post(token: string, body: unknown): Promise<{ code: number; answer: OpenApiAnswer }> {
    return postOpenApi(http, `${root}${path}`, token, body, {
      timeoutMs: options.timeoutMs ?? 15_000,
      unanswered: (message) => new ZbsApiError(path, 0, message),
    });
  }

  /** What a refusal means for the caller (and the dispatcher). */
  function failure(code: number, answer: OpenApiAnswer): Error {
    const description =
      typeof answer.message === "string" ? answer.message : (ZBS_ERRORS[code]?.meaning ?? "no answer");
    const error = new ZbsApiError(path, code, description);
    const now = clock();
    switch (outcomeOf(code)) {
      case "unreachable":
        return new RecipientUnreachable(error.message);
      case "quota":
        return new RetryLater(nextLocalHour(now, 0), "quota", error.message);
      case "rate_limited":
        return new RetryLater(
          new Date(now.getTime() + (options.rateLimitRetryMs ?? RATE_LIMIT_RETRY_MS)),
          "rate_limited",
          error.message,
        );
      case "night":
        return new RetryLater(nextLocalHour(now, NIGHT_ENDS_AT_HOUR), "night", error.message);
      case "config":
        return new ZbsConfigError(path, code, description);
      default:
        return error;
    }
  }

  function recipientField(to: ZbsRecipient): Record<string, string> {
    if ("phone" in to) {
      const phone = normalizePhone(to.phone);
      if (!phone) throw new RecipientUnreachable("not a Vietnamese phone number");
      return { [fields.phone]: phone };
    }
    if (!/^\d{1,32}$/.test(to.userId)) throw new RecipientUnreachable("not a Zalo user id");
    return { [fields.userId]: to.userId };
  }

  return {
    /** Sends one template message; throws RecipientUnreachable, RetryLater, ZbsConfigError or ZbsApiError. */
    async send(message: ZbsMessage): Promise<ZbsReceipt> {
      const trackingId = message.trackingId ?? randomUUID().replaceAll("-", "");
      if (!/^[A-Za-z0-9_-]{1,48}$/.test(trackingId))
        throw new RangeError(`tracking_id must be 1–${MAX_TRACKING_ID} characters of A–Z a–z 0–9 _ -`);
      if (!/^\d+$/.test(message.templateId)) throw new RangeError("template_id must be digits");
      const templateData = fitParams(message.data, {
        ...(message.limits ? { limits: message.limits } : {}),
        ...(message.content ? { content: message.content } : {}),
      });
      const body = {
        ...recipientField(message.to),
        template_id: message.templateId,
        template_data: templateData,
        tracking_id: trackingId,
      };

      let access = await options.tokens.current();
      let { code, answer } = await post(access.token, body);
      if (TOKEN_CODES.has(code)) {
        options.logger.info("zalo-zbs access token rejected, refreshing", { code });
        access = await options.tokens.rejected(access.version);
        ({ code, answer } = await post(access.token, body));
      }
      if (code !== 0) {
        const error = failure(code, answer);
        options.logger.warn("zalo-zbs template message refused", { code, outcome: error.name });
        throw error;
      }
      const receipt = receiptOf(answer.data, trackingId, templateData);
      if (receipt.quota && receipt.quota.remaining < receipt.quota.daily / 10)
        options.logger.warn("zalo-zbs daily quota running low", { ...receipt.quota });
      return receipt;
    },
  };
}

export type ZbsSender = ReturnType<typeof createZbsSender>;

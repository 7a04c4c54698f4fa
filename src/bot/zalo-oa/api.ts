import axios, { type AxiosInstance } from "axios";
import { RecipientUnreachable, RetryLater } from "../../application/delivery/courier.ts";
import { type Logger, redact } from "../../application/logger.ts";
import { nextLocalHour } from "../zalo-shared/errors.ts";
import { type OpenApiAnswer, postOpenApi } from "../zalo-shared/openapi.ts";
import type { OaTokens } from "./tokens.ts";

/**
 * The Zalo Official Account API v3: consultation messages (`/v3.0/oa/message/cs`) with the
 * `access_token` header (not Bearer). Answers are `{error, message, data}`; error 0 is success.
 */

export const MAX_TEXT = 2000;
export const MAX_BUTTONS = 5;
export const MAX_BUTTON_TITLE = 100;

export type OaButton =
  | { title: string; type: "oa.query.hide" | "oa.query.show"; payload: string }
  | { title: string; type: "oa.open.url"; payload: { url: string } }
  | { title: string; type: "oa.open.phone"; payload: { phone_code: string } };

export interface OaMessage {
  text: string;
  buttons?: OaButton[];
}

/** Error codes of the OA API that the adapter acts on. */
export const OA_ERRORS = {
  invalidToken: -216,
  expiredToken: -220,
  rateLimited: -32,
  notFollower: -213,
  noInteraction: -230,
  night: -234,
} as const;

/** Zalo refused a call (or never answered it); never carries a token. */
export class ZaloOaApiError extends Error {
  override readonly name = "ZaloOaApiError";
  constructor(
    readonly path: string,
    /** Zalo's `error` (negative), else the HTTP status, else 0 (no answer). */
    readonly code: number,
    readonly description: string,
  ) {
    super(redact(`Zalo OA API ${path} failed: ${code} ${description}`));
  }
}

/** How long to wait before trying a person who has not written for 7 days again. */
export const NO_INTERACTION_RETRY_MS = 6 * 3_600_000;
/** Zalo's night pause ends in the morning, Vietnam time. */
export const NIGHT_ENDS_AT_HOUR = 7;

export interface OaApiOptions {
  /** ZALO_OA_API_ROOT. */
  apiRoot: string;
  tokens: Pick<OaTokens, "current" | "rejected">;
  logger: Logger;
  http?: AxiosInstance;
  clock?: () => Date;
  timeoutMs?: number;
}

export function createOaApi(options: OaApiOptions) {
  const http = options.http ?? axios.create();
  const clock = options.clock ?? (() => new Date());
  const root = options.apiRoot.replace(/\/+$/, "");

  async function post(
    path: string,
    token: string,
    body: unknown,
  ): Promise<{ code: number; answer: OpenApiAnswer }> {
    return postOpenApi(http, `${root}${path}`, token, body, {
      timeoutMs: options.timeoutMs ?? 15_000,
      unanswered: (message) => new ZaloOaApiError(path, 0, message),
    });
  }

  /** One call with the current token; on -216/-220, a refreshed token and one more try. */
  async function call(path: string, body: unknown): Promise<unknown> {
    let access = await options.tokens.current();
    let { code, answer } = await post(path, access.token, body);
    if (code === OA_ERRORS.invalidToken || code === OA_ERRORS.expiredToken) {
      options.logger.info("zalo-oa access token rejected, refreshing", { code });
      access = await options.tokens.rejected(access.version);
      ({ code, answer } = await post(path, access.token, body));
    }
    if (code === 0) return answer.data;
    const description = typeof answer.message === "string" ? answer.message : "no answer";
    const error = new ZaloOaApiError(path, code, description);
    switch (code) {
      case OA_ERRORS.notFollower:
        throw new RecipientUnreachable(error.message);
      case OA_ERRORS.noInteraction:
        throw new RetryLater(
          new Date(clock().getTime() + NO_INTERACTION_RETRY_MS),
          "no_interaction",
          error.message,
        );
      case OA_ERRORS.night:
        throw new RetryLater(nextLocalHour(clock(), NIGHT_ENDS_AT_HOUR), "night", error.message);
      default:
        throw error;
    }
  }

  return {
    call,
    /** A consultation message to a follower; returns Zalo's message id. */
    async sendMessage(userId: string, message: OaMessage): Promise<string | null> {
      if (message.text.length < 1 || message.text.length > MAX_TEXT)
        throw new RangeError(`Zalo OA text must be 1–${MAX_TEXT} characters, got ${message.text.length}`);
      if ((message.buttons?.length ?? 0) > MAX_BUTTONS)
        throw new RangeError(`Zalo OA allows at most ${MAX_BUTTONS} buttons`);
      const body = {
        recipient: { user_id: userId },
        message: message.buttons?.length
          ? { text: message.text, attachment: { type: "template", payload: { buttons: message.buttons } } }
          : { text: message.text },
      };
      const data = (await call("/v3.0/oa/message/cs", body)) as { message_id?: unknown } | undefined;
      return typeof data?.message_id === "string" ? data.message_id : null;
    },
  };
}

export type OaApi = ReturnType<typeof createOaApi>;

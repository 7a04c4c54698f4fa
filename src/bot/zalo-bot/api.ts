import axios, { type AxiosInstance } from "axios";
import { RecipientUnreachable } from "../../application/delivery/courier.ts";
import { redact } from "../../application/logger.ts";
import { parseJsonKeepingIds } from "../zalo-shared/json.ts";

/**
 * The Zalo Bot Platform's HTTP API: `POST {root}/bot{token}/{method}` with a JSON body, answered
 * with the envelope `{ok, result?, description?, error_code?}`. HTTP 200 alone is not success:
 * `ok` is checked on every answer.
 */

export const MAX_TEXT = 2000;

/** Zalo refused a call (or never answered it); the token is never part of the message. */
export class ZaloBotApiError extends Error {
  override readonly name = "ZaloBotApiError";
  constructor(
    readonly method: string,
    /** The envelope's error_code, else the HTTP status, else 0 (no answer). */
    readonly code: number,
    readonly description: string,
  ) {
    super(redact(`Zalo Bot API ${method} failed: ${code} ${description}`));
  }

  /** Bad token (401): nothing will work until the configuration is fixed. */
  get unauthorized(): boolean {
    return this.code === 401;
  }
}

interface Envelope {
  ok?: unknown;
  result?: unknown;
  description?: unknown;
  error_code?: unknown;
}

export interface ZaloBotApiOptions {
  token: string;
  /** e.g. https://bot-api.zaloplatforms.com (ZALO_BOT_API_ROOT). */
  apiRoot: string;
  http?: AxiosInstance;
  timeoutMs?: number;
  /** A 429 is retried once after this pause; default 1000 ms. */
  retryAfterMs?: number;
}

export interface SentMessage {
  message_id: string;
  date?: number;
}

export interface WebhookInfo {
  url?: string;
  updated_at?: number;
}

export function createZaloBotApi(options: ZaloBotApiOptions) {
  const http = options.http ?? axios.create();
  const base = `${options.apiRoot.replace(/\/+$/, "")}/bot${options.token}`;
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  async function once(method: string, body: Record<string, unknown>): Promise<Envelope & { status: number }> {
    try {
      const response = await http.post<string>(`${base}/${method}`, body, {
        timeout: options.timeoutMs ?? 15_000,
        headers: { "content-type": "application/json" },
        responseType: "text",
        transformResponse: (data) => data,
        validateStatus: () => true,
      });
      let envelope: Envelope = {};
      try {
        const parsed = parseJsonKeepingIds(response.data);
        if (parsed && typeof parsed === "object") envelope = parsed as Envelope;
      } catch {
        envelope = { ok: false, description: `HTTP ${response.status}, not JSON` };
      }
      return { ...envelope, status: response.status };
    } catch (error) {
      // No answer (refused, reset, timed out): axios' message names no URL, but redact anyway.
      throw new ZaloBotApiError(method, 0, (error as Error).message);
    }
  }

  /** The envelope's error_code, else an HTTP error status, else 0. */
  function errorCode(answer: Envelope & { status: number }): number {
    const code = Number(answer.error_code);
    if (answer.error_code !== undefined && Number.isInteger(code)) return code;
    return answer.status >= 400 ? answer.status : 0;
  }

  async function call<T>(method: string, body: Record<string, unknown> = {}): Promise<T> {
    let answer = await once(method, body);
    if (answer.ok !== true && errorCode(answer) === 429) {
      await sleep(options.retryAfterMs ?? 1000);
      answer = await once(method, body);
    }
    if (answer.ok === true) return answer.result as T;
    const description = typeof answer.description === "string" ? answer.description : `HTTP ${answer.status}`;
    throw new ZaloBotApiError(method, errorCode(answer), description);
  }

  function checkText(text: string): void {
    if (text.length < 1 || text.length > MAX_TEXT)
      throw new RangeError(`Zalo Bot text must be 1–${MAX_TEXT} characters, got ${text.length}`);
  }

  return {
    call,
    getMe: () => call<{ id: string; account_name?: string; display_name?: string }>("getMe"),
    setWebhook: (url: string, secretToken: string) =>
      call<unknown>("setWebhook", { url, secret_token: secretToken }),
    deleteWebhook: () => call<unknown>("deleteWebhook"),
    getWebhookInfo: () => call<WebhookInfo>("getWebhookInfo"),
    async sendMessage(chatId: string, text: string): Promise<SentMessage> {
      checkText(text);
      return call<SentMessage>("sendMessage", { chat_id: chatId, text });
    },
    async sendPhoto(chatId: string, photo: string, caption?: string): Promise<SentMessage> {
      if (caption !== undefined) checkText(caption);
      return call<SentMessage>("sendPhoto", { chat_id: chatId, photo, ...(caption ? { caption } : {}) });
    },
    sendChatAction: (chatId: string, action: "typing" | "upload_photo" = "typing") =>
      call<unknown>("sendChatAction", { chat_id: chatId, action }),
  };
}

export type ZaloBotApi = ReturnType<typeof createZaloBotApi>;

/** Zalo's refusal to deliver to a person who blocked the bot or cannot be reached. */
export function isBlocked(error: unknown): boolean {
  return error instanceof ZaloBotApiError && error.code === 403;
}

/** For the dispatcher: a blocked person becomes RecipientUnreachable, other errors pass through. */
export function asCourierError(error: unknown): unknown {
  return isBlocked(error) ? new RecipientUnreachable((error as Error).message) : error;
}

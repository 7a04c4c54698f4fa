import type { AxiosInstance } from "axios";
import { parseJsonKeepingIds } from "./json.ts";

/** What Zalo's OpenAPI answers: an error code (0 for success), a message, the data. */
export interface OpenApiAnswer {
  error?: unknown;
  message?: unknown;
  data?: unknown;
}

/**
 * One POST to Zalo's OpenAPI (the OA's messages, the ZBS templates) with the OA's access token:
 * the HTTP status and the answer read without rounding ids; a body that is not JSON becomes a
 * message. Rejects only when no answer came (network, timeout), with the transport's message.
 */
export async function postOpenApi(
  http: AxiosInstance,
  url: string,
  token: string,
  body: unknown,
  timeoutMs: number,
): Promise<{ status: number; answer: OpenApiAnswer }> {
  const response = await http.post<string>(url, body, {
    headers: { access_token: token, "content-type": "application/json" },
    timeout: timeoutMs,
    responseType: "text",
    transformResponse: (d) => d,
    validateStatus: () => true,
  });
  try {
    const parsed = parseJsonKeepingIds(response.data);
    return { status: response.status, answer: parsed && typeof parsed === "object" ? parsed : {} };
  } catch {
    return { status: response.status, answer: { message: `HTTP ${response.status}, not JSON` } };
  }
}

/** The code of an answer: Zalo's own when it gave one, else the HTTP status, 0 or -1. */
export function openApiCode(status: number, answer: OpenApiAnswer, trustZeroOnHttpError = true): number {
  const code = Number(answer.error);
  if (
    answer.error !== undefined &&
    Number.isInteger(code) &&
    (trustZeroOnHttpError || code !== 0 || status < 400)
  )
    return code;
  return status >= 400 ? status : answer.data !== undefined ? 0 : -1;
}

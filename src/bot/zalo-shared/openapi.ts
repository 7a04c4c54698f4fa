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
 * the answer read without rounding ids (a body that is not JSON becomes a message) and its code.
 * When no answer came (network, timeout) it rejects with `unanswered(the transport's message)`.
 */
export async function postOpenApi(
  http: AxiosInstance,
  url: string,
  token: string,
  body: unknown,
  options: { timeoutMs: number; unanswered: (message: string) => Error },
): Promise<{ code: number; answer: OpenApiAnswer }> {
  const response = await http
    .post<string>(url, body, {
      headers: { access_token: token, "content-type": "application/json" },
      timeout: options.timeoutMs,
      responseType: "text",
      transformResponse: (d) => d,
      validateStatus: () => true,
    })
    .catch((error: Error) => {
      throw options.unanswered(error.message);
    });
  let answer: OpenApiAnswer;
  try {
    const parsed = parseJsonKeepingIds(response.data);
    answer = parsed && typeof parsed === "object" ? parsed : {};
  } catch {
    answer = { message: `HTTP ${response.status}, not JSON` };
  }
  return { code: openApiCode(response.status, answer), answer };
}

/**
 * The code of an answer: Zalo's own when it gave one, else the HTTP status, 0 or -1. A 0 under an
 * HTTP error is no success (a proxy's or a gateway's page can say anything).
 */
export function openApiCode(status: number, answer: OpenApiAnswer): number {
  const code = Number(answer.error);
  if (answer.error !== undefined && Number.isInteger(code) && (code !== 0 || status < 400)) return code;
  return status >= 400 ? status : answer.data !== undefined ? 0 : -1;
}

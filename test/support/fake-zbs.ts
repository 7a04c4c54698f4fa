import type { IncomingMessage, ServerResponse } from "node:http";
import { z } from "zod";
import { hexId, json, type Loopback, startLoopback } from "./fake-zalo-common.ts";

// A local stand-in for Zalo's template-message API (ZBS Template Message / ZNS) on 127.0.0.1.
// EVERY call is checked against one schema — the path, the access_token header (not
// Authorization), a JSON body with exactly one of phone (84 + 9–10 digits) or user_id (digits),
// template_id (digits, a template it knows), template_data (exactly the template's parameters,
// strings, each within its limit, the whole rendered text ≤ 400), tracking_id (1–48
// characters) — and a call that breaks it is recorded as a violation and answered with the error
// Zalo gives for it. Otherwise it answers as Zalo does ({error, message, data: {msg_id,
// sent_time, quota}}), spending the OA's daily quota; tests can expire the access tokens (answered
// -124 by default, or -216/-220), mark numbers unknown (-118), inject any error once or more
// (quota -144, rate -32, HTTP 429, night -133…), and read back what each recipient received.

export interface FakeZbsTemplate {
  /** Parameter names and their maximum length. */
  params: Record<string, number>;
  /** The approved text with <name> placeholders (its length counts towards 400). */
  content?: string;
  /** Not approved (yet): answered -131. */
  approved?: boolean;
}

export interface FakeZbsOptions {
  /** The send path; default /message/template. */
  path?: string;
  templates: Record<string, FakeZbsTemplate>;
  /** The OA's daily quota; default 500. */
  dailyQuota?: number;
  /** What a refused token is answered with; default -124 (ZNS), -216/-220 as the OA API. */
  tokenError?: number;
  /** The OA's tokens are valid here too: whatever the Official Account's OAuth issued. */
  accepts?: (token: string) => boolean;
}

export interface ZbsCall {
  path: string;
  at: number;
  accessToken?: string;
  body: unknown;
  /** The `error` answered (0: success), or the HTTP status of an injected HTTP failure. */
  error: number;
  rejected?: string;
  injected?: boolean;
}

export interface ZbsFault {
  /** Zalo's error code to answer (with HTTP 200). */
  error?: number;
  /** Or an HTTP status with a body that is not Zalo's (429, 502…); with `error`, that as JSON. */
  httpStatus?: number;
  message?: string;
  times?: number;
}

export interface ZbsDelivered {
  phone?: string;
  userId?: string;
  templateId: string;
  data: Record<string, string>;
  trackingId: string;
  msgId: string;
  accessToken: string;
}

export const MAX_TEMPLATE_LENGTH = 400;

/** The schema every call is checked against (the template's own limits come after it). */
export const zbsBody = z
  .strictObject({
    phone: z
      .string()
      .regex(/^84\d{9,10}$/, { message: "phone must be 84 and 9–10 digits" })
      .optional(),
    user_id: z
      .string()
      .regex(/^\d{1,32}$/, { message: "user_id must be digits" })
      .optional(),
    template_id: z.string().regex(/^\d{1,20}$/, { message: "template_id must be a string of digits" }),
    template_data: z.record(z.string().regex(/^[A-Za-z0-9_]+$/), z.string()),
    tracking_id: z.string().min(1).max(48, { message: "tracking_id is at most 48 characters" }),
  })
  .refine((b) => (b.phone === undefined) !== (b.user_id === undefined), {
    message: "exactly one of phone and user_id",
  });

/** The codes this fake answers besides 0 (the sender must know each). */
export const FAKE_ZBS_CODES = [-108, -109, -112, -118, -122, -124, -130, -131, -132, -144] as const;

export class FakeZbs {
  readonly calls: ZbsCall[] = [];
  readonly delivered: ZbsDelivered[] = [];
  readonly unknownPhones = new Set<string>();
  private validAccess = new Set<string>();
  private faults: { fault: ZbsFault; left: number }[] = [];
  remainingQuota: number;

  private constructor(
    private readonly loopback: Loopback,
    readonly options: FakeZbsOptions,
  ) {
    this.remainingQuota = options.dailyQuota ?? 500;
  }

  static async start(options: FakeZbsOptions): Promise<FakeZbs> {
    let fake: FakeZbs | undefined;
    const loopback = await startLoopback((req, body, res) => fake!.serve(req, body, res));
    fake = new FakeZbs(loopback, options);
    return fake;
  }

  get url(): string {
    return this.loopback.url;
  }

  get path(): string {
    return this.options.path ?? "/message/template";
  }

  close(): Promise<void> {
    return this.loopback.close();
  }

  /** A new access token Zalo accepts (what the OA's token refresh would bring). */
  issueToken(): string {
    const token = `acc-${hexId(12)}`;
    this.validAccess.add(token);
    return token;
  }

  /** Every access token issued so far stops working. */
  expireAccessTokens(): void {
    this.validAccess.clear();
  }

  failNext(fault: ZbsFault): void {
    this.faults.push({ fault, left: fault.times ?? 1 });
  }

  violations(): ZbsCall[] {
    return this.calls.filter((c) => c.rejected);
  }

  private async serve(req: IncomingMessage, raw: Buffer, res: ServerResponse): Promise<void> {
    const path = (req.url ?? "").split("?")[0]!;
    const token = typeof req.headers.access_token === "string" ? req.headers.access_token : undefined;
    const call: ZbsCall = { path, at: Date.now(), accessToken: token, body: undefined, error: 0 };
    this.calls.push(call);
    const answer = (error: number, message: string, data?: unknown) => {
      call.error = error;
      json(res, 200, data === undefined ? { error, message } : { error, message, data });
    };
    const reject = (error: number, why: string) => {
      call.rejected = why;
      answer(error, why);
    };
    if (req.method !== "POST" || path !== this.path) {
      call.rejected = `no such endpoint: ${req.method} ${path}`;
      call.error = 404;
      return json(res, 404, { error: 404, message: "not found" });
    }
    if (!(req.headers["content-type"] ?? "").startsWith("application/json"))
      return reject(-122, "content type must be application/json");
    if (req.headers.authorization)
      return reject(-124, "the API takes the access_token header, not Authorization");
    try {
      call.body = JSON.parse(raw.toString("utf8"));
    } catch {
      return reject(-122, "body is not JSON");
    }
    if (!token || !(this.validAccess.has(token) || this.options.accepts?.(token)))
      return answer(this.options.tokenError ?? -124, "Access token is invalid");

    const parsed = zbsBody.safeParse(call.body);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      const field = String(issue.path[0] ?? "");
      const code = field === "phone" ? -108 : field === "template_id" ? -109 : -132;
      return reject(code, `${issue.path.join(".") || "body"}: ${issue.message}`);
    }
    const body = parsed.data;
    const template = this.options.templates[body.template_id];
    if (!template) return reject(-109, `template ${body.template_id} does not exist`);
    const names = Object.keys(template.params).sort();
    const given = Object.keys(body.template_data).sort();
    if (names.join() !== given.join())
      return reject(-112, `template_data must have exactly ${names.join(", ")}, got ${given.join(", ")}`);
    for (const [name, value] of Object.entries(body.template_data)) {
      if (value.trim() === "") return reject(-132, `template_data.${name} is empty`);
      if (value.length > template.params[name]!)
        return reject(
          -132,
          `template_data.${name} is ${value.length} characters, over ${template.params[name]}`,
        );
    }
    const rendered = template.content
      ? template.content.replace(/<([A-Za-z0-9_]+)>/g, (_, n: string) => body.template_data[n] ?? "")
      : Object.values(body.template_data).join("");
    if (rendered.length > MAX_TEMPLATE_LENGTH)
      return reject(
        -130,
        `the rendered message is ${rendered.length} characters, over ${MAX_TEMPLATE_LENGTH}`,
      );

    const fault = this.faults.find((f) => f.left > 0);
    if (fault) {
      fault.left--;
      call.injected = true;
      if (fault.fault.httpStatus) {
        call.error = fault.fault.httpStatus;
        // A gateway's JSON in front of Zalo's: an error code (0 too) under an HTTP error.
        if (fault.fault.error !== undefined)
          return json(res, fault.fault.httpStatus, {
            error: fault.fault.error,
            message: fault.fault.message ?? "injected fault",
          });
        res.writeHead(fault.fault.httpStatus, { "content-type": "text/html" });
        res.end("<html><body>Too Many Requests</body></html>");
        return;
      }
      return answer(fault.fault.error ?? -100, fault.fault.message ?? "injected fault");
    }
    if (template.approved === false) return answer(-131, "Template is not approved");
    if (body.phone && this.unknownPhones.has(body.phone))
      return answer(-118, "Zalo account not existed or disabled");
    if (this.remainingQuota <= 0) return answer(-144, "OA has exceeded the daily quota");
    this.remainingQuota--;
    const msgId = hexId(16);
    this.delivered.push({
      ...(body.phone ? { phone: body.phone } : {}),
      ...(body.user_id ? { userId: body.user_id } : {}),
      templateId: body.template_id,
      data: body.template_data,
      trackingId: body.tracking_id,
      msgId,
      accessToken: token,
    });
    answer(0, "Success", {
      msg_id: msgId,
      sent_time: String(Date.now()),
      // Zalo sends the figures as strings.
      quota: {
        dailyQuota: String(this.options.dailyQuota ?? 500),
        remainingQuota: String(this.remainingQuota),
      },
    });
  }
}

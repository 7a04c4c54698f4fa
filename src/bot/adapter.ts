import type { Courier } from "../application/delivery/courier.ts";
import type { Translator } from "../application/i18n.ts";
import type { Logger } from "../application/logger.ts";
import type { IncomingUpdate, RunnerOutput } from "../application/runner.ts";
import type { FlowRegistry } from "../dialogs/flow.ts";
import type { Store } from "../domain/ports.ts";
import type { Route } from "./http/server.ts";

/**
 * One chat platform behind one interface (the Vercel Chat SDK's Adapter): the core never imports
 * a platform. An adapter turns the platform's raw updates into neutral deliveries, renders views
 * natively and sends them; the pipeline does everything in between, for every channel alike.
 */

/** What an adapter needs to answer a delivery: the runner's output, or a sentence of the pipeline's own. */
export type ReplyOutput = Pick<RunnerOutput, "reply" | "language" | "nonce">;

/** What a channel can show. */
export interface ChannelLimits {
  /** The longest message, in characters; longer texts are split. */
  maxText: number;
  /** Choices as buttons pressed in place, or as numbered lines answered by number or label. */
  choices: "buttons" | "numbered";
  /** Buttons per message, when limited (Zalo OA: 5). */
  maxButtons?: number;
  /** Whether a sent message can be edited (else an edit arrives as a follow-up message). */
  canEdit: boolean;
}

/** An update as the pipeline keeps it: the neutral update and what the adapter needs to answer it. */
export interface Delivery {
  update: IncomingUpdate;
  /** The adapter's own context of the update (Telegram: the callback query and its message). */
  meta?: Record<string, string | number>;
}

/** A delivery read off the platform, with its identity for dedupe and its place in its chat's order. */
export interface ParsedDelivery extends Delivery {
  /** Unique within the adapter's `source` (Telegram's update_id, Zalo's event and message id). */
  key: string;
  /** Order within the chat (Telegram's update_id, Zalo's timestamp); ties keep arrival order. */
  seq: number;
}

/** What the pipeline gives an adapter to hand deliveries in. */
export interface Ingress {
  /**
   * Stores a delivery durably, then processes it. Resolves once stored (`fresh`: not seen before);
   * rejects when it could not be stored, so the platform delivers it again (webhook 503, polling
   * offset kept). `processed` resolves when it (and what the chat had waiting) has been handled.
   */
  receive(
    adapter: ChannelAdapter,
    delivery: ParsedDelivery,
  ): Promise<{ fresh: boolean; processed: Promise<void> }>;
  /**
   * A webhook body that is valid JSON but no update of the platform: recorded as rejected with
   * its reason, never processed; the webhook answers 200 so that it is not delivered again.
   */
  reject(adapter: ChannelAdapter, rejection: Rejection): Promise<void>;
}

/** Why a webhook body is not an update, and the body (its hash identifies the record). */
export interface Rejection {
  reason: string;
  body: Buffer;
}

/** Why a parsed webhook body cannot be an update: null, a number, a string, an array. */
export function notAnObject(body: unknown): string | null {
  if (body === null) return "null";
  if (Array.isArray(body)) return "an array";
  return typeof body === "object" ? null : `a ${typeof body}`;
}

export interface ChannelAdapter extends Courier {
  /** The channel's name, as stored with identities and sessions ("telegram"). */
  readonly channel: string;
  /** The scope of its delivery keys: one bot's update ids never collide with another's. */
  readonly source: string;
  readonly limits: ChannelLimits;
  /** The HTTP routes it serves (its webhook). */
  readonly routes: Route[];
  /** The deliveries a raw payload carries: usually one; none for what the bot ignores. */
  parse(raw: unknown): ParsedDelivery[];
  /** Starts taking updates into `ingress` (registers the webhook, starts polling or reading). */
  start(ingress: Ingress): Promise<void>;
  stop(): Promise<void>;
  /** Sends the reply to a delivery: answers a pressed button, marks the answered question, sends the views. */
  reply(delivery: Delivery, output: ReplyOutput): Promise<void>;
  /** Tells the person a message could not be handled and should be sent again. */
  failed(delivery: Delivery): Promise<void>;
  /** A link that starts the bot with an invitation code, where the platform has one. */
  inviteLink?(code: string): Promise<string | null>;
  /**
   * The bytes of a file someone sent (an attachment's `ref`), fetched by the server so that no
   * token reaches a browser; null when the platform no longer has it.
   */
  download?(ref: string): Promise<DownloadedFile | null>;
  /**
   * Only this machine's user reaches it (the terminal): the incoming rate limit does not apply, as
   * a script typing into it is the one person there and floods nobody else.
   */
  readonly local?: boolean;
  /** An interactive channel ends (the console's input closed): the process may stop. */
  readonly finished?: Promise<void>;
}

/** What every channel is built with. */
export interface ChannelDeps {
  store: Store;
  translator: Translator;
  flows: FlowRegistry;
  logger: Logger;
  clock: () => Date;
  /** PUBLIC_URL: where the outside world reaches this server, to register webhooks. */
  publicUrl?: string;
}

/** A file fetched from a platform. */
export interface DownloadedFile {
  data: Uint8Array;
  mime?: string;
}

/** Files larger than this are not fetched (what Telegram lets a bot download). */
export const MAX_DOWNLOAD_BYTES = 20 * 1024 * 1024;

/** Fetches a file from a platform's URL: its bytes and type, null when it is gone or too large. */
export async function downloadUrl(url: string, init: RequestInit = {}): Promise<DownloadedFile | null> {
  if (!/^https?:\/\//.test(url)) return null;
  const res = await fetch(url, { ...init, redirect: "follow", signal: AbortSignal.timeout(30_000) });
  if (!res.ok) return null;
  if (Number(res.headers.get("content-length") ?? 0) > MAX_DOWNLOAD_BYTES) return null;
  const data = new Uint8Array(await res.arrayBuffer());
  if (data.length > MAX_DOWNLOAD_BYTES) return null;
  const mime = res.headers.get("content-type")?.split(";")[0]?.trim();
  return { data, ...(mime ? { mime } : {}) };
}

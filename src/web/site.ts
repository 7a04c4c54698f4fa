import type { Translator } from "../application/i18n.ts";
import type { Logger } from "../application/logger.ts";
import type { ChannelAdapter } from "../bot/adapter.ts";
import type { Mount } from "../bot/http/server.ts";
import type { OrgTree } from "../domain/org.ts";
import type { Store } from "../domain/ports.ts";
import type { Rulebook } from "../domain/rulebook/schema.ts";

/**
 * A web application served beside the channels by the one HTTP server (DESIGN §4): the officers'
 * workspace, the public gallery. Each is one folder under src/web and one line in SITES.
 */
export interface SiteDeps {
  store: Store;
  translator: Translator;
  rulebook: Rulebook;
  tree: OrgTree;
  logger: Logger;
  clock: () => Date;
  /** PUBLIC_URL: absolute links (sign-in links, Open Graph, sitemap) and the Secure cookie flag. */
  publicUrl?: string;
  /** The running channels: attachments fetched through them, decisions' messages sent by them. */
  adapters: ChannelAdapter[];
  /** The channels that open web apps (Telegram's Mini App), with the key that signs their data. */
  miniApps: { channel: string; key: string }[];
  /** After a change that queued notifications: the dispatcher's kick. */
  afterChange(): void;
}

export interface Site {
  name: string;
  create(deps: SiteDeps): Mount;
}

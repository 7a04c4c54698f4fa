import type { Courier, TemplateWay } from "../application/delivery/courier.ts";
import type { DeliveryPolicy } from "../application/delivery/policy.ts";
import type { Logger } from "../application/logger.ts";
import type { ChannelAdapter } from "./adapter.ts";
import { createEmailCourier } from "./email/courier.ts";
import { createMailer, type Mailer } from "./email/mailer.ts";
import type { OutsideSettings } from "./reach-settings.ts";
import type { ZaloOaAdapter } from "./zalo-oa/adapter.ts";
import { CHANNEL as ZALO_OA } from "./zalo-oa/updates.ts";
import { createZbsSender } from "./zalo-zbs/sender.ts";
import { loadZbsTemplates, ZbsTemplateError } from "./zalo-zbs/templates.ts";
import { createTemplateWay, templateProblems } from "./zalo-zbs/way.ts";

/** What the configuration says about reaching people. */
export interface ReachSettings {
  policy: DeliveryPolicy;
  outside: OutsideSettings;
}

/**
 * The ways to reach people outside a chat, from the configuration: e-mail over SMTP (SMTP_URL,
 * MAIL_FROM) and Zalo template messages (ZALO_ZBS_*, with the OA channel's shared token), plus
 * each chat channel's interaction window. What the dispatcher gets besides the chat channels.
 */
export interface Reach {
  email?: Courier;
  templates?: TemplateWay;
  templateChannel?: string;
  windows: Record<string, number>;
  close(): void;
}

export class ReachConfigError extends Error {
  override readonly name = "ReachConfigError";
}

export async function reachOf(
  config: ReachSettings,
  adapters: readonly ChannelAdapter[],
  logger: Logger,
  clock: () => Date,
): Promise<Reach> {
  const { email, zbs } = config.outside;
  const windows = Object.fromEntries(
    Object.entries(config.outside.windowHours).map(([channel, hours]) => [channel, hours * 3_600_000]),
  );
  let mailer: Mailer | undefined;
  const reach: Reach = { windows, close: () => mailer?.close() };
  if (email.smtpUrl && email.from) {
    mailer = createMailer({ smtpUrl: email.smtpUrl, from: email.from, logger, clock });
    reach.email = createEmailCourier({ mailer });
  }
  if (zbs.templatesPath) {
    const oa = adapters.find((a) => a.channel === ZALO_OA) as ZaloOaAdapter | undefined;
    if (!oa?.tokens)
      throw new ReachConfigError("ZALO_ZBS_TEMPLATES: Zalo template messages need the Zalo OA channel");
    let templates: Awaited<ReturnType<typeof loadZbsTemplates>>;
    try {
      templates = await loadZbsTemplates(zbs.templatesPath);
    } catch (error) {
      if (error instanceof ZbsTemplateError)
        throw new ReachConfigError(`ZALO_ZBS_TEMPLATES: ${error.message}`);
      throw error;
    }
    const kinds = Object.entries(config.policy)
      .filter(([, p]) => p.ways.includes("zalo_template"))
      .map(([kind]) => kind);
    const problems = templateProblems(templates, kinds);
    if (problems.length)
      throw new ReachConfigError(
        `ZALO_ZBS_TEMPLATES: ${zbs.templatesPath} does not fit the delivery policy:\n${problems.map((p) => `  - ${p}`).join("\n")}`,
      );
    const sender = createZbsSender({
      ...(zbs.apiRoot ? { apiRoot: zbs.apiRoot } : {}),
      ...(zbs.path ? { path: zbs.path } : {}),
      tokens: oa.tokens,
      logger,
      clock,
    });
    reach.templates = createTemplateWay(sender, templates);
    reach.templateChannel = ZALO_OA;
  }
  return reach;
}

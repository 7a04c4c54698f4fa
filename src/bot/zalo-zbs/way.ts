import { type TemplateWay, WayUnavailable } from "../../application/delivery/courier.ts";
import { VALUES_BY_KIND } from "../../application/delivery/template-values.ts";
import { ZbsConfigError } from "./errors.ts";
import type { ZbsSender } from "./sender.ts";
import { fillTemplate, ZBS_KINDS, type ZbsKind, ZbsTemplateError, type ZbsTemplates } from "./templates.ts";

/**
 * Zalo template messages as a way of the delivery policy: the kind's approved template filled
 * from the notification, sent by Zalo user id or phone, its price recorded as the attempt's cost.
 * A template Zalo refuses as configured (not approved, no balance…) is WayUnavailable: the
 * policy moves on, and the log says what to fix.
 */
export function createTemplateWay(sender: ZbsSender, templates: ZbsTemplates): TemplateWay {
  const known = (kind: string): kind is ZbsKind => (ZBS_KINDS as readonly string[]).includes(kind);
  return {
    has: (kind) => known(kind) && templates[kind] !== undefined,
    async send(to, kind, values, trackingId) {
      if (!known(kind)) throw new WayUnavailable(`no template for ${kind}`);
      let filled: ReturnType<typeof fillTemplate>;
      try {
        filled = fillTemplate(templates, kind, values);
      } catch (error) {
        if (error instanceof ZbsTemplateError) throw new WayUnavailable(error.message);
        throw error;
      }
      if (!filled) throw new WayUnavailable(`no template for ${kind}`);
      const { pricePerMessageVnd, ...message } = filled;
      try {
        await sender.send({ ...message, to, trackingId });
      } catch (error) {
        if (error instanceof ZbsConfigError) throw new WayUnavailable(error.message);
        throw error;
      }
      return { costVnd: pricePerMessageVnd };
    },
  };
}

/**
 * The start-up check of ZALO_ZBS_TEMPLATES against the delivery policy: every kind whose ways
 * include `zalo_template` has a template, and every parameter of a template is one the bot fills
 * for that kind. The problems, each naming its path; none when all is well.
 */
export function templateProblems(templates: ZbsTemplates, kindsUsingTemplates: readonly string[]): string[] {
  const problems: string[] = [];
  for (const kind of kindsUsingTemplates)
    if (!templates[kind as ZbsKind])
      problems.push(`${kind}: no template, but the delivery policy sends ${kind} by zalo_template`);
  for (const [kind, template] of Object.entries(templates)) {
    const given = VALUES_BY_KIND[kind] ?? [];
    for (const [name, param] of Object.entries(template?.params ?? {}))
      if (!given.includes(param.source))
        problems.push(
          `${kind}.params.${name}.source: a ${kind} has no ${param.source} (it has ${given.join(", ")})`,
        );
  }
  return problems;
}

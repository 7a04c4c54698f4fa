import { readFile } from "node:fs/promises";
import { z } from "zod";
import type { TemplateValues } from "../../application/delivery/courier.ts";
import { formatDate } from "../../dialogs/format.ts";
import { DEFAULT_PARAM_LIMIT, fixedLength, MAX_TEMPLATE_LENGTH, placeholders } from "./fit.ts";
import type { ZbsMessage } from "./sender.ts";

/**
 * Which approved Zalo template carries each kind of notification (ZALO_ZBS_TEMPLATES, a JSON
 * file): its id, where each of its parameters comes from, and what a message costs. A province
 * submits its own templates to Zalo (approval takes 1–3 working days) and writes their ids here.
 * See config/zbs-templates.example.json.
 */

export const ZBS_KINDS = ["arrival", "decision", "nudge_digest", "registrant_reminder"] as const;
export type ZbsKind = (typeof ZBS_KINDS)[number];

/** What a parameter is filled with, from the notification's data. */
export const PARAM_SOURCES = [
  "code",
  "model_name",
  "deadline",
  "date",
  "days_left",
  "body",
  "outcome",
  "count",
] as const;
export type ParamSource = (typeof PARAM_SOURCES)[number];

const paramName = z.string().regex(/^[A-Za-z0-9_]{1,50}$/, { message: "expected a name of A–Z a–z 0–9 _" });

const param = z.strictObject({
  source: z.enum(PARAM_SOURCES, { message: `expected one of ${PARAM_SOURCES.join(", ")}` }),
  maxLength: z.int().min(1).max(MAX_TEMPLATE_LENGTH).optional(),
});

const template = z
  .strictObject({
    templateId: z
      .union([z.string(), z.int().positive()])
      .transform(String)
      .pipe(z.string().regex(/^\d{1,20}$/, { message: "expected the template's id, digits" })),
    params: z.record(paramName, param).refine((p) => Object.keys(p).length > 0, {
      message: "a template has at least one parameter",
    }),
    pricePerMessageVnd: z.number().min(0),
    /** The template's approved text with `<name>` placeholders (optional: checks names and length). */
    content: z.string().min(1).optional(),
  })
  .superRefine((t, ctx) => {
    if (!t.content) return;
    const used = placeholders(t.content);
    for (const name of Object.keys(t.params))
      if (!used.has(name))
        ctx.addIssue({ code: "custom", path: ["params", name], message: `<${name}> is not in content` });
    for (const name of used.keys())
      if (!(name in t.params))
        ctx.addIssue({ code: "custom", path: ["content"], message: `<${name}> has no entry in params` });
    if (fixedLength(t.content) >= MAX_TEMPLATE_LENGTH)
      ctx.addIssue({
        code: "custom",
        path: ["content"],
        message: `longer than ${MAX_TEMPLATE_LENGTH} characters`,
      });
  });

export const zbsTemplatesSchema = z.strictObject(
  Object.fromEntries(ZBS_KINDS.map((k) => [k, template.optional()])) as Record<
    ZbsKind,
    z.ZodOptional<typeof template>
  >,
);

export type ZbsTemplate = z.output<typeof template>;
export type ZbsTemplates = Partial<Record<ZbsKind, ZbsTemplate>>;

export class ZbsTemplateError extends Error {
  override readonly name = "ZbsTemplateError";
  constructor(
    readonly source: string,
    readonly issues: string[],
  ) {
    super(`Zalo template configuration ${source} is invalid:\n${issues.map((i) => `  - ${i}`).join("\n")}`);
  }
}

function describe(issue: z.core.$ZodIssue): string {
  const path = issue.path.length ? issue.path.join(".") : "(root)";
  if (issue.code === "unrecognized_keys")
    return `${path}: unknown ${issue.keys.map((k) => `"${k}"`).join(", ")}`;
  return `${path}: ${issue.message}`;
}

/** Validates a template configuration; the error names each bad path (`arrival.params.ma_ho_so.source`). */
export function parseZbsTemplates(data: unknown, source: string): ZbsTemplates {
  const result = zbsTemplatesSchema.safeParse(data);
  if (!result.success) throw new ZbsTemplateError(source, result.error.issues.map(describe));
  return Object.fromEntries(Object.entries(result.data).filter(([, t]) => t !== undefined)) as ZbsTemplates;
}

/** Reads and validates the ZALO_ZBS_TEMPLATES file. */
export async function loadZbsTemplates(path: string): Promise<ZbsTemplates> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    throw new ZbsTemplateError(path, [`cannot be read: ${(error as NodeJS.ErrnoException).code ?? error}`]);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new ZbsTemplateError(path, [`not JSON: ${(error as Error).message}`]);
  }
  return parseZbsTemplates(data, path);
}

const VIETNAM = "Asia/Ho_Chi_Minh";

function paramValue(source: ParamSource, data: TemplateValues): string | number | undefined {
  const value = data[source];
  if (value instanceof Date) return formatDate(value, VIETNAM);
  return value;
}

/** One kind's message, without its recipient: what `createZbsSender().send` takes. */
export type FilledTemplate = Omit<ZbsMessage, "to" | "trackingId"> & { pricePerMessageVnd: number };

/**
 * The template of a kind filled from a notification's data, or null when no template is
 * configured for it. A parameter whose source the data lacks (or leaves empty) is an error that
 * names it: Zalo refuses a template with an empty parameter.
 */
export function fillTemplate(
  templates: ZbsTemplates,
  kind: ZbsKind,
  data: TemplateValues,
): FilledTemplate | null {
  const t = templates[kind];
  if (!t) return null;
  const values: Record<string, string | number> = {};
  const limits: Record<string, number> = {};
  const missing: string[] = [];
  for (const [name, p] of Object.entries(t.params)) {
    const value = paramValue(p.source, data);
    if (value === undefined || String(value).trim() === "")
      missing.push(`${kind}.params.${name}: no ${p.source}`);
    else values[name] = value;
    limits[name] = p.maxLength ?? DEFAULT_PARAM_LIMIT;
  }
  if (missing.length) throw new ZbsTemplateError(`for ${kind}`, missing);
  return {
    templateId: t.templateId,
    data: values,
    limits,
    ...(t.content ? { content: t.content } : {}),
    pricePerMessageVnd: t.pricePerMessageVnd,
  };
}

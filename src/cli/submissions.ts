import type { App } from "../app.ts";
import { recordExport } from "../application/services/privacy.ts";
import { STATUSES, type Status, type Submission } from "../domain/types.ts";
import { UsageError } from "./usage.ts";

/** A phone number as lists show it without --with-contacts: its last three digits. */
export function maskPhone(phone: string): string {
  return phone.length > 3 ? `${"*".repeat(phone.length - 3)}${phone.slice(-3)}` : "***";
}

/** A person's name as lists show it without --with-contacts: each word's first letter. */
export function maskName(name: string): string {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .map((word) => {
      const [first, ...rest] = [...word];
      return `${first}${"*".repeat(rest.length)}`;
    })
    .join(" ");
}

/** The contact, and an individual's own name and address (personal data), masked. */
function maskContact(s: Submission): Submission {
  const mask = (value: string | null, how: (v: string) => string) => (value === null ? null : how(value));
  const individual = s.registrantKind === "individual";
  return {
    ...s,
    contactName: mask(s.contactName, maskName),
    contactPhone: mask(s.contactPhone, maskPhone),
    ...(individual ? { unitName: mask(s.unitName, maskName), address: mask(s.address, () => "***") } : {}),
  };
}

/** Submissions as JSON, or as a table: code, status, body, model name. A body includes those below it. */
export async function listSubmissions(
  app: App,
  options: Record<string, string | boolean | undefined>,
): Promise<string> {
  const status = options.status as Status | undefined;
  if (status !== undefined && !STATUSES.includes(status))
    throw new UsageError(`--status must be one of ${STATUSES.join(", ")}`);
  const body = typeof options.body === "string" ? options.body : undefined;
  if (body !== undefined && !app.tree.get(body))
    throw new UsageError(`no body with code "${body}" in the organisation tree`);
  const scope = body ? new Set(app.tree.subtree(body).map((u) => u.code)) : null;
  const all = await app.store.submissions.list(status ? { status } : {});
  const rows = all.filter(
    (s) =>
      !scope ||
      (s.queueBodyCode !== null && scope.has(s.queueBodyCode)) ||
      (s.bodyCode !== null && scope.has(s.bodyCode)),
  );
  const withContacts = options["with-contacts"] === true;
  const at = app.clock();
  if (options.json) {
    const shown = withContacts ? rows : rows.map(maskContact);
    await recordExport(app.store, {
      actor: "cli",
      bodyCode: body ?? null,
      format: "json",
      columns: [...Object.keys(shown[0] ?? {}), ...(withContacts ? ["contacts"] : [])],
      rows: shown.length,
      at,
    });
    return JSON.stringify(shown, null, 2);
  }
  if (rows.length === 0) return "No submissions.";
  await recordExport(app.store, {
    actor: "cli",
    bodyCode: body ?? null,
    format: "table",
    columns: ["code", "status", "queueBodyCode", "model_name"],
    rows: rows.length,
    at,
  });
  return rows
    .map((s: Submission) =>
      [s.code ?? "(draft)", s.status, s.queueBodyCode ?? "-", s.description.model_name ?? ""].join("\t"),
    )
    .join("\n");
}

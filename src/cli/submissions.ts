import type { App } from "../app.ts";
import { STATUSES, type Status, type Submission } from "../domain/types.ts";
import { UsageError } from "./usage.ts";

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
  if (options.json) return JSON.stringify(rows, null, 2);
  if (rows.length === 0) return "No submissions.";
  return rows
    .map((s: Submission) =>
      [s.code ?? "(draft)", s.status, s.queueBodyCode ?? "-", s.description.model_name ?? ""].join("\t"),
    )
    .join("\n");
}

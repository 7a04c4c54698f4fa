import type { App } from "../app.ts";
import { ROLES, type Role } from "../domain/types.ts";
import { UsageError } from "./usage.ts";

type Options = Record<string, string | boolean | undefined>;

/** `membership list [--body <code>]`: who holds which role where, since when. */
export async function listMemberships(app: App, options: Options): Promise<string> {
  const body = typeof options.body === "string" ? options.body : undefined;
  if (body !== undefined && !app.tree.get(body))
    throw new UsageError(`no body with code "${body}" in the organisation tree`);
  const rows = await app.store.memberships.list(body);
  if (rows.length === 0) return "No memberships.";
  const lines = [];
  for (const m of rows) {
    const person = await app.store.people.get(m.personId);
    lines.push(
      [m.bodyCode, m.role, m.personId, person?.displayName || "-", m.since.toISOString()].join("\t"),
    );
  }
  return lines.join("\n");
}

/**
 * `membership revoke --person <id> --body <code> [--role <role>]`: ends the roles at once (every
 * button press and page reads the memberships afresh), written to the personal-data trail.
 */
export async function revokeMembership(app: App, options: Options): Promise<string> {
  const personId = typeof options.person === "string" ? options.person : undefined;
  const body = typeof options.body === "string" ? options.body : undefined;
  const role = options.role as Role | undefined;
  if (!personId || !body) throw new UsageError("--person <id> and --body <code> are required");
  if (role !== undefined && !ROLES.includes(role))
    throw new UsageError(`--role must be one of ${ROLES.join(", ")}`);
  const held = (await app.store.memberships.ofPerson(personId)).filter(
    (m) => m.bodyCode === body && (role === undefined || m.role === role),
  );
  if (held.length === 0) throw new UsageError(`no such membership of ${personId} at ${body}`);
  const at = app.clock();
  await app.store.transaction(async (repos) => {
    for (const m of held) {
      await repos.memberships.remove(m);
      await repos.privacyLog.record({
        at,
        actor: "cli",
        personId,
        action: "membership.end",
        bodyCode: m.bodyCode,
        detail: { role: m.role, reason: "revoked" },
      });
    }
  });
  return held.map((m) => `Ended: ${m.role} of ${m.bodyCode} for ${personId}.`).join("\n");
}

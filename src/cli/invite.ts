import type { App } from "../app.ts";
import { createInvitation, INVITATION_DAYS } from "../application/services/invitations.ts";
import { ROLES, type Role } from "../domain/types.ts";
import { channelAdapters } from "../serve.ts";
import { UsageError } from "./usage.ts";

/** Creates a one-time invitation and says how to use it on each channel. */
export async function invite(
  app: App,
  options: Record<string, string | boolean | undefined>,
): Promise<string> {
  const body = typeof options.body === "string" ? options.body : undefined;
  const role = options.role as Role | undefined;
  if (!body) throw new UsageError("--body <code> is required");
  if (!role || !ROLES.includes(role)) throw new UsageError(`--role must be one of ${ROLES.join(", ")}`);
  const days = options.days === undefined ? INVITATION_DAYS : Number(options.days);
  if (!Number.isInteger(days) || days < 1 || days > 365)
    throw new UsageError("--days must be a whole number from 1 to 365");
  const unit = app.tree.get(body);
  if (!unit) throw new UsageError(`no body with code "${body}" in the organisation tree`);
  const { code, expiresAt } = await createInvitation(app.store, {
    bodyCode: body,
    role,
    now: app.clock(),
    days,
  });
  const links: string[] = [];
  for (const adapter of channelAdapters(app)) {
    if (!adapter.inviteLink) continue;
    const link = await adapter.inviteLink(code).catch((error: Error) => `(no link: ${error.message})`);
    if (link) links.push(`${adapter.channel}: ${link}`);
  }
  return [
    `Invitation for ${unit.name} (${body}), role ${role}, single use, expires ${expiresAt.toISOString()}.`,
    `Code: ${code}`,
    ...links,
    `Or send "/start ${code}" to the bot (on Zalo and in the terminal chat: "start ${code}").`,
  ].join("\n");
}

import type { App } from "../app.ts";
import { TEMPLATE_WAY } from "../application/delivery/dispatcher.ts";
import { unreachedEntries } from "../application/services/unreached.ts";
import { zonedInstant } from "../domain/calendar.ts";
import type { DeliveryAttempt } from "../domain/ports.ts";
import { UsageError } from "./usage.ts";

type Options = Record<string, string | boolean | undefined>;

/** How far back `deliveries list --unreached` looks unless `--days` says otherwise. */
const DEFAULT_DAYS = 30;

/**
 * `deliveries list --unreached [--body <code>] [--days <n>] [--json]`: the notifications that
 * reached nobody, whom they were for and which bodies should know (written to the trail: names).
 */
export async function listDeliveries(app: App, options: Options): Promise<string> {
  if (options.unreached !== true) throw new UsageError("expected: deliveries list --unreached");
  const body = typeof options.body === "string" ? options.body : undefined;
  if (body !== undefined && !app.tree.get(body))
    throw new UsageError(`no body with code "${body}" in the organisation tree`);
  const days = typeof options.days === "string" ? Number(options.days) : DEFAULT_DAYS;
  if (!Number.isInteger(days) || days < 1) throw new UsageError("--days must be a whole number above 0");
  const now = app.clock();
  const entries = await unreachedEntries(app.store, new Date(now.getTime() - days * 86_400_000), {
    ...(body ? { bodies: [body] } : {}),
  });
  await app.store.privacyLog.record({
    at: now,
    actor: "cli",
    personId: null,
    action: "export",
    bodyCode: body ?? null,
    detail: { what: "unreached notifications", columns: ["name", "code"], rows: entries.length },
  });
  if (options.json) return JSON.stringify(entries, null, 2);
  if (entries.length === 0) return "No unreached notifications.";
  return entries
    .map((e) =>
      [e.at.toISOString(), e.kind, e.bodies.join(",") || "-", e.name, e.code ?? "-", e.reason ?? "-"].join(
        "\t",
      ),
    )
    .join("\n");
}

export interface WayFigures {
  way: string;
  sent: number;
  refused: number;
  failed: number;
  /** Notifications of the month that ended unreached after trying this way. */
  unreached: number;
  costVnd: number;
}

export interface MonthReport {
  month: string;
  ways: WayFigures[];
  templates: { sent: number; costVnd: number };
  unreached: number;
}

/** The month's attempts, per way (channel), for the operator's budget. */
export function monthFigures(
  month: string,
  attempts: DeliveryAttempt[],
  unreachedIds: Set<string>,
): MonthReport {
  const byWay = new Map<string, WayFigures>();
  const unreachedByWay = new Map<string, Set<string>>();
  for (const a of attempts) {
    const row = byWay.get(a.way) ?? { way: a.way, sent: 0, refused: 0, failed: 0, unreached: 0, costVnd: 0 };
    if (a.result === "sent") row.sent++;
    else if (a.result === "failed") row.failed++;
    else row.refused++;
    row.costVnd += a.costVnd;
    byWay.set(a.way, row);
    if (unreachedIds.has(a.notificationId)) {
      const ids = unreachedByWay.get(a.way) ?? new Set();
      ids.add(a.notificationId);
      unreachedByWay.set(a.way, ids);
    }
  }
  for (const [way, ids] of unreachedByWay) byWay.get(way)!.unreached = ids.size;
  const ways = [...byWay.values()].sort((a, b) => a.way.localeCompare(b.way));
  const template = byWay.get(TEMPLATE_WAY);
  return {
    month,
    ways,
    templates: { sent: template?.sent ?? 0, costVnd: template?.costVnd ?? 0 },
    unreached: unreachedIds.size,
  };
}

function monthBounds(month: string, timeZone: string): { from: Date; to: Date } {
  const match = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(month);
  if (!match) throw new UsageError("--month must be YYYY-MM, e.g. 2026-03");
  const year = Number(match[1]);
  const m = Number(match[2]);
  return {
    from: zonedInstant({ year, month: m, day: 1 }, timeZone),
    to: zonedInstant({ year: m === 12 ? year + 1 : year, month: m === 12 ? 1 : m + 1, day: 1 }, timeZone),
  };
}

/** `deliveries report --month YYYY-MM [--json]`: per channel, sent / refused / unreached, and the templates' cost. */
export async function deliveryReport(app: App, options: Options): Promise<string> {
  const month = typeof options.month === "string" ? options.month : "";
  const { from, to } = monthBounds(month, app.rulebook.timeZone);
  const attempts = await app.store.deliveries.between(from, to);
  const unreached = (await app.store.notifications.unreached(from)).filter(
    (n) => n.unreachedAt !== null && n.unreachedAt < to,
  );
  const report = monthFigures(month, attempts, new Set(unreached.map((n) => n.id)));
  if (options.json) return JSON.stringify(report, null, 2);
  const vnd = (n: number) => `${n.toLocaleString("en-US")} VND`;
  const lines = [
    `Deliveries in ${month} (${app.rulebook.timeZone})`,
    ["channel", "sent", "refused", "failed", "unreached", "cost"].join("\t"),
    ...report.ways.map((w) => [w.way, w.sent, w.refused, w.failed, w.unreached, vnd(w.costVnd)].join("\t")),
    `Template messages: ${report.templates.sent}, cost ${vnd(report.templates.costVnd)}`,
    `Notifications that reached nobody: ${report.unreached}`,
  ];
  return lines.join("\n");
}

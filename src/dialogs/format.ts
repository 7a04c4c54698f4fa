import { localTime } from "../domain/calendar.ts";
import type { AuditEvent } from "../domain/status.ts";
import type { Audience, CommandSpec } from "./flow.ts";
import { type Text, t } from "./view.ts";

const two = (n: number) => String(n).padStart(2, "0");

/** "20/03/2026 09:05", local time of the rulebook's zone. */
export function formatTime(at: Date, timeZone: string): string {
  const l = localTime(at, timeZone);
  return `${two(l.day)}/${two(l.month)}/${l.year} ${two(l.hour)}:${two(l.minute)}`;
}

/** "20/03/2026". */
export function formatDate(at: Date, timeZone: string): string {
  return formatTime(at, timeZone).slice(0, 10);
}

/** One line of a submission's history: when, what, who (by role), and why. */
export function historyLine(event: AuditEvent, timeZone: string): Text {
  const key = event.reason ? "history.line_reason" : event.data.tie ? "history.line_tie" : "history.line";
  return t(key, {
    at: formatTime(event.at, timeZone),
    action: event.action,
    role: event.actorRole,
    reason: event.reason ?? "",
  });
}

/** The fields a resubmission changed, as labels: "Địa chỉ", "Mục tiêu, tiêu chí"… */
export function changedLines(event: AuditEvent): Text[] {
  const changed = event.data.changed as string[] | undefined;
  if (!changed?.length) return [];
  return [
    t("history.changed"),
    ...changed.map((key) => {
      const [group, id] = key.split(".");
      if (group === "description") return t("history.changed_item", { item: id });
      if (group === "scores") return t("history.changed_score", { criterion: id });
      return t(`history.changed_field.${group}`);
    }),
  ];
}

/** The menu's commands as lines "/dangky — Đăng ký mô hình" (in English "/register — …"), all or one audience's. */
export function menuLines(menu: readonly CommandSpec[], who?: Audience): Text[] {
  return [
    t("help.commands_title"),
    ...menu
      .filter((c) => who === undefined || c.who === who)
      .map((c) => t("help.command", { vi: c.words[0], en: c.words[1], name: c.name })),
  ];
}

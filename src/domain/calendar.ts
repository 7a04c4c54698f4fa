import type { Rulebook } from "./rulebook/schema.ts";
import type { Tier } from "./types.ts";

/**
 * The annual calendar (seed 001): registrations before 30/3, province-level proposals before
 * 1/10, recognition at every tier before 15/10. "Before D" means the deadline is 00:00 local time
 * on D. Everything is computed in the rulebook's time zone (Asia/Ho_Chi_Minh), never the machine's.
 */

export type DeadlineId = "registration" | "province_proposal" | "recognition";
export const DEADLINE_IDS: DeadlineId[] = ["registration", "province_proposal", "recognition"];

export interface LocalDate {
  year: number;
  month: number;
  day: number;
}

export interface LocalTime extends LocalDate {
  hour: number;
  minute: number;
  second: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** Wall-clock time of an instant in a time zone. */
export function localTime(instant: Date, timeZone: string): LocalTime {
  const parts: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(instant)) {
    if (p.type !== "literal") parts[p.type] = Number(p.value);
  }
  return {
    year: parts.year!,
    month: parts.month!,
    day: parts.day!,
    hour: parts.hour!,
    minute: parts.minute!,
    second: parts.second!,
  };
}

/** The instant a wall-clock time happens in a time zone. */
export function zonedInstant(t: LocalDate & Partial<LocalTime>, timeZone: string): Date {
  const wanted = Date.UTC(t.year, t.month - 1, t.day, t.hour ?? 0, t.minute ?? 0, t.second ?? 0);
  let guess = wanted;
  // Two corrections reach the right offset, including across an offset change.
  for (let i = 0; i < 2; i++) {
    const seen = localTime(new Date(guess), timeZone);
    const seenMs = Date.UTC(seen.year, seen.month - 1, seen.day, seen.hour, seen.minute, seen.second);
    guess += wanted - seenMs;
  }
  return new Date(guess);
}

/** A local date moved by whole days (month and year boundaries and leap days handled). */
export function addDays(date: LocalDate, days: number): LocalDate {
  const d = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

function dayNumber(date: LocalDate): number {
  return Math.round(Date.UTC(date.year, date.month - 1, date.day) / 86_400_000);
}

function monthDay(value: string, year: number): LocalDate {
  const [month, day] = value.split("-").map(Number);
  return { year, month: month!, day: day! };
}

export interface Deadline {
  id: DeadlineId;
  /** The local day the deadline falls on ("before 30/3" → 30/3). */
  date: LocalDate;
  /** 00:00 local time on that day. */
  at: Date;
}

export function deadline(id: DeadlineId, year: number, rulebook: Rulebook): Deadline {
  const c = rulebook.calendar;
  const value =
    id === "registration"
      ? (c.registrationDeadlineByYear[String(year)] ?? c.registrationDeadline)
      : id === "province_proposal"
        ? c.provinceProposalDeadline
        : c.recognitionDeadline;
  const date = monthDay(value, year);
  return { id, date, at: zonedInstant(date, rulebook.timeZone) };
}

export function deadlines(year: number, rulebook: Rulebook): Deadline[] {
  return DEADLINE_IDS.map((id) => deadline(id, year, rulebook));
}

/**
 * The cycle a moment belongs to: the calendar year, until recognition closes on 15/10; after
 * that, the next year's cycle (a registration in November is an early one for next year).
 */
export function cycleYear(now: Date, rulebook: Rulebook): number {
  const year = localTime(now, rulebook.timeZone).year;
  return now >= deadline("recognition", year, rulebook).at ? year + 1 : year;
}

/** True while `now` is before the deadline (the window is still open). */
export function isOpen(now: Date, d: Deadline): boolean {
  return now.getTime() < d.at.getTime();
}

/** Whole local days from today to the deadline's day: 1 on the last day, 0 or less once passed. */
export function daysLeft(now: Date, d: Deadline, timeZone: string): number {
  return dayNumber(d.date) - dayNumber(localTime(now, timeZone));
}

export interface NudgeTime {
  deadline: Deadline;
  offsetDays: number;
  at: Date;
}

/** When to nudge before a deadline: each offset's day at the rulebook's hour, local time. */
export function nudgeTimes(d: Deadline, rulebook: Rulebook): NudgeTime[] {
  return rulebook.calendar.nudgeOffsetsDays.map((offsetDays) => ({
    deadline: d,
    offsetDays,
    at: zonedInstant(
      { ...addDays(d.date, -offsetDays), hour: rulebook.calendar.nudgeHour },
      rulebook.timeZone,
    ),
  }));
}

/** No messages at night (21:00–07:00 local by default). */
export function isQuietHour(now: Date, rulebook: Rulebook): boolean {
  const { from, to } = rulebook.calendar.quietHours;
  const hour = localTime(now, rulebook.timeZone).hour;
  return from > to ? hour >= from || hour < to : hour >= from && hour < to;
}

/** `now`, or the end of the quiet hours it falls in. */
export function nextSendableTime(now: Date, rulebook: Rulebook): Date {
  if (!isQuietHour(now, rulebook)) return now;
  const local = localTime(now, rulebook.timeZone);
  const { to } = rulebook.calendar.quietHours;
  const day = local.hour >= to ? addDays(local, 1) : local;
  return zonedInstant({ ...day, hour: to }, rulebook.timeZone);
}

/** "01/10/2026": a deadline's day as the problems and refusals name it. */
export function deadlineDate(d: Deadline): string {
  const two = (n: number) => String(n).padStart(2, "0");
  return `${two(d.date.day)}/${two(d.date.month)}/${d.date.year}`;
}

/**
 * The deadline an act at a tier answers to: proposals for province-level recognition (and
 * nominations to the province) before 1/10; anything else about recognition before 15/10.
 */
export function recognitionDeadlineFor(tier: Tier, act: "proposal" | "decision"): DeadlineId {
  return act === "proposal" && tier === "province" ? "province_proposal" : "recognition";
}

export interface Lateness {
  late: boolean;
  deadline: Deadline;
}

/** Whether `now` is past a cycle's deadline. */
export function lateness(now: Date, id: DeadlineId, year: number, rulebook: Rulebook): Lateness {
  const d = deadline(id, year, rulebook);
  return { late: !isOpen(now, d), deadline: d };
}

import { addDays, localTime, zonedInstant } from "../../domain/calendar.ts";

const VIETNAM = "Asia/Ho_Chi_Minh";

/** The next `hour`:00 in Vietnam after `now` (the end of Zalo's night pause). */
export function nextLocalHour(now: Date, hour: number): Date {
  const today = localTime(now, VIETNAM);
  const at = zonedInstant({ ...today, hour, minute: 0, second: 0 }, VIETNAM);
  return at > now ? at : zonedInstant({ ...addDays(today, 1), hour }, VIETNAM);
}

/**
 * A message the channel refused for now, not for good: Zalo OA's -230 (the person has not written
 * to the OA for 7 days, so consultation messages are refused until they do) and -234 (no
 * messages at night). The notification stays in the outbox: try the person's other channel, or
 * this one again from `until`.
 */
export class RetryLater extends Error {
  override readonly name = "RetryLater";
  constructor(
    readonly until: Date,
    readonly reason: "no_interaction" | "night",
    message = `refused until ${until.toISOString()} (${reason})`,
  ) {
    super(message);
  }
}

/** Vietnam's offset from UTC (no daylight saving). */
const VN_OFFSET_MS = 7 * 3_600_000;

/** The next `hour`:00 in Vietnam after `now` (the end of the night pause). */
export function nextLocalHour(now: Date, hour: number): Date {
  const local = new Date(now.getTime() + VN_OFFSET_MS);
  const at = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate(), hour) - VN_OFFSET_MS;
  return new Date(at > now.getTime() ? at : at + 86_400_000);
}

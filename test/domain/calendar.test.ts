import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  addDays,
  cycleYear,
  daysLeft,
  deadline,
  deadlines,
  isOpen,
  isQuietHour,
  localTime,
  nextSendableTime,
  nudgeTimes,
} from "../../src/domain/calendar.ts";
import { threeTier, twoTier, vn } from "../support/fixtures.ts";

// The same answers whatever time zone the process runs in.
describe.each(["Asia/Ho_Chi_Minh", "UTC", "Pacific/Kiritimati", "America/Los_Angeles"])(
  "calendar with TZ=%s",
  (tz) => {
    const saved = process.env.TZ;
    beforeAll(() => {
      process.env.TZ = tz;
    });
    afterAll(() => {
      process.env.TZ = saved;
    });

    it("really runs in that time zone", () => {
      const offset = new Date("2026-03-29T12:00:00Z").getTimezoneOffset();
      const expected = {
        "Asia/Ho_Chi_Minh": -420,
        UTC: 0,
        "Pacific/Kiritimati": -840,
        "America/Los_Angeles": 420,
      };
      expect(offset).toBe(expected[tz as keyof typeof expected]);
    });

    it("closes registration at 00:00 on 30/3 Vietnam time", () => {
      const d = deadline("registration", 2026, threeTier);
      expect(d.at.toISOString()).toBe("2026-03-29T17:00:00.000Z");
      expect(isOpen(vn("2026-03-29T23:59:59"), d)).toBe(true);
      expect(isOpen(vn("2026-03-30T00:00:00"), d)).toBe(false);
    });

    it("took registrations until 1/5 in 2021", () => {
      const d = deadline("registration", 2021, threeTier);
      expect(isOpen(vn("2021-04-30T23:59:59"), d)).toBe(true);
      expect(isOpen(vn("2021-05-01T00:00:00"), d)).toBe(false);
    });

    it("takes province-level proposals before 1/10 and recognition before 15/10", () => {
      const province = deadline("province_proposal", 2026, threeTier);
      expect(isOpen(vn("2026-09-30T23:59:59"), province)).toBe(true);
      expect(isOpen(vn("2026-10-01T00:00:00"), province)).toBe(false);
      const recognition = deadline("recognition", 2026, twoTier);
      expect(isOpen(vn("2026-10-14T23:59:59"), recognition)).toBe(true);
      expect(isOpen(vn("2026-10-15T00:00:00"), recognition)).toBe(false);
    });

    it("counts days left in local days: 1 on the last day, 0 on the deadline day", () => {
      const d = deadline("registration", 2026, threeTier);
      expect(daysLeft(vn("2026-03-16T00:00:00"), d, threeTier.timeZone)).toBe(14);
      expect(daysLeft(vn("2026-03-29T23:59:59"), d, threeTier.timeZone)).toBe(1);
      expect(daysLeft(vn("2026-03-30T00:00:00"), d, threeTier.timeZone)).toBe(0);
      expect(daysLeft(vn("2026-02-27T08:00:00"), d, threeTier.timeZone)).toBe(31);
    });

    it("counts the leap day", () => {
      const d = deadline("registration", 2028, threeTier);
      expect(daysLeft(vn("2028-02-28T10:00:00"), d, threeTier.timeZone)).toBe(31);
      expect(
        daysLeft(vn("2027-02-28T10:00:00"), deadline("registration", 2027, threeTier), threeTier.timeZone),
      ).toBe(30);
      expect(addDays({ year: 2028, month: 3, day: 1 }, -1)).toEqual({ year: 2028, month: 2, day: 29 });
      expect(addDays({ year: 2027, month: 3, day: 1 }, -1)).toEqual({ year: 2027, month: 2, day: 28 });
    });

    it("nudges at 08:00 local, 14, 7, 3 and 1 days before", () => {
      const times = nudgeTimes(deadline("registration", 2026, threeTier), threeTier);
      expect(times.map((t) => [t.offsetDays, t.at.toISOString()])).toEqual([
        [14, "2026-03-16T01:00:00.000Z"],
        [7, "2026-03-23T01:00:00.000Z"],
        [3, "2026-03-27T01:00:00.000Z"],
        [1, "2026-03-29T01:00:00.000Z"],
      ]);
      expect(localTime(times[0]!.at, "Asia/Ho_Chi_Minh")).toMatchObject({ month: 3, day: 16, hour: 8 });
    });

    it("is quiet from 21:00 to 07:00 local", () => {
      expect(isQuietHour(vn("2026-03-16T20:59:59"), threeTier)).toBe(false);
      expect(isQuietHour(vn("2026-03-16T21:00:00"), threeTier)).toBe(true);
      expect(isQuietHour(vn("2026-03-17T03:00:00"), threeTier)).toBe(true);
      expect(isQuietHour(vn("2026-03-17T06:59:59"), threeTier)).toBe(true);
      expect(isQuietHour(vn("2026-03-17T07:00:00"), threeTier)).toBe(false);
    });

    it("moves a message sent in the night to 07:00", () => {
      expect(nextSendableTime(vn("2026-03-16T22:30:00"), threeTier)).toEqual(vn("2026-03-17T07:00:00"));
      expect(nextSendableTime(vn("2026-03-17T05:00:00"), threeTier)).toEqual(vn("2026-03-17T07:00:00"));
      expect(nextSendableTime(vn("2026-12-31T23:00:00"), threeTier)).toEqual(vn("2027-01-01T07:00:00"));
      expect(nextSendableTime(vn("2026-03-17T12:00:00"), threeTier)).toEqual(vn("2026-03-17T12:00:00"));
    });

    it("counts a registration after 15/10 for the next cycle", () => {
      expect(cycleYear(vn("2026-10-14T23:59:59"), threeTier)).toBe(2026);
      expect(cycleYear(vn("2026-10-15T00:00:00"), threeTier)).toBe(2027);
      expect(cycleYear(vn("2026-12-31T23:59:59"), threeTier)).toBe(2027);
      expect(cycleYear(vn("2027-01-01T00:00:00"), threeTier)).toBe(2027);
    });

    it("lists a cycle's three deadlines in order", () => {
      const list = deadlines(2026, threeTier);
      expect(list.map((d) => d.id)).toEqual(["registration", "province_proposal", "recognition"]);
      expect(list.map((d) => d.at.getTime())).toEqual([...list.map((d) => d.at.getTime())].sort());
    });
  },
);

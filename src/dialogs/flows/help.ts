import { cycleYear, daysLeft, deadlines } from "../../domain/calendar.ts";
import type { CommandSpec, DialogContext, FlowModule } from "../flow.ts";
import { formatDate, menuLines } from "../format.ts";
import { type Text, t, type View } from "../view.ts";

const note = (...text: Text[]): View => ({ text, expects: { kind: "none" } });

/** /trogiup: the movement, the four fields, this cycle's deadlines, the commands. */
export function helpView(ctx: DialogContext, menu: readonly CommandSpec[]): View[] {
  const year = cycleYear(ctx.now, ctx.rulebook);
  const tz = ctx.rulebook.timeZone;
  return [
    note(
      t("help.movement"),
      t("help.fields_title"),
      ...ctx.rulebook.fields.map((f, i) => t("help.field", { n: i + 1, field: f.id })),
    ),
    note(
      t("help.deadlines_title", { year }),
      ...deadlines(year, ctx.rulebook).map((d) => {
        const left = daysLeft(ctx.now, d, tz);
        return t(left > 0 ? "help.deadline_left" : "help.deadline_passed", {
          deadline: d.id,
          date: formatDate(d.at, tz),
          count: left,
        });
      }),
      ...menuLines(menu),
    ),
  ];
}

export const help: FlowModule = {
  name: "help",
  command: { name: "help", words: ["trogiup", "help"], menu: true, who: "anyone", mode: "aside" },
  start: (request, ctx) => ({ flow: null, views: helpView(ctx, request.menu) }),
};

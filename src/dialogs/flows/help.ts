import { cycleYear, daysLeft, deadlines } from "../../domain/calendar.ts";
import { fold } from "../../domain/text.ts";
import type { CommandSpec, DialogContext, FlowModule } from "../flow.ts";
import { formatDate, menuLines } from "../format.ts";
import { type Text, t, type View } from "../view.ts";
import { fieldsHelp } from "./registration/questions.ts";

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
      t("help.fields_more"),
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
      ...(ctx.rulebook.defaults.length || ctx.rulebook.note ? [t("help.defaults_more")] : []),
    ),
  ];
}

/**
 * The choices this rulebook made where the published texts are silent, as an officer reads them:
 * the rulebook's own note, each default setting, and the unit categories it added.
 */
export function defaultsView(ctx: DialogContext): View[] {
  const rb = ctx.rulebook;
  const categories = rb.unitCategories.filter((c) => c.default);
  return [
    note(
      t("help.defaults_title"),
      ...(rb.note ? [t("rb:note")] : []),
      ...rb.defaults.map((_, n) => t("help.default_item", { n })),
      ...(categories.length
        ? [
            t("help.default_categories"),
            ...categories.map((c) => t("help.default_category", { category: c.id })),
          ]
        : []),
    ),
  ];
}

/** What "/trogiup <word>" asks for: a field by its number or name, or the defaults. */
function topic(args: string, ctx: DialogContext): View[] | null {
  const wanted = fold(args);
  if (!wanted) return null;
  if (["macdinh", "mac dinh", "defaults", "default"].includes(wanted)) return defaultsView(ctx);
  const fields = fieldsHelp(ctx);
  const byNumber = /^\d$/.test(wanted) ? fields[Number(wanted) - 1] : undefined;
  const index = ctx.rulebook.fields.findIndex((f) =>
    fold(ctx.label(t(`rb:fields.${f.id}.name`))).startsWith(wanted),
  );
  const found = byNumber ?? fields[index];
  return found ? [found] : null;
}

export const help: FlowModule = {
  name: "help",
  command: {
    name: "help",
    words: ["trogiup", "help"],
    menu: true,
    who: "anyone",
    mode: "aside",
    takesArgument: true,
  },
  start: (request, ctx) => ({ flow: null, views: topic(request.args, ctx) ?? helpView(ctx, request.menu) }),
};

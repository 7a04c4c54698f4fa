import { cycleYear, daysLeft, deadlines } from "../domain/calendar.ts";
import { DECISIONS } from "../domain/status.ts";
import { isInvitationCode } from "../domain/submission-code.ts";
import type { DialogContext } from "./context.ts";
import type { DialogState, StepResult } from "./engine.ts";
import type { Outcome } from "./flow.ts";
import type { Flow } from "./flows/index.ts";
import { startMine } from "./flows/mine.ts";
import { startQueue } from "./flows/queue.ts";
import { startReport } from "./flows/report.ts";
import { openReview } from "./flows/review.ts";
import { formatDate } from "./format.ts";
import type { Input } from "./input.ts";
import { type Text, t, type View } from "./view.ts";

interface EngineParts {
  settle(state: DialogState, outcome: Outcome, ctx: DialogContext): StepResult;
  present(state: DialogState, ctx: DialogContext): View[];
  repeat(state: DialogState, message: Text, ctx: DialogContext): StepResult;
}

const note = (...text: Text[]): View => ({ text, expects: { kind: "none" } });

/** /trogiup: the movement, the four fields, this cycle's deadlines, the commands. */
export function helpView(ctx: DialogContext): View[] {
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
      t("help.commands"),
    ),
  ];
}

/** Starts a conversation, pausing a registration in progress so nothing of it is lost. */
function open(
  state: DialogState,
  flow: Flow,
  effects: Outcome["effects"],
  ctx: DialogContext,
  parts: EngineParts,
): StepResult {
  const keep = state.flow?.name === "registration" ? state.flow : state.suspended;
  return parts.settle({ ...state, suspended: keep, flow }, { flow, effects: effects ?? [] }, ctx);
}

export function commands(
  state: DialogState,
  input: Extract<Input, { kind: "command" | "action" }>,
  ctx: DialogContext,
  parts: EngineParts,
): StepResult {
  if (input.kind === "action") {
    // A decision button on a notification: open the submission, deciding if still allowed.
    const decision = DECISIONS.find((d) => d === input.action) ?? null;
    const opened = openReview(input.target, decision, null);
    return open(state, opened.flow!, opened.effects, ctx, parts);
  }
  const registering = state.flow?.name === "registration" || state.suspended?.name === "registration";
  switch (input.name) {
    case "start": {
      if (input.args) {
        if (!isInvitationCode(input.args))
          return parts.settle(state, { flow: state.flow, views: [note(t("invite.unknown"))] }, ctx);
        return open(state, { name: "invite" }, [{ type: "redeem_invitation", code: input.args }], ctx, parts);
      }
      const views = [note(t("welcome.title"), t("welcome.body"), t("idle.menu"))];
      if (registering) views.push(note(t("welcome.in_progress")));
      return parts.settle({ ...state, suspended: null }, { flow: null, views }, ctx);
    }
    case "register":
      if (state.flow?.name === "registration") return parts.repeat(state, t("reg.already"), ctx);
      return parts.settle(
        { ...state, suspended: null },
        { flow: { name: "drafts", drafts: null }, effects: [{ type: "load_drafts" }] },
        ctx,
      );
    case "mine": {
      const started = startMine();
      return open(state, started.flow, started.effects, ctx, parts);
    }
    case "language":
      return open(state, { name: "language" }, [], ctx, parts);
    case "cancel": {
      const views = [note(t(registering ? "reg.cancelled" : "cancel.nothing"))];
      return parts.settle({ ...state, suspended: null }, { flow: null, views }, ctx);
    }
    case "help": {
      const next = { ...state, nonce: state.nonce + 1, page: 0 };
      return { state: next, reply: { views: [...helpView(ctx), ...parts.present(next, ctx)] }, effects: [] };
    }
    case "queue": {
      if (!ctx.person.memberships.some((m) => m.role !== "admin"))
        return parts.repeat(state, t("command.officers_only"), ctx);
      const started = startQueue();
      return open(state, started.flow!, started.effects, ctx, parts);
    }
    case "report": {
      if (!ctx.person.memberships.length) return parts.repeat(state, t("command.officers_only"), ctx);
      const started = startReport(ctx);
      return open(state, started.flow!, [], ctx, parts);
    }
    case "link":
      return open(
        state,
        { name: "link" },
        [input.args ? { type: "link_redeem", code: input.args } : { type: "link_create" }],
        ctx,
        parts,
      );
  }
}

import type { Effect, Erasure, MyData } from "../effects.ts";
import type { DialogContext, FlowModule, Next } from "../flow.ts";
import { formatDate } from "../format.ts";
import { type Choice, raw, type Text, t, type View } from "../view.ts";

/**
 * /dulieu: the person's rights over their data (Law 91/2025) — what is held about them, a copy
 * as files, withdrawing consent, erasure. What was read is shown at once and not kept in the
 * dialog's state: the state holds only where the conversation is.
 */
export interface MyDataFlow {
  name: "my_data";
  step:
    | "loading"
    | "menu"
    | "copying"
    | "confirm_withdraw"
    | "confirm_withdraw_publication"
    | "confirm_erase"
    | "working";
}

function summary(data: MyData, ctx: DialogContext): View {
  const tz = ctx.rulebook.timeZone;
  const lines: Text[] = [t("my_data.title")];
  lines.push(
    t("my_data.accounts", {
      list: data.identities.map((i) => `${i.channel} (${i.externalId})`).join(", ") || "—",
    }),
  );
  if (data.person.displayName) lines.push(t("my_data.name", { name: data.person.displayName }));
  const live = data.consents.filter((c) => c.endedAt === null);
  lines.push(
    live.length
      ? t("my_data.consents", {
          list: live
            .map((c) =>
              ctx.label(
                t("my_data.consent", {
                  purpose: c.purpose,
                  version: c.noticeVersion,
                  date: formatDate(c.givenAt, tz),
                  channel: c.channel,
                }),
              ),
            )
            .join("; "),
        })
      : t("my_data.no_consents"),
  );
  lines.push(t("my_data.registrations", { count: data.registrations.length }));
  for (const s of data.registrations)
    lines.push(
      t("my_data.registration", {
        code: s.code ?? ctx.label(t("my_data.draft")),
        status: s.status,
        name: s.description.model_name ?? "—",
        unit: s.unitName ?? "—",
        contact: [s.contactName, s.contactPhone].filter(Boolean).join(", ") || "—",
      }),
    );
  lines.push(t("my_data.notifications", { count: data.notifications.length }));
  for (const m of data.memberships)
    lines.push(t("my_data.membership", { role: m.role, body: ctx.tree.get(m.bodyCode)?.name ?? m.bodyCode }));
  return { text: lines, expects: { kind: "none" } };
}

function erased(result: Erasure, ctx: DialogContext): View {
  const tz = ctx.rulebook.timeZone;
  const lines: Text[] = [t("my_data.erased.title")];
  lines.push(t("my_data.erased.drafts", { count: result.drafts }));
  if (result.cleared.length) lines.push(t("my_data.erased.cleared", { list: result.cleared.join(", ") }));
  for (const k of result.kept)
    lines.push(t("my_data.erased.kept", { code: k.code, date: formatDate(k.until, tz) }));
  if (result.identities.length)
    lines.push(t("my_data.erased.accounts", { list: result.identities.join(", ") }));
  for (const m of result.memberships)
    lines.push(
      t("my_data.erased.membership", { role: m.role, body: ctx.tree.get(m.bodyCode)?.name ?? m.bodyCode }),
    );
  lines.push(t("my_data.erased.after"));
  return { text: lines, expects: { kind: "none" } };
}

/** The menu; withdrawing the publication's consent alone is offered while it is given. */
function menu(ctx: DialogContext): Choice[] {
  return [
    { id: "copy", label: t("my_data.copy") },
    ...(ctx.person.consents.publication
      ? [{ id: "withdraw_publication", label: t("my_data.withdraw_publication") }]
      : []),
    { id: "withdraw", label: t("my_data.withdraw") },
    { id: "erase", label: t("my_data.erase") },
    { id: "close", label: t("my_data.close"), nav: true },
  ];
}

const CONFIRMS = {
  confirm_withdraw: "withdraw",
  confirm_withdraw_publication: "withdraw_publication",
  confirm_erase: "erase",
} as const;

const ended = (views: View[]): Next<MyDataFlow> => ({ flow: null, views });

export const myData: FlowModule<MyDataFlow> = {
  name: "my_data",
  command: { name: "mydata", words: ["dulieu", "mydata"], menu: true, who: "anyone", mode: "replace" },
  start: () => ({ flow: { name: "my_data", step: "loading" }, effects: [{ type: "load_my_data" }] }),
  waiting: (flow) => flow.step === "loading" || flow.step === "copying" || flow.step === "working",
  prompt(flow, ctx) {
    if (flow.step in CONFIRMS) {
      const what = CONFIRMS[flow.step as keyof typeof CONFIRMS];
      return [
        {
          text: [t(`my_data.${what}_confirm`)],
          choices: [
            { id: "yes", label: t(`my_data.${what}_yes`) },
            { id: "back", label: t("my_data.back"), nav: true },
          ],
          expects: { kind: "choice" },
        },
      ];
    }
    return [{ text: [t("my_data.menu")], choices: menu(ctx), expects: { kind: "choice" } }];
  },
  answer(flow, answer, ctx) {
    if (answer.kind === "result") {
      const menu: MyDataFlow = { name: "my_data", step: "menu" };
      if (answer.effect === "load_my_data") return { flow: menu, views: [summary(answer.value, ctx)] };
      if (answer.effect === "copy_my_data")
        return {
          flow: menu,
          views: [{ text: [t("my_data.copied")], files: answer.value.files, expects: { kind: "none" } }],
        };
      if (answer.effect === "withdraw_consent")
        return ended([
          {
            text: [
              answer.value.purposes.includes("registration")
                ? t("my_data.withdrawn", { count: answer.value.drafts })
                : t("my_data.withdrawn_publication"),
              ...(answer.value.unpublished
                ? [t("my_data.unpublished", { count: answer.value.unpublished })]
                : []),
            ],
            expects: { kind: "none" },
          },
        ]);
      if (answer.effect === "erase_my_data") return ended([erased(answer.value, ctx)]);
      return { flow };
    }
    if (answer.kind !== "choice") return { flow, error: t("input.choose") };
    if (flow.step in CONFIRMS) {
      if (answer.id === "back") return { flow: { ...flow, step: "menu" }, answered: t("my_data.back") };
      if (answer.id !== "yes") return { flow, error: t("input.choose") };
      const effect: Effect =
        flow.step === "confirm_erase"
          ? { type: "erase_my_data" }
          : flow.step === "confirm_withdraw_publication"
            ? { type: "withdraw_consent", purposes: ["publication"] }
            : { type: "withdraw_consent" };
      return { flow: { ...flow, step: "working" }, effects: [effect], answered: raw("✓") };
    }
    switch (answer.id) {
      case "copy":
        return {
          flow: { ...flow, step: "copying" },
          effects: [{ type: "copy_my_data" }],
          answered: t("my_data.copy"),
        };
      case "withdraw":
        return { flow: { ...flow, step: "confirm_withdraw" }, answered: t("my_data.withdraw") };
      case "withdraw_publication":
        return {
          flow: { ...flow, step: "confirm_withdraw_publication" },
          answered: t("my_data.withdraw_publication"),
        };
      case "erase":
        return { flow: { ...flow, step: "confirm_erase" }, answered: t("my_data.erase") };
      case "close":
        return {
          ...ended([{ text: [t("mine.closed")], expects: { kind: "none" } }]),
          answered: t("my_data.close"),
        };
      default:
        return { flow, error: t("input.choose") };
    }
  },
};

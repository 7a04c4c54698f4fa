import type { OrgTree } from "../domain/org.ts";
import type { Repositories, Store } from "../domain/ports.ts";
import type { Rulebook } from "../domain/rulebook/schema.ts";
import type { Language } from "../domain/types.ts";
import type { Translator } from "../i18n.ts";
import type { DialogContext } from "./context.ts";
import { EFFECTS_WITH_RESULTS, type Effect } from "./effects.ts";
import { type DialogState, INITIAL_STATE, step } from "./engine.ts";
import type { Input } from "./input.ts";
import { decide, loadQueue, loadReview, proposeRecognition } from "./services/decisions.ts";
import { redeemInvitation } from "./services/invitations.ts";
import { createLinkCode, redeemLinkCode } from "./services/link.ts";
import { buildChatReport } from "./services/report.ts";
import { type ServiceContext, saveDraft, submitRegistration } from "./services/submissions.ts";
import type { Label, Reply } from "./view.ts";

/** One message or button press from someone on a channel. */
export interface IncomingUpdate {
  channel: string;
  chatId: string;
  user: { externalId: string; displayName: string; languageCode?: string };
  input: Input;
  /** Identifies the delivery, so a repeated one is processed once (Telegram's update_id…). */
  updateKey?: string;
}

export interface RunnerOutput {
  reply: Reply;
  language: Language;
  personId: string;
  /** The update was seen before: nothing was done. */
  duplicate?: boolean;
  /** The dialog's nonce after this update, for the buttons of the views. */
  nonce: number;
}

export interface RunnerDeps {
  store: Store;
  rulebook: Rulebook;
  tree: OrgTree;
  clock: () => Date;
  newId: () => string;
  label: (language: Language, label: Label) => string;
  /** For the reports /baocao builds (they are files, written in the person's language). */
  translator?: Translator;
  /** Called after each committed update, e.g. to deliver the notifications it queued. */
  afterCommit?: () => void;
}

class StaleSession extends Error {}

/** Flows that need to know the person's roles in bodies (members deciding, reporting). */
const ROLE_FLOWS = new Set(["queue", "review", "report", "proposal"]);

function needsRoles(input: Input, state: DialogState): boolean {
  if (input.kind === "command" || input.kind === "action") return true;
  return [state.flow?.name, state.suspended?.name].some((name) => name !== undefined && ROLE_FLOWS.has(name));
}

const MAX_ATTEMPTS = 8;

export function languageOf(code: string | undefined): Language {
  return code?.toLowerCase().startsWith("en") ? "en" : "vi";
}

/** Restores a saved state; an unreadable or older-format state starts afresh rather than failing. */
function restore(saved: unknown): DialogState {
  const state = saved as DialogState | null;
  return state && state.v === 1 ? state : INITIAL_STATE;
}

/** Dates inside a JSON-restored state come back as strings; drafts need them as Dates. */
function reviveDates(value: unknown): unknown {
  if (typeof value === "string" && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/.test(value))
    return new Date(value);
  if (Array.isArray(value)) return value.map(reviveDates);
  if (value && typeof value === "object")
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, reviveDates(v)]));
  return value;
}

/**
 * Carries a dialog step through: the person, their session, the step, its effects, and the
 * session saved — one transaction per update. A session changed by a concurrent update is never
 * overwritten: the transaction rolls back and the step runs again on the fresh state.
 */
export function createRunner(deps: RunnerDeps) {
  async function execute(
    effect: Effect,
    repos: Repositories,
    ctx: DialogContext,
    person: { language: Language },
    update: IncomingUpdate,
  ): Promise<unknown> {
    const service: ServiceContext = {
      rulebook: deps.rulebook,
      tree: deps.tree,
      now: ctx.now,
      newId: deps.newId,
      actor: { personId: ctx.person.id, memberships: ctx.person.memberships },
    };
    switch (effect.type) {
      case "save_draft":
        return saveDraft(repos, effect.submission, ctx.person.id);
      case "load_drafts":
      case "load_mine":
        return (await repos.submissions.ofPerson(ctx.person.id)).filter(
          (s) => effect.type === "load_mine" || s.status === "draft" || s.status === "returned",
        );
      case "load_submission": {
        const submission = await repos.submissions.get(effect.id);
        if (!submission || submission.registrantId !== ctx.person.id) return null;
        return { submission, history: await repos.submissions.history(effect.id) };
      }
      case "submit":
        return submitRegistration(repos, effect.submission, service);
      case "set_language":
        await repos.people.setLanguage(ctx.person.id, effect.language);
        person.language = effect.language;
        return undefined;
      case "load_queue":
        return loadQueue(repos, service, effect.filter);
      case "load_review":
        return loadReview(repos, service, effect.id);
      case "decide":
        return decide(repos, service, { id: effect.id, action: effect.action, reason: effect.reason });
      case "propose":
        return proposeRecognition(repos, service, { id: effect.id, results: effect.results });
      case "link_create":
        return createLinkCode(repos, ctx.person.id, ctx.now);
      case "link_redeem": {
        const result = await redeemLinkCode(
          repos,
          effect.code,
          update.channel,
          update.user.externalId,
          ctx.now,
        );
        return result.ok ? { ok: true, already: result.already } : result;
      }
      case "build_report":
        if (!deps.translator) return { ok: false };
        return buildChatReport(
          repos,
          { ...effect, memberships: ctx.person.memberships, language: person.language, now: ctx.now },
          { rulebook: deps.rulebook, tree: deps.tree, translator: deps.translator },
        );
      case "redeem_invitation": {
        const result = await redeemInvitation(repos, effect.code, ctx.person.id, ctx.now);
        if (!result.ok) return result;
        const body = deps.tree.get(result.membership.bodyCode);
        return { ok: true, bodyName: body?.name ?? result.membership.bodyCode, role: result.membership.role };
      }
    }
  }

  async function attempt(update: IncomingUpdate): Promise<RunnerOutput> {
    return deps.store.transaction(async (repos) => {
      if (update.updateKey && !(await repos.processed.markProcessed(update.channel, update.updateKey)))
        return { reply: { views: [] }, language: "vi" as Language, personId: "", duplicate: true, nonce: 0 };
      const now = deps.clock();
      const { person } = await repos.people.identify({
        channel: update.channel,
        externalId: update.user.externalId,
        chatId: update.chatId,
        displayName: update.user.displayName,
        language: languageOf(update.user.languageCode),
        at: now,
      });
      const session = await repos.dialogs.load(update.channel, update.chatId);
      const initial = restore(reviveDates(session?.state ?? null));
      const speaker = { language: person.language };
      const ctx: DialogContext = {
        rulebook: deps.rulebook,
        tree: deps.tree,
        now,
        person: {
          id: person.id,
          language: person.language,
          // Roles matter to commands, decision buttons and the members' flows; a registration's
          // answers (most updates) do without the read.
          memberships: needsRoles(update.input, initial) ? await repos.memberships.ofPerson(person.id) : [],
        },
        newId: deps.newId,
        label: (l) => deps.label(speaker.language, l),
      };
      let result = step(initial, update.input, ctx);
      const views = [...result.reply.views];
      const queue = [...result.effects];
      while (queue.length) {
        const effect = queue.shift()!;
        const value = await execute(effect, repos, ctx, speaker, update);
        if (!EFFECTS_WITH_RESULTS.has(effect.type)) continue;
        const answer = step(result.state, { kind: "result", effect: effect.type, value }, ctx);
        result = { ...answer, reply: { ...result.reply, ...answer.reply } };
        views.push(...answer.reply.views);
        queue.push(...answer.effects);
      }
      // A step that changed nothing (a stale press) writes nothing.
      const changed = result.state !== initial || !session;
      const version = session?.version ?? 0;
      if (
        changed &&
        !(await repos.dialogs.save(update.channel, update.chatId, result.state, version, person.id))
      )
        throw new StaleSession();
      const reply: Reply = { ...result.reply, views };
      return { reply, language: speaker.language, personId: person.id, nonce: result.state.nonce };
    });
  }

  return {
    async handle(update: IncomingUpdate): Promise<RunnerOutput> {
      for (let i = 1; ; i++) {
        try {
          const output = await attempt(update);
          if (!output.duplicate) deps.afterCommit?.();
          return output;
        } catch (error) {
          if (!(error instanceof StaleSession) || i >= MAX_ATTEMPTS) throw error;
        }
      }
    },
  };
}

export type Runner = ReturnType<typeof createRunner>;

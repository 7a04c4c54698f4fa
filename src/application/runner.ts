import type { Effect } from "../dialogs/effects.ts";
import { step } from "../dialogs/engine.ts";
import type { DialogContext, FlowRegistry } from "../dialogs/flow.ts";
import { defaultFlows } from "../dialogs/flows/index.ts";
import { cleanInput, type Input } from "../dialogs/input.ts";
import { type DialogState, INITIAL_STATE, type StepResult } from "../dialogs/state.ts";
import type { Reply } from "../dialogs/view.ts";
import type { OrgTree } from "../domain/org.ts";
import type { Repositories, Store } from "../domain/ports.ts";
import type { Rulebook } from "../domain/rulebook/schema.ts";
import { cleanText } from "../domain/text.ts";
import type { Language } from "../domain/types.ts";
import { EFFECT_HANDLERS, type EffectEnv, type EffectHandlers, runEffect } from "./effects.ts";
import type { Translator } from "./i18n.ts";

/** One message or button press from someone on a channel, as every channel delivers it. */
export interface IncomingUpdate {
  channel: string;
  chatId: string;
  user: { externalId: string; displayName: string; languageCode?: string };
  input: Input;
}

export interface RunnerOutput {
  reply: Reply;
  language: Language;
  personId: string;
  /** The dialog's nonce after this update, for the buttons of the views. */
  nonce: number;
  /** A notification was queued (committed): the dispatcher has something to send. */
  queued?: boolean;
}

export interface RunnerDeps {
  store: Store;
  rulebook: Rulebook;
  tree: OrgTree;
  clock: () => Date;
  newId: () => string;
  translator: Translator;
  flows?: FlowRegistry;
  effects?: EffectHandlers;
  /** PUBLIC_URL, when set: links to the officers' workspace and the gallery. */
  publicUrl?: string;
}

/** The chat's session changed under this update (another instance took it): nothing was written. */
export class StaleSession extends Error {
  override readonly name = "StaleSession";
}

export function languageOf(code: string | undefined): Language {
  return code?.toLowerCase().startsWith("en") ? "en" : "vi";
}

/** Restores a saved state; an unreadable or older-format state starts afresh rather than failing. */
function restore(saved: unknown): DialogState {
  const state = saved as DialogState | null;
  return state && state.v === 1 ? state : INITIAL_STATE;
}

/**
 * Dates inside a JSON-restored state come back as strings; drafts need them as Dates. The state
 * was just parsed and is this update's own: revived in place, and a string is looked at closely
 * only when it has an ISO timestamp's length and shape (most are answers, ids and step names).
 */
const ISO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;
const timestamp = (text: string) =>
  text.length >= 20 && text.length <= 30 && text.charCodeAt(10) === 84 /* T */ && ISO_TIMESTAMP.test(text);

function reviveDates(value: unknown): unknown {
  if (typeof value === "string") return timestamp(value) ? new Date(value) : value;
  if (value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const item = value[i];
      if (item !== null && (typeof item === "object" || typeof item === "string"))
        value[i] = reviveDates(item);
    }
    return value;
  }
  const record = value as Record<string, unknown>;
  for (const key in record) {
    const item = record[key];
    if (item !== null && (typeof item === "object" || typeof item === "string"))
      record[key] = reviveDates(item);
  }
  return value;
}

/** Whether a transaction queued a notification: the dispatcher is kicked only then. */
interface Queued {
  any: boolean;
}

function watchingQueue(repos: Repositories, queued: Queued): Repositories {
  const { notifications } = repos;
  return {
    ...repos,
    notifications: {
      ...notifications,
      async enqueue(input) {
        const fresh = await notifications.enqueue(input);
        if (fresh) queued.any = true;
        return fresh;
      },
    },
  };
}

export interface RunHooks {
  /** Work to commit together with the update (the pipeline marks the update done). */
  inTransaction?(repos: Repositories): Promise<void>;
}

/**
 * Carries a dialog step through: the person, their session, the step, its effects, and the
 * session saved — one transaction per update. Effects that must not hold a transaction open (a
 * report's files) run after the commit, and their result is stepped in a transaction of its own.
 * A session changed by a concurrent update is never overwritten: StaleSession, nothing written.
 */
export function createRunner(deps: RunnerDeps) {
  const flows = deps.flows ?? defaultFlows;
  const handlers = deps.effects ?? EFFECT_HANDLERS;

  interface Turn {
    ctx: DialogContext;
    env: EffectEnv;
  }

  /** Runs the transaction-phase effects of a step, stepping their results in; defers the others. */
  async function carry(result: StepResult, turn: Turn, deferred: Effect[]): Promise<StepResult> {
    const views = [...result.reply.views];
    const queue = [...result.effects];
    let current = result;
    while (queue.length) {
      const effect = queue.shift()!;
      if (handlers[effect.type].phase === "after_commit") {
        deferred.push(effect);
        continue;
      }
      const answer = await runEffect(handlers, effect, turn.env);
      if (!answer) continue;
      const next = step(current.state, answer, turn.ctx);
      current = { ...next, reply: { ...current.reply, ...next.reply } };
      views.push(...next.reply.views);
      queue.push(...next.effects);
    }
    return { ...current, reply: { ...current.reply, views }, effects: [] };
  }

  async function open(repos: Repositories, update: IncomingUpdate, now: Date) {
    const { person } = await repos.people.identify({
      channel: update.channel,
      externalId: update.user.externalId,
      chatId: update.chatId,
      language: languageOf(update.user.languageCode),
      at: now,
    });
    const session = await repos.dialogs.load(update.channel, update.chatId);
    const state = restore(reviveDates(session?.state ?? null));
    // Roles matter to commands, decision buttons and the members' flows; a registration's
    // answers (most updates) do without the read.
    const rolesNeeded =
      update.input.kind === "command" ||
      update.input.kind === "action" ||
      flows.usesRoles(state.flow?.name) ||
      flows.usesRoles(state.suspended?.name);
    const memberships = rolesNeeded ? await repos.memberships.ofPerson(person.id) : [];
    const speaker = { id: person.id, language: person.language };
    const ctx: DialogContext = {
      rulebook: deps.rulebook,
      tree: deps.tree,
      flows,
      now,
      person: { id: person.id, language: person.language, memberships, consents: person.consents },
      noticeVersion: deps.translator.noticeVersion,
      newId: deps.newId,
      label: (l) => deps.translator.label(speaker.language, l),
    };
    const env: EffectEnv = {
      repos,
      service: {
        rulebook: deps.rulebook,
        tree: deps.tree,
        now,
        newId: deps.newId,
        actor: { personId: person.id, memberships },
        ...(deps.publicUrl ? { publicUrl: deps.publicUrl } : {}),
      },
      person: speaker,
      account: {
        channel: update.channel,
        externalId: update.user.externalId,
        chatId: update.chatId,
        displayName: update.user.displayName,
      },
      rulebook: deps.rulebook,
      tree: deps.tree,
      translator: deps.translator,
      ...(deps.publicUrl ? { publicUrl: deps.publicUrl } : {}),
    };
    return { session, state, turn: { ctx, env } };
  }

  async function save(
    repos: Repositories,
    update: IncomingUpdate,
    before: { state: DialogState; version: number | null },
    after: DialogState,
    personId: string,
  ): Promise<number> {
    // A step that changed nothing (a stale press) writes nothing.
    if (after === before.state && before.version !== null) return before.version;
    const version = before.version ?? 0;
    if (!(await repos.dialogs.save(update.channel, update.chatId, after, version, personId)))
      throw new StaleSession(`the session of ${update.channel} chat changed meanwhile`);
    return version + 1;
  }

  async function handle(received: IncomingUpdate, hooks: RunHooks = {}): Promise<RunnerOutput> {
    // Every channel's updates pass here: what people typed, and the names their platform gives,
    // are cleaned once, before any dialog reads or stores them.
    const update: IncomingUpdate = {
      ...received,
      user: { ...received.user, displayName: cleanText(received.user.displayName) },
      input: cleanInput(received.input),
    };
    const deferred: Effect[] = [];
    const queued: Queued = { any: false };
    const first = await deps.store.transaction(async (transaction) => {
      const repos = watchingQueue(transaction, queued);
      const { session, state, turn } = await open(repos, update, deps.clock());
      const result = await carry(step(state, update.input, turn.ctx), turn, deferred);
      const version = await save(
        repos,
        update,
        { state, version: session?.version ?? null },
        result.state,
        turn.env.person.id,
      );
      await hooks.inTransaction?.(repos);
      return { result, version, turn };
    });
    let { reply } = first.result;
    let { version } = first;
    let nonce = first.result.state.nonce;
    for (const effect of deferred) {
      // Work after the commit (a report's files) is rare: whatever it queued, the dispatcher looks.
      queued.any = true;
      const answer = await runEffect(handlers, effect, { ...first.turn.env, repos: deps.store });
      if (!answer) continue;
      const followUp = await deps.store.transaction(async (transaction) => {
        const repos = watchingQueue(transaction, queued);
        const { session, state, turn } = await open(repos, update, deps.clock());
        // The conversation moved on meanwhile (another update of the chat): the result is stale.
        if (session?.version !== version) return null;
        const result = await carry(step(state, answer, turn.ctx), turn, []);
        const saved = await save(repos, update, { state, version }, result.state, turn.env.person.id);
        return { result, saved };
      });
      if (!followUp) break;
      version = followUp.saved;
      nonce = followUp.result.state.nonce;
      reply = { ...reply, ...followUp.result.reply, views: [...reply.views, ...followUp.result.reply.views] };
    }
    return {
      reply,
      language: first.turn.env.person.language,
      personId: first.turn.env.person.id,
      nonce,
      queued: queued.any,
    };
  }

  return { handle, flows };
}

export type Runner = ReturnType<typeof createRunner>;

import type { AnsweredEffect, EffectOf, EffectResult, EffectType, ResultOf } from "../dialogs/effects.ts";
import type { OrgTree } from "../domain/org.ts";
import type { Repositories } from "../domain/ports.ts";
import type { Rulebook } from "../domain/rulebook/schema.ts";
import type { Language, PersonId } from "../domain/types.ts";
import type { Translator } from "./i18n.ts";
import { decide, loadQueue, loadReview, proposeRecognition, reviseProposal } from "./services/decisions.ts";
import { chatDocument } from "./services/documents.ts";
import { confirmEmail, removeEmail, sendEmailCode } from "./services/email-address.ts";
import {
  loadPublication,
  type PublicationContext,
  publishModel,
  searchGallery,
  unpublishModel,
} from "./services/gallery.ts";
import { redeemInvitation } from "./services/invitations.ts";
import { createLinkCode, LINK_CODE_MINUTES, redeemLinkCode } from "./services/link.ts";
import {
  eraseMyData,
  loadMyData,
  myDataFiles,
  type RequestContext,
  withdrawConsent,
} from "./services/my-data.ts";
import { type ConsentContext, declineConsent, giveConsent } from "./services/privacy.ts";
import { buildChatReport } from "./services/report.ts";
import { type ServiceContext, saveDraft, submitRegistration } from "./services/submissions.ts";
import { createSignInLink } from "./services/web-signin.ts";

/** What an effect's handler works with. */
export interface EffectEnv {
  /** The update's transaction, or (after the commit) the store itself. */
  repos: Repositories;
  service: ServiceContext;
  /** Who the update came from; `language` follows a change made by an effect. */
  person: { id: PersonId; language: Language };
  /** The channel account the update came from, and the name it shows there. */
  account: { channel: string; externalId: string; chatId: string; displayName: string };
  rulebook: Rulebook;
  tree: OrgTree;
  translator: Translator;
  /** PUBLIC_URL, when set: the gallery's and the workspace's links. */
  publicUrl?: string;
}

export interface EffectHandler<K extends EffectType> {
  /**
   * Inside the update's transaction, with the dialog's new state; or after it commits, for
   * heavy work (a report's workbook and chart), whose result comes back in a transaction of its own.
   */
  phase: "transaction" | "after_commit";
  /** Whether the result comes back to the dialog (EffectMap says which do). */
  answers: K extends AnsweredEffect ? true : false;
  run(effect: EffectOf<K>, env: EffectEnv): Promise<ResultOf<K>>;
}

export type EffectHandlers = { [K in EffectType]: EffectHandler<K> };

const inTransaction = "transaction" as const;
/** Recognised models offered to a replication, at most. */
const FOUND_MODELS = 8;

const requestContext = (env: EffectEnv): RequestContext => ({
  personId: env.person.id,
  channel: env.account.channel,
  chatId: env.account.chatId,
  now: env.service.now,
});

const publicationContext = (env: EffectEnv): PublicationContext => ({
  personId: env.person.id,
  noticeVersion: env.translator.noticeVersion,
  now: env.service.now,
  newId: env.service.newId,
  tree: env.tree,
  ...(env.publicUrl ? { publicUrl: env.publicUrl } : {}),
});

/** Matches /thuvien shows in chat, at most. */
const GALLERY_HITS = 5;

const consentContext = (env: EffectEnv): ConsentContext => ({
  personId: env.person.id,
  channel: env.account.channel,
  now: env.service.now,
});

/** Every effect's handler: the compiler checks that each effect of EffectMap has one. */
/** Who asks for a file made after the commit (a document, a report): what its service checks and speaks. */
function requester(env: EffectEnv) {
  return {
    personId: env.person.id,
    memberships: env.service.actor.memberships,
    language: env.person.language,
    now: env.service.now,
  };
}

export const EFFECT_HANDLERS: EffectHandlers = {
  save_draft: {
    phase: inTransaction,
    answers: false,
    async run(e, env) {
      await saveDraft(env.repos, e.submission, env.person.id);
      return undefined;
    },
  },
  load_drafts: {
    phase: inTransaction,
    answers: true,
    run: async (_e, env) =>
      (await env.repos.submissions.ofPerson(env.person.id)).filter(
        (s) => s.status === "draft" || s.status === "returned",
      ),
  },
  load_mine: {
    phase: inTransaction,
    answers: true,
    run: (_e, env) => env.repos.submissions.ofPerson(env.person.id),
  },
  load_submission: {
    phase: inTransaction,
    answers: true,
    async run(e, env) {
      const submission = await env.repos.submissions.get(e.id);
      if (!submission || submission.registrantId !== env.person.id) return null;
      return { submission, history: await env.repos.submissions.history(e.id) };
    },
  },
  submit: {
    phase: inTransaction,
    answers: true,
    run: (e, env) => submitRegistration(env.repos, e.submission, env.service),
  },
  set_language: {
    phase: inTransaction,
    answers: false,
    async run(e, env) {
      await env.repos.people.setLanguage(env.person.id, e.language);
      env.person.language = e.language;
      return undefined;
    },
  },
  load_my_data: {
    phase: inTransaction,
    answers: true,
    run: (_e, env) => loadMyData(env.repos, requestContext(env)),
  },
  copy_my_data: {
    // Building the workbook takes a while: after the commit, like a report's.
    phase: "after_commit",
    answers: true,
    run: async (_e, env) => ({
      files: await myDataFiles(env.repos, requestContext(env), {
        translator: env.translator,
        language: env.person.language,
      }),
    }),
  },
  withdraw_consent: {
    phase: inTransaction,
    answers: true,
    run: (e, env) => withdrawConsent(env.repos, requestContext(env), e.purposes),
  },
  load_publication: {
    phase: inTransaction,
    answers: true,
    run: (e, env) => loadPublication(env.repos, publicationContext(env), e.id),
  },
  publish_model: {
    phase: inTransaction,
    answers: true,
    run: (e, env) => publishModel(env.repos, publicationContext(env), e),
  },
  unpublish_model: {
    phase: inTransaction,
    answers: true,
    run: (e, env) =>
      unpublishModel(env.repos, {
        id: e.id,
        actor: env.service.actor,
        reason: null,
        now: env.service.now,
        newId: env.service.newId,
      }),
  },
  search_gallery: {
    phase: inTransaction,
    answers: true,
    run: (e, env) => searchGallery(env.repos, env.publicUrl, { words: e.query, limit: GALLERY_HITS }),
  },
  build_document: {
    // Laying out a PDF or a DOCX takes a while: after the commit, like a report's.
    phase: "after_commit",
    answers: true,
    run: (e, env) =>
      chatDocument(
        env.repos,
        { ...e, ...requester(env) },
        { rulebook: env.rulebook, tree: env.tree, translator: env.translator },
      ),
  },
  erase_my_data: {
    phase: inTransaction,
    answers: true,
    run: (_e, env) => eraseMyData(env.repos, requestContext(env), env.rulebook),
  },
  give_consent: {
    phase: inTransaction,
    answers: false,
    async run(e, env) {
      await giveConsent(env.repos, consentContext(env), {
        purpose: e.purpose,
        noticeVersion: e.noticeVersion,
      });
      return undefined;
    },
  },
  decline_consent: {
    phase: inTransaction,
    answers: false,
    async run(e, env) {
      await declineConsent(env.repos, consentContext(env), e.purpose);
      return undefined;
    },
  },
  find_models: {
    phase: inTransaction,
    answers: true,
    run: (e, env) => env.repos.submissions.searchRecognized(e.query, FOUND_MODELS),
  },
  redeem_invitation: {
    phase: inTransaction,
    answers: true,
    async run(e, env) {
      const result = await redeemInvitation(env.repos, e.code, env.person.id, env.service.now);
      if (!result.ok) return result;
      // A member's name is what colleagues see on decisions and lists.
      await env.repos.people.setDisplayName(env.person.id, env.account.displayName);
      const body = env.tree.get(result.membership.bodyCode);
      return { ok: true, bodyName: body?.name ?? result.membership.bodyCode, role: result.membership.role };
    },
  },
  load_queue: {
    phase: inTransaction,
    answers: true,
    run: (e, env) => loadQueue(env.repos, env.service, e.filter),
  },
  load_review: {
    phase: inTransaction,
    answers: true,
    run: (e, env) => loadReview(env.repos, env.service, e.id),
  },
  decide: {
    phase: inTransaction,
    answers: true,
    run: (e, env) => decide(env.repos, env.service, { id: e.id, action: e.action, reason: e.reason }),
  },
  propose: {
    phase: inTransaction,
    answers: true,
    run: (e, env) => proposeRecognition(env.repos, env.service, { id: e.id, results: e.results }),
  },
  revise: {
    phase: inTransaction,
    answers: true,
    run: (e, env) => reviseProposal(env.repos, env.service, { id: e.id, results: e.results }),
  },
  build_report: {
    // Building the workbook and the chart takes a while: never inside a transaction.
    phase: "after_commit",
    answers: true,
    run: (e, env) =>
      buildChatReport(
        env.repos,
        { ...e, ...requester(env) },
        { rulebook: env.rulebook, tree: env.tree, translator: env.translator },
      ),
  },
  email_send_code: {
    phase: inTransaction,
    answers: true,
    run: (e, env) => sendEmailCode(env.repos, env.person.id, e.address, env.service.now),
  },
  email_confirm: {
    phase: inTransaction,
    answers: true,
    run: (e, env) => confirmEmail(env.repos, consentContext(env), e),
  },
  email_remove: {
    phase: inTransaction,
    answers: true,
    run: async (_e, env) => ({ removed: await removeEmail(env.repos, consentContext(env)) }),
  },
  link_create: {
    phase: inTransaction,
    answers: true,
    async run(_e, env) {
      const { code, minutes } = await createLinkCode(env.repos, env.person.id, env.service.now);
      return { code, minutes };
    },
  },
  web_link: {
    phase: inTransaction,
    answers: true,
    async run(_e, env) {
      if (!env.publicUrl) return { ok: false };
      const link = await createSignInLink(env.repos, env.person.id, env.publicUrl, env.service.now);
      return { ok: true, ...link };
    },
  },
  link_redeem: {
    phase: inTransaction,
    answers: true,
    async run(e, env) {
      const { channel, externalId } = env.account;
      const result = await redeemLinkCode(env.repos, e.code, channel, externalId, env.service.now);
      return result.ok
        ? { ok: true, already: result.already }
        : { ok: false, reason: result.reason, minutes: LINK_CODE_MINUTES };
    },
  },
};

/** Runs an effect with its handler; the result as the dialog receives it, when it receives one. */
export async function runEffect<K extends EffectType>(
  handlers: EffectHandlers,
  effect: EffectOf<K>,
  env: EffectEnv,
): Promise<EffectResult | null> {
  const handler: EffectHandler<K> = handlers[effect.type];
  const value = await handler.run(effect, env);
  // The map pairs each effect type with its result type; the union cannot see that for a generic K.
  return handler.answers ? ({ kind: "result", effect: effect.type, value } as EffectResult) : null;
}

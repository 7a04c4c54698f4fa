import type { ConsentRecord, WithheldFragment } from "../domain/ports.ts";
import type { Purpose } from "../domain/privacy.ts";
import type { Part } from "../domain/scrub/scrub.ts";
import type { AuditEvent, Decision } from "../domain/status.ts";
import type {
  FieldId,
  Language,
  Membership,
  Problem,
  RecognitionResults,
  Status,
  Submission,
} from "../domain/types.ts";
import type { OutgoingFile } from "./view.ts";

/**
 * What a dialog may ask the application to do, by effect type: its arguments and the result that
 * comes back to the dialog (`undefined`: nothing comes back). The application's handler registry is
 * checked against this map, so every effect has exactly one handler and no result is cast.
 */
export interface EffectMap {
  save_draft: { args: { submission: Submission }; result: undefined };
  load_drafts: { args: object; result: Submission[] };
  load_mine: { args: object; result: Submission[] };
  load_submission: {
    args: { id: string };
    result: { submission: Submission; history: AuditEvent[] } | null;
  };
  submit: {
    args: { submission: Submission };
    result:
      | { ok: true; submission: Submission; bodyName: string; viaName?: string }
      | { ok: false; problems: Problem[] };
  };
  set_language: { args: { language: Language }; result: undefined };
  /** /dulieu: everything held about the person. */
  load_my_data: { args: object; result: MyData };
  /** The copy of it as files (JSON and a workbook). */
  copy_my_data: { args: object; result: { files: OutgoingFile[] } };
  /** Ends every consent (or those named); drafts lose their personal details, published models leave the gallery. */
  withdraw_consent: {
    args: { purposes?: Purpose[] };
    result: { ended: number; drafts: number; unpublished: number; purposes: Purpose[] };
  };
  /** The registrant's recognised model as publication asks about it; null when not theirs or not recognised. */
  load_publication: { args: { id: string }; result: PublicationData | null };
  /** Publishes it with the photos chosen (indices of PublicationData.photos). */
  publish_model: {
    args: { id: string; photos: number[] };
    result: { ok: true; url: string } | { ok: false; refusal: "not_found" | "no_consent" };
  };
  /** Takes a model off the gallery (its registrant, or a member of a body that recognised it). */
  unpublish_model: {
    args: { id: string };
    result: { ok: true; code: string } | { ok: false; refusal: "not_found" | "not_allowed" };
  };
  /** /thuvien: the gallery's best matches for the words typed. */
  search_gallery: { args: { query: string }; result: GallerySearch };
  /** A document of a submission (the form, the certificate) or of a body (the summary list). */
  build_document: { args: { kind: DocumentKind; id: string }; result: { files: OutgoingFile[] } | null };
  /** Erases the person's data, but what the record must keep (said with until when). */
  erase_my_data: { args: object; result: Erasure };
  /** Records the person's consent to a purpose under the notice shown. */
  give_consent: { args: { purpose: Purpose; noticeVersion: string }; result: undefined };
  /** Writes to the trail that the notice was declined (nothing personal is kept). */
  decline_consent: { args: { purpose: Purpose }; result: undefined };
  /** Recognised models whose name matches what a replication's registrant typed. */
  find_models: { args: { query: string }; result: { code: string; name: string }[] };
  redeem_invitation: {
    args: { code: string };
    result:
      | { ok: true; bodyName: string; role: string }
      | { ok: false; reason: "unknown" | "used" | "expired" };
  };
  load_queue: { args: { filter: QueueFilter }; result: QueueData | null };
  load_review: { args: { id: string }; result: ReviewData | null };
  decide: { args: { id: string; action: Decision; reason: string | null }; result: DecisionResult };
  propose: { args: { id: string; results: RecognitionResults }; result: DecisionResult };
  revise: { args: { id: string; results: RecognitionResults }; result: DecisionResult };
  build_report: {
    args: { bodyCode: string; from: number; to: number };
    result: { ok: true; text: string; files: OutgoingFile[] } | { ok: false };
  };
  link_create: { args: object; result: { code: string; minutes: number } };
  /** /email: a confirmation code sent to the address (only its digest comes back). */
  email_send_code: { args: { address: string }; result: { codeHash: string; expiresAt: string } };
  /** The code typed back: the address kept and the consent recorded when it matches. */
  email_confirm: {
    args: { address: string; code: string; codeHash: string; expiresAt: string; noticeVersion: string };
    result: { ok: true } | { ok: false; reason: "wrong" | "expired" };
  };
  email_remove: { args: object; result: { removed: boolean } };
  /** /web: a one-time sign-in link to the officers' workspace (none when PUBLIC_URL is not set). */
  web_link: { args: object; result: { ok: true; url: string; minutes: number } | { ok: false } };
  link_redeem: {
    args: { code: string };
    result:
      | { ok: true; already: boolean }
      | { ok: false; reason: "invalid" | "unknown" | "used" | "expired"; minutes: number };
  };
}

export type EffectType = keyof EffectMap;

/** An effect of one type: the type and its arguments. */
export type EffectOf<K extends EffectType> = { type: K } & EffectMap[K]["args"];
/** Any effect. */
export type Effect = { [K in EffectType]: EffectOf<K> }[EffectType];
export type ResultOf<K extends EffectType> = EffectMap[K]["result"];

/** Effects whose result the dialog waits for. */
export type AnsweredEffect = {
  [K in EffectType]: EffectMap[K]["result"] extends undefined ? never : K;
}[EffectType];

/** An effect's result as the dialog receives it, typed by the effect. */
export type EffectResult = {
  [K in AnsweredEffect]: { kind: "result"; effect: K; value: EffectMap[K]["result"] };
}[AnsweredEffect];

/** The documents the chat hands out: the registration form, the certificate, a body's summary list. */
export type DocumentKind = "form_docx" | "form_pdf" | "certificate" | "summary_docx";

/** A recognised model, as its registrant's publication dialog shows it. */
export interface PublicationData {
  id: string;
  code: string;
  name: string;
  /** The photos the registrant may mark public, by their names. */
  photos: string[];
  /** The model's page when it is published already. */
  url: string | null;
  /** The public page's texts, in order, with what is removed and withheld (`place`: name, unit, description.<item>…). */
  preview: { place: string; parts: Part[] }[];
}

export interface GallerySearch {
  items: { code: string; name: string; place: string; tier: string; year: number; url: string }[];
  total: number;
  /** The gallery's own page for the same search. */
  url: string;
}

/** What the bot holds about a person (/dulieu): shown, and copied to them. */
export interface MyData {
  person: {
    id: string;
    displayName: string;
    language: Language;
    lastChannel: string | null;
    lastActiveAt: Date | null;
  };
  identities: { channel: string; externalId: string; lastActiveAt: Date }[];
  consents: ConsentRecord[];
  registrations: Submission[];
  /** Each registration's history by id: what happened, when (not who among the officers). */
  history: Record<string, { action: string; from: Status; to: Status; at: Date; reason: string | null }[]>;
  notifications: { kind: string; status: string; notBefore: Date }[];
  memberships: Membership[];
  /** The person's own requests and consents, from the personal-data trail. */
  requests: { action: string; at: Date }[];
}

/** What an erasure did, and what the record keeps. */
export interface Erasure {
  drafts: number;
  cleared: string[];
  kept: { code: string; until: Date }[];
  identities: string[];
  memberships: Membership[];
}

/** Which part of a queue to show: the submissions waiting for a decision by default. */
export interface QueueFilter {
  status: "pending" | Status;
  field?: FieldId;
}

export interface QueueData {
  items: Submission[];
  total: number;
  bodies: number;
  /** Notifications of these bodies that reached nobody lately: how many, and whom (names or codes). */
  unreached: { count: number; names: string[] };
}

/** A submission as a body's member sees it: details, history, votes, and what they may decide. */
export interface ReviewData {
  submission: Submission;
  history: AuditEvent[];
  decisions: Decision[];
  /** The person may propose the accepted model for recognition (again, after a return). */
  canPropose: boolean;
  /** The person may revise the results and self-score of the proposal before the vote. */
  canRevise: boolean;
  /** The lower-tier decision a nomination comes from: who recognised it, when, its results and score. */
  lower?: {
    code: string;
    bodyName: string;
    scoreTotal: number;
    recognizedAt?: Date;
    outputs?: string;
    figures?: string;
  };
  votes?: Record<string, number>;
  /** The model's page in the public gallery, when it is published. */
  published?: string;
  /** The person may take it off the gallery (a member of a body that recognised it). */
  canUnpublish?: boolean;
  /** For those who may: the fragments of its public texts the scrubber withheld, and their decisions. */
  withheld?: WithheldFragment[];
}

export type DecisionResult =
  | { ok: true; outcome: "decided"; submission: Submission; action: Decision | "propose" }
  | {
      ok: true;
      outcome: "vote_recorded";
      submission: Submission;
      action: Decision;
      counts: Record<string, number>;
      needed: number;
    }
  | { ok: false; refusal: string; params?: Record<string, string | number>; problems?: Problem[] };

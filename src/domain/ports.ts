// What the application needs from storage, in the domain's own types. src/storage implements
// these with Prisma; nothing here does I/O.
import type { EarlierModel } from "./eligibility.ts";
import type { GalleryEntry, GalleryPage, GalleryQuery, GalleryStatistics } from "./gallery.ts";
import type { OrgUnit } from "./org.ts";
import type { Consents, Purpose } from "./privacy.ts";
import type { WithheldCandidate } from "./public-texts.ts";
import type { ReportSubmission } from "./statistics.ts";
import type { AuditEvent } from "./status.ts";
import type {
  BodyCode,
  FieldId,
  Language,
  Membership,
  PersonId,
  Role,
  Status,
  Submission,
  SubmissionCode,
  Tier,
} from "./types.ts";

export interface Person {
  id: PersonId;
  displayName: string;
  language: Language;
  lastChannel: string | null;
  lastActiveAt: Date | null;
  /** The live consents, purpose → notice version. */
  consents: Consents;
  /** Set when the person erased their data. */
  erasedAt: Date | null;
}

/** An account on one channel (a Telegram user, a Zalo user…) bound to a person. */
export interface ChannelIdentity {
  channel: string;
  externalId: string;
  chatId: string;
  personId: PersonId;
  undeliverable: boolean;
  lastActiveAt: Date;
}

export type { Membership } from "./types.ts";

export interface Invitation {
  codeHash: string;
  bodyCode: BodyCode;
  role: Role;
  expiresAt: Date;
  usedAt: Date | null;
}

export type RedeemResult =
  | { ok: true; membership: Membership }
  | { ok: false; reason: "unknown" | "used" | "expired" };

export interface Vote {
  submissionId: string;
  personId: PersonId;
  /** The round voted in: `recognition@v<version>` — a re-proposed model is voted on afresh. */
  stage: string;
  decision: string;
  reason: string | null;
  at: Date;
}

/**
 * `undeliverable`: nothing left to deliver (the submission or the person is gone); `unreached`:
 * the delivery policy tried every way it had and reached nobody before the notification's deadline.
 */
export type NotificationStatus = "pending" | "sent" | "failed" | "undeliverable" | "unreached";

export interface Notification {
  id: string;
  dedupeKey: string;
  personId: PersonId;
  kind: string;
  payload: unknown;
  status: NotificationStatus;
  attempts: number;
  notBefore: Date;
  sentAt: Date | null;
  sentChannel: string | null;
  lastError: string | null;
  createdAt: Date;
  /** When the delivery policy gave up on it. */
  unreachedAt: Date | null;
}

/** What one try of one way to reach a person came to. */
export type AttemptResult = "sent" | "refused_for_now" | "refused_for_good" | "failed";

/** One try of one way (a chat channel, a Zalo template, e-mail) to deliver a notification. */
export interface DeliveryAttempt {
  notificationId: string;
  /** The delivery policy's kind of the notification (arrival, decision, nudge_digest…). */
  kind: string;
  /** A chat channel's name, `zalo-template` or `email`. */
  way: string;
  result: AttemptResult;
  /** A few safe words (never an address, a number or a token). */
  reason: string | null;
  costVnd: number;
  at: Date;
}

export interface DeliveryAttemptRepository {
  record(attempts: readonly DeliveryAttempt[]): Promise<void>;
  ofNotification(notificationId: string): Promise<DeliveryAttempt[]>;
  /** Every attempt made in [from, to), oldest first. */
  between(from: Date, to: Date): Promise<DeliveryAttempt[]>;
}

/** A person's confirmed e-mail address, and whether the mail server refused it for good. */
export interface EmailContact {
  address: string;
  refused: boolean;
}

/** A chat message showing a submission to someone, to edit after a decision. */
export interface MessageRef {
  submissionId: string;
  personId: PersonId;
  channel: string;
  chatId: string;
  messageId: string;
  purpose: string;
}

export interface QueueQuery {
  status?: Status[];
  field?: FieldId;
  tier?: Tier;
  /** Only those flagged late (true) or only those on time (false). */
  late?: boolean;
  cycleYear?: number;
  /**
   * Words of the unit's or the model's name (diacritics and case ignored, each word starting a
   * word of the name), or a code or part of one.
   */
  search?: string;
  /** Oldest first by default; `score`: the highest self-score first; `code`: by code. */
  order?: "oldest" | "newest" | "score" | "code";
  offset?: number;
  limit?: number;
}

export interface SubmissionFilter {
  bodyCode?: BodyCode;
  status?: Status;
  cycleYear?: number;
}

/** What one report reads (see `forReport`). */
export interface ReportRead {
  /** The reported body and every body below it. */
  bodyCodes: readonly BodyCode[];
  /** The period's first and last cycle years. */
  from: number;
  to: number;
  /**
   * Whose individuals' own names and addresses are read (they are personal data, kept
   * encrypted): "all", or the registrations these bodies received; the others' come back null.
   */
  identities: "all" | readonly BodyCode[];
}

export interface OrgRepository {
  upsertMany(units: OrgUnit[]): Promise<void>;
  all(): Promise<OrgUnit[]>;
  count(): Promise<number>;
}

export interface PeopleRepository {
  /** The person behind a channel account, created on first contact. */
  identify(input: {
    channel: string;
    externalId: string;
    chatId: string;
    /** Kept only when given: a member's name shows to colleagues; a citizen's is not needed. */
    displayName?: string;
    language: Language;
    at: Date;
  }): Promise<{ person: Person; identity: ChannelIdentity; created: boolean }>;
  get(id: PersonId): Promise<Person | null>;
  setDisplayName(id: PersonId, name: string): Promise<void>;
  /** The person behind a channel account, if it has written before (one indexed read). */
  personOf(channel: string, externalId: string): Promise<PersonId | null>;
  setLanguage(id: PersonId, language: Language): Promise<void>;
  identities(id: PersonId): Promise<ChannelIdentity[]>;
  setUndeliverable(channel: string, externalId: string, undeliverable: boolean): Promise<void>;
  /** The person's confirmed e-mail address (stored encrypted), if any. */
  email(id: PersonId): Promise<EmailContact | null>;
  /** Keeps a confirmed address (null removes it); a new address is tried again. */
  setEmail(id: PersonId, address: string | null): Promise<void>;
  /** The mail server refused the address for good. */
  markEmailRefused(id: PersonId, at: Date): Promise<void>;
  /** Moves a channel account to another person (linking two channels of one person). */
  linkIdentity(channel: string, externalId: string, personId: PersonId): Promise<void>;
  /**
   * Erasure: unlinks every channel account of the person and deletes what was kept to talk to
   * them (chat sessions but `keep`'s, processed updates of their chats, link codes, notifications,
   * message references); the person stays, anonymised, for the records that name them.
   */
  erase(personId: PersonId, at: Date, keep: { channel: string; chatId: string }): Promise<void>;
}

export interface MembershipRepository {
  add(membership: Membership): Promise<void>;
  ofPerson(personId: PersonId): Promise<Membership[]>;
  ofBody(bodyCode: BodyCode, role?: Role): Promise<Membership[]>;
  /** Every membership (of one body, when given), with when it began. */
  list(bodyCode?: BodyCode): Promise<(Membership & { since: Date })[]>;
  /** Ends a membership; false when there was none. */
  remove(membership: Membership): Promise<boolean>;
}

export interface InvitationRepository {
  create(invitation: Omit<Invitation, "usedAt">): Promise<void>;
  /** Single use: marks the invitation used and adds the membership in one transaction. */
  redeem(codeHash: string, personId: PersonId, now: Date): Promise<RedeemResult>;
}

export interface SubmissionRepository {
  /** With an event, writes both in one transaction (a nomination's new proposal and its event). */
  create(submission: Submission, event?: AuditEvent): Promise<void>;
  get(id: string): Promise<Submission | null>;
  getByCode(code: SubmissionCode): Promise<Submission | null>;
  ofPerson(personId: PersonId): Promise<Submission[]>;
  /** The submissions in the queues of one body or several, filtered, sorted and paged. */
  queue(
    bodyCode: BodyCode | readonly BodyCode[],
    query?: QueueQuery,
  ): Promise<{ items: Submission[]; total: number }>;
  list(filter?: SubmissionFilter): Promise<Submission[]>;
  /**
   * What a report needs, unordered: the registrations of the period received by the bodies, and
   * every proposal nominated from a registration (`parentId` set; whatever its body and year,
   * without a unit name or address, which a report takes from the registration). No drafts.
   */
  forReport(read: ReportRead): Promise<ReportSubmission[]>;
  /** Submissions of a cycle sharing a duplicate key (same unit, same model name). */
  findByDedupeKey(key: string, cycleYear: number): Promise<Submission[]>;
  /** The same unit's models of that name registered in cycles before `beforeYear`. */
  earlierModels(unitName: string, modelName: string, beforeYear: number): Promise<EarlierModel[]>;
  /** Recognised models whose name matches the words typed (no diacritics needed), best first. */
  searchRecognized(query: string, limit: number): Promise<{ code: SubmissionCode; name: string }[]>;
  /** Recomputes the duplicate keys made by an older rule; how many rows it rekeyed. */
  refreshDedupeKeys(): Promise<number>;
  /** Saves a draft's edits; false when `submission.version` is stale. */
  saveDraft(submission: Submission): Promise<boolean>;
  /**
   * Saves a registrant's edits to their own draft or returned registration (status and code stay
   * as stored); false when there is no such row.
   */
  saveEdits(submission: Submission): Promise<boolean>;
  /** Drafts last changed before `before`, oldest first. */
  draftsUntouchedSince(before: Date, limit: number): Promise<Submission[]>;
  /** Deletes a person's own draft (and the messages showing it); false when there is no such draft. */
  deleteDraft(id: string, personId: PersonId): Promise<boolean>;
  /**
   * Erasure: writes a submission's personal fields and texts as `erased` has them (status,
   * version and history order unchanged), and takes `needles` out of its history and votes.
   */
  erasePersonal(erased: Submission, needles: readonly string[]): Promise<void>;
  /** Allocates the next `DVK-<year>-<6 digits>` code of a year, atomically. */
  nextCode(year: number): Promise<SubmissionCode>;
  /**
   * Writes a transition: the submission's new state and its audit event together, in one
   * transaction; false (nothing written) when `expectedVersion` is stale.
   */
  applyTransition(next: Submission, event: AuditEvent, expectedVersion: number): Promise<boolean>;
  history(submissionId: string): Promise<AuditEvent[]>;
}

export interface VoteRepository {
  /** Records a vote (one per person, stage and submission; a second vote replaces the first). */
  cast(vote: Vote): Promise<void>;
  of(submissionId: string, stage: string): Promise<Vote[]>;
}

export interface DialogSessionRepository {
  /** Deletes sessions untouched since `before`; how many went. */
  prune(before: Date): Promise<number>;
  load(channel: string, chatId: string): Promise<{ state: unknown; version: number } | null>;
  /** Saves when `expectedVersion` matches (0 for a new session); false when stale. */
  save(
    channel: string,
    chatId: string,
    state: unknown,
    expectedVersion: number,
    personId?: PersonId,
  ): Promise<boolean>;
}

/** A delivery waiting in (or done with) the pipeline's inbox. */
export interface InboxItem {
  source: string;
  key: string;
  channel: string;
  chatId: string;
  seq: number;
  /** The delivery as its adapter parsed it; null once processed. */
  payload: unknown;
  status: "pending" | "done" | "failed" | "rejected";
  attempts: number;
  notBefore: Date;
  receivedAt: Date;
}

export interface InboxRepository {
  /**
   * Stores a delivery unless the same key arrived after `dedupeSince` (a redelivery); an older
   * key is taken as new (Telegram may reuse update ids after a week without updates). True when stored.
   */
  receive(item: Omit<InboxItem, "status" | "attempts" | "notBefore">, dedupeSince: Date): Promise<boolean>;
  /**
   * Records a webhook body that is not an update (null, a number, an object without an id) as
   * rejected, with its reason: kept like a processed one, never processed nor retried. The same
   * body again is the same record.
   */
  reject(input: { source: string; key: string; channel: string; reason: string; at: Date }): Promise<void>;
  /** A chat's waiting deliveries, in the chat's order. */
  pending(channel: string, chatId: string, limit: number): Promise<InboxItem[]>;
  /** Chats with deliveries due by `now`, for whoever can take them. */
  dueChats(now: Date, limit: number): Promise<{ channel: string; chatId: string }[]>;
  markDone(source: string, key: string, at: Date): Promise<void>;
  /** Tried again from `notBefore`; `counted` attempts lead to giving up, infrastructure faults do not. */
  retry(source: string, key: string, error: string, notBefore: Date, counted: boolean): Promise<void>;
  /** Given up: kept without its payload, marked failed. */
  markFailed(source: string, key: string, error: string, at: Date): Promise<void>;
  /** Takes the chat for `owner` until `until` unless someone else holds it; true when taken. */
  lease(channel: string, chatId: string, owner: string, until: Date, now: Date): Promise<boolean>;
  release(channel: string, chatId: string, owner: string): Promise<void>;
  /** Deletes processed rows received before `before` (and leases long expired); how many rows went. */
  prune(before: Date): Promise<number>;
}

export interface NotificationRepository {
  /** Inserts unless the dedupe key exists; true when inserted. */
  enqueue(input: {
    dedupeKey: string;
    personId: PersonId;
    kind: string;
    payload: unknown;
    notBefore: Date;
  }): Promise<boolean>;
  /** Atomically claims up to `limit` due notifications for `worker` until `leaseUntil`. */
  claimDue(now: Date, worker: string, leaseUntil: Date, limit: number): Promise<Notification[]>;
  markSent(id: string, channel: string, at: Date): Promise<void>;
  /** Back to pending, retried at `retryAt`. */
  markFailed(id: string, error: string, retryAt: Date): Promise<void>;
  markUndeliverable(id: string, error: string): Promise<void>;
  /** The policy reached nobody before the deadline. */
  markUnreached(id: string, error: string, at: Date): Promise<void>;
  /** Notifications that reached nobody since `since`, oldest first. */
  unreached(since: Date): Promise<Notification[]>;
  byKey(dedupeKey: string): Promise<Notification | null>;
  /** Empties the payloads of notifications done with (sent or given up) before `before`; the keys stay, for dedupe. */
  prunePayloads(before: Date): Promise<number>;
  list(filter?: { personId?: PersonId; status?: NotificationStatus; kind?: string }): Promise<Notification[]>;
}

export interface MessageRefRepository {
  add(ref: MessageRef): Promise<void>;
  ofSubmission(submissionId: string, purpose?: string): Promise<MessageRef[]>;
}

/** A code linking another channel account to a person (stored hashed; short-lived; single use). */
export type LinkRedeemResult =
  | { ok: true; personId: PersonId }
  | { ok: false; reason: "unknown" | "used" | "expired" };

export interface LinkCodeRepository {
  /** Stores a person's new code, dropping their unused ones (one live code per person). */
  create(input: { codeHash: string; personId: PersonId; expiresAt: Date; now: Date }): Promise<void>;
  /** Single use: claims the code for `usedBy` (`<channel>:<externalId>`) if unused and unexpired. */
  redeem(codeHash: string, usedBy: string, now: Date): Promise<LinkRedeemResult>;
}

/** An OAuth token pair of a channel account (the Zalo OA's), shared by every instance. */
export interface StoredToken {
  id: string;
  accessToken: string;
  refreshToken: string;
  expiresAt: Date;
  /** Grows with every replacement: a writer names the version it read. */
  version: number;
  leaseOwner: string | null;
  leaseUntil: Date | null;
  seedHash: string;
}

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  expiresAt: Date;
}

export interface TokenRepository {
  get(id: string): Promise<StoredToken | null>;
  /** Inserts the first pair unless the row exists; true when inserted. */
  seed(id: string, pair: TokenPair, seedHash: string): Promise<boolean>;
  /**
   * Takes the refresh lease when the row is still at `expectedVersion` and no other live lease
   * is held; false otherwise (another instance refreshes, or already has).
   */
  claimRefresh(id: string, expectedVersion: number, owner: string, until: Date, now: Date): Promise<boolean>;
  /**
   * Replaces the pair when the row is still at `expectedVersion` (version + 1, lease released);
   * false when another writer got there first.
   */
  replace(id: string, expectedVersion: number, pair: TokenPair, seedHash?: string): Promise<boolean>;
  /** Gives up a lease without a new pair (the refresh failed). */
  releaseRefresh(id: string, owner: string): Promise<void>;
}

/** A consent as recorded: the evidence of what was agreed to, when, where. */
export interface ConsentRecord {
  purpose: Purpose;
  noticeVersion: string;
  channel: string;
  givenAt: Date;
  /** Withdrawn, or replaced by a consent to a newer notice. */
  endedAt: Date | null;
}

export interface ConsentRepository {
  /** Records a consent (ending a live one to the same purpose) and updates the person's live consents. */
  give(input: {
    personId: PersonId;
    purpose: Purpose;
    noticeVersion: string;
    channel: string;
    at: Date;
  }): Promise<void>;
  /** Ends the person's live consents (to one purpose, or all); how many ended. */
  withdraw(personId: PersonId, purposes: readonly Purpose[], at: Date): Promise<number>;
  ofPerson(personId: PersonId): Promise<ConsentRecord[]>;
}

/** A line of the personal-data trail: who did what with whose data. */
export interface PrivacyEvent {
  at: Date;
  /** A person's id, or `cli` / `system`. */
  actor: string;
  personId: PersonId | null;
  action: PrivacyAction;
  bodyCode: BodyCode | null;
  detail: Record<string, unknown>;
}

export type PrivacyAction =
  | "consent.give"
  | "consent.decline"
  | "consent.withdraw"
  | "data.view"
  | "data.copy"
  | "data.erase"
  | "export"
  | "membership.end"
  | "retention.prune"
  | "publication.publish"
  | "publication.unpublish"
  | "publication.release"
  | "publication.keep_hidden";

export interface PrivacyLogRepository {
  record(event: PrivacyEvent): Promise<void>;
  list(filter?: { personId?: PersonId; action?: PrivacyAction; since?: Date }): Promise<PrivacyEvent[]>;
}

/** Personal data at rest: which keys wrote it, and writing it again under the current key. */
export interface SealedDataRepository {
  /** The ids of the keys the stored values were encrypted with. */
  keyIds(): Promise<string[]>;
  /** Encrypts under the current key every personal value still in clear or under an older key; how many. */
  reseal(): Promise<number>;
  /** The first time only: seals what was written before encryption existed; null when done before. */
  sealOnce(): Promise<number | null>;
}

/** A token bucket: `perSecond` tokens come back each second, at most `burst` are kept. */
export interface RateRule {
  perSecond: number;
  burst: number;
}

/** A take's verdict: a token was there; the first refusal since the bucket was last full; a later one. */
export type RateVerdict = "allowed" | "first_excess" | "excess";

export interface RateLimitRepository {
  /**
   * Takes a token from the key's bucket at `now`, atomically across instances: concurrent takes
   * never admit more than the rule allows. A clock behind the bucket's refills nothing.
   */
  take(key: string, now: Date, rule: RateRule): Promise<RateVerdict>;
  /** How many updates the key's bucket refused since it was created (a flood is a counter, not rows). */
  refused(key: string): Promise<number>;
  /** Deletes buckets untouched since `before` (full again: as good as none); how many went. */
  prune(before: Date): Promise<number>;
}

/** The places and years the published models are in: the gallery's filters offer only these. */
export interface GalleryFacets {
  provinces: { code: string; name: string; communes: { code: string; name: string }[] }[];
  years: number[];
}

/** The public gallery: published models, searched by words and filtered. */
export interface GalleryRepository {
  /** Publishes (or refreshes) a model's entry, keyed by its chain's root. */
  publish(entry: GalleryEntry): Promise<void>;
  /** Publishes entries not in the gallery yet, in one statement (an import, the benchmark's seed). */
  publishMany(entries: readonly GalleryEntry[]): Promise<number>;
  /** A published model by its code (its page), or null. */
  byCode(code: string): Promise<GalleryEntry | null>;
  /** The entry of a chain, whichever of its submissions is given (root or a later tier). */
  ofSubmission(submissionId: string): Promise<GalleryEntry | null>;
  ofPerson(personId: PersonId): Promise<GalleryEntry[]>;
  /** Takes a model off the gallery, its withheld fragments with it; false when it was not there. */
  unpublish(rootId: string): Promise<boolean>;
  /** Takes every model of a person off (consent withdrawn, data erased), fragments and all; how many. */
  unpublishPerson(personId: PersonId): Promise<number>;
  /** Matching entries, best first (by relevance with words, newest recognition without). */
  search(query: GalleryQuery): Promise<GalleryPage>;
  facets(): Promise<GalleryFacets>;
  statistics(): Promise<GalleryStatistics>;
  /** Entries whose texts went through a scrubber older than `version`, at most `limit`. */
  scrubbedBefore(version: number, limit: number): Promise<{ rootId: string; submissionId: string }[]>;
  /** Every published code and when it last changed (the sitemap), at most `limit`. */
  codes(limit: number): Promise<{ code: string; updatedAt: Date }[]>;
}

/** Pending an officer's word; released (shown); kept hidden. */
export type WithheldStatus = "pending" | "released" | "kept";

export interface WithheldFragment extends Omit<WithheldCandidate, "key"> {
  id: string;
  rootId: string;
  status: WithheldStatus;
  decidedBy: PersonId | null;
  decidedAt: Date | null;
  createdAt: Date;
}

/** The withheld fragments of published models (sealed at rest: they may be personal data). */
export interface WithheldRepository {
  /**
   * Brings a model's fragments in step with its texts: new ones pending, those no longer in the
   * texts gone, the others as an officer decided.
   */
  sync(rootId: string, candidates: readonly WithheldCandidate[], at: Date): Promise<void>;
  ofModel(rootId: string): Promise<WithheldFragment[]>;
  get(id: string): Promise<WithheldFragment | null>;
  decide(id: string, status: Exclude<WithheldStatus, "pending">, by: PersonId, at: Date): Promise<boolean>;
}

/** A browser's session in the officers' workspace (its id is stored hashed). */
export interface WebSession {
  idHash: string;
  personId: PersonId;
  /** The token every form of the session carries. */
  csrf: string;
  via: "link" | "telegram";
  createdAt: Date;
  lastSeenAt: Date;
  /** The absolute end, however active the session is. */
  expiresAt: Date;
}

export interface WebAuthRepository {
  /** Stores a one-time sign-in link's token (hashed) for a person. */
  createSignIn(input: { tokenHash: string; personId: PersonId; expiresAt: Date; now: Date }): Promise<void>;
  /** Single use: claims the link if unused and unexpired (at most one claim wins). */
  redeemSignIn(tokenHash: string, now: Date): Promise<LinkRedeemResult>;
  createSession(session: WebSession): Promise<void>;
  session(idHash: string): Promise<WebSession | null>;
  /** Records activity (the idle expiry counts from it). */
  touch(idHash: string, at: Date): Promise<void>;
  endSession(idHash: string): Promise<void>;
  /** Deletes sessions ended by `now` (idle since `idleBefore`, or past their end) and links expired; how many rows went. */
  prune(now: Date, idleBefore: Date): Promise<number>;
}

/** All repositories, bound to one database (or to one transaction of it). */
export interface Repositories {
  org: OrgRepository;
  people: PeopleRepository;
  memberships: MembershipRepository;
  invitations: InvitationRepository;
  submissions: SubmissionRepository;
  votes: VoteRepository;
  dialogs: DialogSessionRepository;
  inbox: InboxRepository;
  notifications: NotificationRepository;
  messages: MessageRefRepository;
  linkCodes: LinkCodeRepository;
  tokens: TokenRepository;
  sealed: SealedDataRepository;
  consents: ConsentRepository;
  privacyLog: PrivacyLogRepository;
  rateLimits: RateLimitRepository;
  deliveries: DeliveryAttemptRepository;
  gallery: GalleryRepository;
  withheld: WithheldRepository;
  web: WebAuthRepository;
}

export interface Store extends Repositories {
  /** Runs `work` in one transaction: every write inside commits together or not at all. */
  transaction<T>(work: (repos: Repositories) => Promise<T>): Promise<T>;
  /** Whether an error is the database being away or busy for now (worth trying again later). */
  isTransient(error: unknown): boolean;
  close(): Promise<void>;
}

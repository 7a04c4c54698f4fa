// Submission and AuditEvent rows ↔ domain values, including the columns storage derives.
import { dedupeKey } from "../../domain/eligibility.ts";
import { type ActorRole, AUDIT_ACTIONS, type AuditEvent } from "../../domain/status.ts";
import { parseSubmissionCode } from "../../domain/submission-code.ts";
import {
  type Description,
  FIELD_IDS,
  MODEL_KINDS,
  REGISTRANT_KINDS,
  type RecognitionResults,
  type ReplicatedModel,
  ROLES,
  STATUSES,
  type Submission,
  type SubmissionCode,
  TIERS,
} from "../../domain/types.ts";
import type { Cipher } from "../cipher.ts";
import type {
  AuditEvent as AuditEventRow,
  Prisma,
  Submission as SubmissionRow,
} from "../generated/sqlite/client.ts";
import { fromJson, oneOf, oneOfOrNull, seal, toJson, unseal } from "./rows.ts";

const ACTOR_ROLES: readonly ActorRole[] = ["registrant", ...ROLES, "system"];

export function asSubmissionCode(text: string): SubmissionCode {
  const code = parseSubmissionCode(text);
  if (code === text) return code;
  throw new Error(`Unexpected value ${JSON.stringify(text)} in Submission.code`);
}

/**
 * Stored duplicate keys are keyed digests of the domain's dedupeKey (an individual's unit name is
 * their own name), prefixed with the rule's version and the key they were made with: when either
 * changes, the rows with an older prefix are found (and rekeyed) with one indexed query.
 */
export function dedupePrefix(cipher: Cipher): string {
  return `k3.${cipher.keyId}:`;
}

/** The stored form of a domain duplicate key. */
export function storedDedupeKey(cipher: Cipher, key: string): string {
  return `${dedupePrefix(cipher)}${cipher.digest(key)}`;
}

/** The duplicate key (same unit, same model name; the cycle is its own column), once both are known. */
export function submissionDedupeKey(
  cipher: Cipher,
  s: Pick<Submission, "unitName"> & { description: Pick<Description, "model_name"> },
): string | null {
  const modelName = s.description.model_name;
  return s.unitName && modelName ? storedDedupeKey(cipher, dedupeKey(s.unitName, modelName)) : null;
}

/**
 * An individual registers under their own name and address: those are personal data like the
 * contact's, and are encrypted with them. A unit's name and address are public.
 */
function personalIdentity(s: Pick<Submission, "registrantKind">): boolean {
  return s.registrantKind === "individual";
}

/** Every column a submission's state sets; `id`, `createdAt` and `version` are the repository's. */
export function submissionColumns(cipher: Cipher, s: Submission) {
  const personal = personalIdentity(s);
  return {
    code: s.code,
    personId: s.registrantId,
    status: s.status,
    cycleYear: s.cycleYear,
    field: s.field,
    registrantKind: s.registrantKind,
    unitCategory: s.unitCategory,
    unitName: personal ? seal(cipher, s.unitName) : s.unitName,
    address: personal ? seal(cipher, s.address) : s.address,
    contactName: seal(cipher, s.contactName),
    contactPhone: seal(cipher, s.contactPhone),
    localityCode: s.localityCode,
    bodyCode: s.bodyCode,
    viaBodyCode: s.viaBodyCode,
    queueBodyCode: s.queueBodyCode,
    tier: s.tier,
    modelKind: s.modelKind,
    replicates: s.replicates ? toJson(s.replicates) : null,
    description: toJson(s.description),
    modelName: s.description.model_name ?? null,
    scores: toJson(s.scores),
    // The column is an integer; rubric scores are whole points.
    scoreTotal: Math.round(Object.values(s.scores).reduce((sum, score) => sum + score, 0)),
    attachments: toJson(s.attachments),
    results: s.results === null ? null : toJson(s.results),
    late: s.late,
    parentId: s.parentId,
    dedupeKey: submissionDedupeKey(cipher, s),
    submittedAt: s.submittedAt,
    decidedAt: s.decidedAt,
    updatedAt: s.updatedAt,
  } satisfies Prisma.SubmissionUncheckedUpdateManyInput;
}

export type { SubmissionRow };

export function submissionFromRow(cipher: Cipher, row: SubmissionRow): Submission {
  return {
    id: row.id,
    code: row.code === null ? null : asSubmissionCode(row.code),
    registrantId: row.personId,
    status: oneOf(STATUSES, row.status, "Submission.status"),
    cycleYear: row.cycleYear,
    field: oneOfOrNull(FIELD_IDS, row.field, "Submission.field"),
    registrantKind: oneOfOrNull(REGISTRANT_KINDS, row.registrantKind, "Submission.registrantKind"),
    unitCategory: row.unitCategory,
    // Read whatever the kind: a registration that changed kind may hold either form.
    unitName: unseal(cipher, row.unitName),
    address: unseal(cipher, row.address),
    contactName: unseal(cipher, row.contactName),
    contactPhone: unseal(cipher, row.contactPhone),
    localityCode: row.localityCode,
    bodyCode: row.bodyCode,
    viaBodyCode: row.viaBodyCode,
    queueBodyCode: row.queueBodyCode,
    tier: oneOfOrNull(TIERS, row.tier, "Submission.tier"),
    modelKind: oneOfOrNull(MODEL_KINDS, row.modelKind, "Submission.modelKind"),
    replicates: row.replicates === null ? null : fromJson<ReplicatedModel>(row.replicates),
    description: fromJson<Description>(row.description),
    scores: fromJson<Record<string, number>>(row.scores),
    attachments: fromJson<Submission["attachments"]>(row.attachments),
    results: row.results === null ? null : fromJson<RecognitionResults>(row.results),
    late: row.late,
    parentId: row.parentId,
    submittedAt: row.submittedAt,
    decidedAt: row.decidedAt,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    version: row.version,
  };
}

/** `version` is the submission's version after the transition the event records. */
export function auditEventToRow(cipher: Cipher, event: AuditEvent, version: number): AuditEventRow {
  return {
    id: event.id,
    submissionId: event.submissionId,
    actorId: event.actorId,
    actorRole: event.actorRole,
    action: event.action,
    fromStatus: event.from,
    toStatus: event.to,
    reason: event.reason,
    // A returned registration's snapshot holds its contact details: the whole of it is sealed.
    data: cipher.encrypt(toJson(event.data)),
    at: event.at,
    version,
  };
}

export function auditEventFromRow(cipher: Cipher, row: AuditEventRow): AuditEvent {
  return {
    id: row.id,
    submissionId: row.submissionId,
    actorId: row.actorId,
    actorRole: oneOf(ACTOR_ROLES, row.actorRole, "AuditEvent.actorRole"),
    action: oneOf(AUDIT_ACTIONS, row.action, "AuditEvent.action"),
    from: oneOf(STATUSES, row.fromStatus, "AuditEvent.fromStatus"),
    to: oneOf(STATUSES, row.toStatus, "AuditEvent.toStatus"),
    reason: row.reason,
    data: fromJson<Record<string, unknown>>(cipher.decrypt(row.data)),
    at: row.at,
  };
}

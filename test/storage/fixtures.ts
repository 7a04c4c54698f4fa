import { randomUUID } from "node:crypto";
import type { AuditEvent } from "../../src/domain/status.ts";
import type { Submission } from "../../src/domain/types.ts";

export const T0 = new Date("2026-03-01T08:00:00.123Z");

export function minutesAfter(start: Date, minutes: number): Date {
  return new Date(start.getTime() + minutes * 60_000);
}

export function draft(overrides: Partial<Submission> = {}): Submission {
  return {
    id: randomUUID(),
    code: null,
    registrantId: "person-1",
    status: "draft",
    cycleYear: 2026,
    field: "economy",
    registrantKind: "collective",
    unitCategory: "chi_bo",
    unitName: "Chi bộ thôn Đông",
    address: "Thôn Đông, xã Ninh Nhất",
    contactName: "Nguyễn Văn A",
    contactPhone: "0912345678",
    localityCode: "NB-HL-NN",
    bodyCode: "NB-HL-NN",
    viaBodyCode: null,
    queueBodyCode: null,
    tier: "commune",
    modelKind: "new",
    description: { model_name: "Đường hoa nông thôn mới", situation: "Đường làng nhếch nhác" },
    scores: { c1: 10, c2: 14 },
    attachments: [{ kind: "photo", channel: "telegram", ref: "file-1" }],
    results: null,
    late: false,
    parentId: null,
    submittedAt: null,
    decidedAt: null,
    createdAt: T0,
    updatedAt: T0,
    version: 0,
    replicates: null,
    ...overrides,
  };
}

export function auditEvent(submission: Submission, overrides: Partial<AuditEvent> = {}): AuditEvent {
  return {
    id: randomUUID(),
    submissionId: submission.id,
    actorId: submission.registrantId,
    actorRole: "registrant",
    action: "submit",
    from: "draft",
    to: "submitted",
    reason: null,
    data: { via: "test" },
    at: minutesAfter(T0, 5),
    ...overrides,
  };
}

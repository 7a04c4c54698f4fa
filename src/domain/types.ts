// The words of the domain, as types. Everything under src/domain is pure: no I/O, no platform.

/** A tier of the movement's organisation (cấp): xã, huyện, tỉnh. */
export const TIERS = ["commune", "district", "province"] as const;
export type Tier = (typeof TIERS)[number];

/** The four fields (lĩnh vực) a model belongs to. */
export const FIELD_IDS = ["economy", "culture_society", "defense_security", "political_system"] as const;
export type FieldId = (typeof FIELD_IDS)[number];

/** Who registers: a collective (tập thể) or an individual (cá nhân). */
export const REGISTRANT_KINDS = ["collective", "individual"] as const;
export type RegistrantKind = (typeof REGISTRANT_KINDS)[number];

/** A new model (xây dựng mới) or the replication (nhân rộng) of an existing one. */
export const MODEL_KINDS = ["new", "replication"] as const;
export type ModelKind = (typeof MODEL_KINDS)[number];

/** Roles come only from invitations. */
export const ROLES = ["officer", "committee", "admin"] as const;
export type Role = (typeof ROLES)[number];

export const LANGUAGES = ["vi", "en"] as const;
export type Language = (typeof LANGUAGES)[number];

/** The ten description items of a registration (2026 ward form). */
export const DESCRIPTION_ITEMS = [
  "model_name", // Tên mô hình
  "situation", // Thực trạng, lý do
  "goals", // Mục tiêu, tiêu chí
  "activities", // Nội dung, cách thức
  "area", // Địa bàn, đối tượng
  "forces", // Lực lượng thực hiện
  "resources", // Nguồn lực
  "timeline", // Thời gian
  "outputs", // Sản phẩm, kết quả
  "sustainability", // Khả năng duy trì, nhân rộng
] as const;
export type DescriptionItemId = (typeof DESCRIPTION_ITEMS)[number];
export type Description = Partial<Record<DescriptionItemId, string>>;

/** Self-scores per criterion id of the rulebook's rubric. */
export type Scores = Record<string, number>;

/** Status of a submission (DESIGN §2.7). */
export const STATUSES = [
  "draft",
  "submitted",
  "accepted",
  "returned",
  "rejected",
  "proposed",
  "recognized",
  "not_recognized",
  "nominated",
] as const;
export type Status = (typeof STATUSES)[number];

/** A code of a body in the org tree, e.g. "NB-HL-NN". */
export type BodyCode = string;
export type PersonId = string;

/** A role a person holds in a body, granted by an invitation. */
export interface Membership {
  personId: PersonId;
  bodyCode: BodyCode;
  role: Role;
}

/** `DVK-<year>-<6 digits>`, the human code a registrant sees and officers search by. */
export type SubmissionCode = `DVK-${number}-${string}`;

/** A file the registrant attached (a Telegram file_id, a Zalo image URL…), kept as a reference. */
export interface Attachment {
  kind: "photo" | "document";
  channel: string;
  ref: string;
  name?: string;
  /** As the sender's platform reports them, where it does (see attachments.ts). */
  mime?: string;
  /** In bytes. */
  size?: number;
}

/** What the registrant reports when proposing recognition (kết quả đạt được). */
export interface RecognitionResults {
  outcomes: Description;
  /** Proposed after the rulebook's deadline: kept, and flagged. */
  late: boolean;
  /** Decided (recognised or not) after the recognition deadline: kept, and flagged. */
  decisionLate?: boolean;
  figures?: string;
  scores: Scores;
  attachments: Attachment[];
}

/** The existing model a replication copies. */
export interface ReplicatedModel {
  /** Its code (DVK-…) when it was registered with the bot. */
  code?: string | null;
  name: string;
}

export interface Submission {
  id: string;
  code: SubmissionCode | null;
  registrantId: PersonId;
  status: Status;
  cycleYear: number;
  field: FieldId | null;
  registrantKind: RegistrantKind | null;
  unitCategory: string | null;
  unitName: string | null;
  address: string | null;
  contactName: string | null;
  contactPhone: string | null;
  /** The locality the unit belongs to (a node of the org tree). */
  localityCode: BodyCode | null;
  /** The receiving body that decides. */
  bodyCode: BodyCode | null;
  /** A body the submission passes through first (district Ban Dân vận for a district party committee). */
  viaBodyCode: BodyCode | null;
  /** Whose queue it sits in now. */
  queueBodyCode: BodyCode | null;
  tier: Tier | null;
  modelKind: ModelKind | null;
  /**
   * For a replication (nhân rộng): the model it replicates — its name, and its code when it was
   * registered here. Optional until storage carries it: undefined means "not known to this
   * caller" (not checked), null means "none named".
   */
  replicates?: ReplicatedModel | null;
  description: Description;
  scores: Scores;
  attachments: Attachment[];
  results: RecognitionResults | null;
  late: boolean;
  /** The lower-tier submission this proposal was nominated from. */
  parentId: string | null;
  submittedAt: Date | null;
  decidedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  version: number;
}

/** A problem found by a rule: a code and its parameters, never a sentence. */
export interface Problem {
  code: string;
  params?: Record<string, string | number>;
}

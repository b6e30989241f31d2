import type { Generated, Insertable, Selectable } from 'kysely';

/** The relational tables as Kysely sees them. Timestamps are ISO strings, booleans 0/1, JSON as text. */
export interface Database {
  users: UsersTable;
  sessions: SessionsTable;
  exams: ExamsTable;
  candidates: CandidatesTable;
  answers: AnswersTable;
  commissions: CommissionsTable;
  commission_members: CommissionMembersTable;
  commission_candidates: CommissionCandidatesTable;
  grants: GrantsTable;
  appeals: AppealsTable;
  audit: AuditTable;
  doc_updates: DocUpdatesTable;
  doc_snapshots: DocSnapshotsTable;
  doc_heads: DocHeadsTable;
  grade_imports: GradeImportsTable;
}

export interface UsersTable {
  id: string;
  username: string;
  display_name: string;
  password_hash: string | null;
  oidc_issuer: string | null;
  oidc_subject: string | null;
  created_at: string;
}

export interface SessionsTable {
  token_hash: string;
  user_id: string;
  expires_at: string;
  created_at: string;
}

export interface ExamsTable {
  id: string;
  /** The whole exam as validated by `examSchema`. */
  data: string;
}

/** Names and student ids: coordinators alone may read them (R2). */
export interface CandidatesTable {
  exam_id: string;
  number: string;
  name: string;
  student_id: string;
  attended: number;
  supervisor_id: string | null;
}

export interface AnswersTable {
  exam_id: string;
  candidate: string;
  question_id: string;
  text: string;
  pdf: Uint8Array | null;
}

export interface CommissionsTable {
  id: string;
  exam_id: string;
  name: string;
  purpose: string;
  /** JSON: question id → user id (R4). */
  split: string;
}

export interface CommissionMembersTable {
  commission_id: string;
  user_id: string;
  display_name: string;
  affiliation: string;
  first_time: number;
  extra: number;
}

export interface CommissionCandidatesTable {
  commission_id: string;
  candidate: string;
}

export interface GrantsTable {
  user_id: string;
  exam_id: string;
  role: string;
}

/** The candidate's reasons live here only, never in a document (R9). */
export interface AppealsTable {
  id: string;
  exam_id: string;
  candidate: string;
  ordinary_commission_id: string;
  appeal_commission_id: string | null;
  third_commission_id: string | null;
  reasons: string;
  registered_at: string;
  status: string;
}

/** Append-only (R21): triggers refuse every UPDATE and DELETE. */
export interface AuditTable {
  id: Generated<number>;
  at: string;
  actor_id: string;
  action: string;
  exam_id: string | null;
  commission_id: string | null;
  candidate: string | null;
  detail: string;
}

export interface DocUpdatesTable {
  seq: Generated<number>;
  doc_name: string;
  /** 1, 2, 3 … per document, in commit order (null only on rows written before migration 0003). */
  doc_seq: number | null;
  bytes: Uint8Array;
}

/** Each document's latest `doc_seq`; every append locks and bumps its row. */
export interface DocHeadsTable {
  doc_name: string;
  seq: number;
}

export interface DocSnapshotsTable {
  doc_name: string;
  bytes: Uint8Array;
  /** The last update `seq` the snapshot contains. */
  through_seq: number;
  /** The last `doc_seq` the snapshot contains. */
  through_doc_seq: Generated<number>;
}

/** R12: one uploaded grade file; `report` and `applied` are JSON. */
export interface GradeImportsTable {
  id: string;
  exam_id: string;
  created_by: string;
  created_at: string;
  file_name: string;
  status: string;
  report: string;
  applied: string;
}

export type UserRow = Selectable<UsersTable>;
export type NewUserRow = Insertable<UsersTable>;

import type {
  Appeal,
  AuditEvent,
  Candidate,
  CandidateNumber,
  Commission,
  CommissionId,
  Confirmation,
  Exam,
  ExamId,
  FinalGrade,
  Grade,
  GradeImportCheck,
  ImportedGrade,
  QuestionId,
  UserId,
} from '@cograde/domain';

/**
 * The relational store behind narrow interfaces, one per concern. The Kysely implementation runs on
 * SQLite today; a PostgreSQL one needs only another Kysely dialect and the same migrations.
 */
export type UserRecord = {
  id: UserId;
  username: string;
  displayName: string;
  passwordHash: string | null;
  oidc: { issuer: string; subject: string } | null;
};

export interface UserRepository {
  byId(id: UserId): Promise<UserRecord | null>;
  byUsername(username: string): Promise<UserRecord | null>;
  byOidc(issuer: string, subject: string): Promise<UserRecord | null>;
  create(user: UserRecord, createdAt: Date): Promise<void>;
  all(): Promise<UserRecord[]>;
}

export interface SessionRepository {
  create(session: { tokenHash: string; userId: UserId; expiresAt: Date; createdAt: Date }): Promise<void>;
  /** The user of an unexpired session. */
  userOf(tokenHash: string, now: Date): Promise<UserRecord | null>;
  delete(tokenHash: string): Promise<void>;
  deleteExpired(now: Date): Promise<number>;
}

export type ExamGrant = { userId: UserId; examId: ExamId; role: 'coordinator' | 'supervisor' };
export type Membership = { commissionId: CommissionId; examId: ExamId; purpose: Commission['purpose'] };
export type AnswerRecord = { questionId: QuestionId; text: string; hasPdf: boolean };

export interface ExamRepository {
  put(exam: Exam): Promise<void>;
  /** Stores a new exam; false, changing nothing, when the id is taken (two creations at once). */
  create(exam: Exam): Promise<boolean>;
  byId(id: ExamId): Promise<Exam | null>;
  all(): Promise<Exam[]>;
  putCandidates(examId: ExamId, candidates: readonly Candidate[]): Promise<void>;
  /** Names and student ids: for coordinators only (R2). */
  candidates(examId: ExamId): Promise<Candidate[]>;
  putAnswer(answer: {
    examId: ExamId;
    candidate: CandidateNumber;
    questionId: QuestionId;
    text: string;
    pdf?: Uint8Array;
  }): Promise<void>;
  answers(examId: ExamId, candidate: CandidateNumber): Promise<AnswerRecord[]>;
  answerPdf(examId: ExamId, candidate: CandidateNumber, questionId: QuestionId): Promise<Uint8Array | null>;
  addGrant(grant: ExamGrant): Promise<void>;
  grantsOf(userId: UserId): Promise<ExamGrant[]>;
}

export interface CommissionRepository {
  /** Inserts or replaces the commission with its members and candidates. */
  put(commission: Commission): Promise<void>;
  byId(id: CommissionId): Promise<Commission | null>;
  ofExam(examId: ExamId): Promise<Commission[]>;
  membershipsOf(userId: UserId): Promise<Membership[]>;
}

export interface AppealRepository {
  put(appeal: Appeal): Promise<void>;
  byId(id: string): Promise<Appeal | null>;
  ofExam(examId: ExamId): Promise<Appeal[]>;
}

export type NewAuditEvent = Omit<AuditEvent, 'id' | 'at'> & { at: Date };

/** R21: append and read; there is no way to change or remove an entry. */
export interface AuditLog {
  append(event: NewAuditEvent): Promise<number>;
  ofExam(examId: ExamId): Promise<AuditEvent[]>;
}

/** What accepting one row of a grade import replaced in the commission document, so it can be undone. */
export type AppliedImportRow = {
  commissionId: CommissionId;
  grade: Grade;
  row: number;
  before: { final?: FinalGrade; imported?: ImportedGrade; confirmations: Confirmation[] };
  undone: boolean;
};

export type GradeImportRecord = {
  id: string;
  examId: ExamId;
  createdBy: UserId;
  createdAt: string;
  fileName: string;
  /** pending → accepted (its rows applied) or discarded (a newer upload came first). */
  status: 'pending' | 'accepted' | 'discarded';
  report: GradeImportCheck;
  applied: Record<CandidateNumber, AppliedImportRow>;
};

/** R12: uploaded grade files. */
export interface GradeImportRepository {
  put(record: GradeImportRecord): Promise<void>;
  byId(examId: ExamId, id: string): Promise<GradeImportRecord | null>;
  ofExam(examId: ExamId): Promise<GradeImportRecord[]>;
}

export interface Repository {
  gradeImports: GradeImportRepository;
  users: UserRepository;
  sessions: SessionRepository;
  exams: ExamRepository;
  commissions: CommissionRepository;
  appeals: AppealRepository;
  audit: AuditLog;
  /** True before anything was stored: the demo is seeded only then. */
  isEmpty(): Promise<boolean>;
}

import type { ExamStatus } from './exam.ts';
import type { AppealId, CommissionId, ExamId, UserId } from './ids.ts';
import type { CommissionPurpose } from './people.ts';

/**
 * The single source of truth for who may read and write what. The sync server and the web app both
 * call `can()`; nothing else decides access.
 *
 * Access follows from the actor's relation to a resource (coordinator of its exam, member of its
 * commission, owner of a private document, …), looked up in one table.
 */

export type Grant =
  | { role: 'coordinator'; examId: ExamId }
  | { role: 'supervisor'; examId: ExamId }
  | { role: 'examiner'; examId: ExamId; commissionId: CommissionId; purpose: CommissionPurpose };

export type Actor = { userId: UserId; grants: readonly Grant[] };

export type Resource =
  | { kind: 'exam'; examId: ExamId }
  | { kind: 'commission'; examId: ExamId; commissionId: CommissionId }
  | { kind: 'private'; examId: ExamId; commissionId: CommissionId; ownerId: UserId }
  | { kind: 'appeal'; examId: ExamId; appealId: AppealId; commissionIds: readonly CommissionId[] }
  | { kind: 'progress'; examId: ExamId }
  | { kind: 'answers'; examId: ExamId; commissionId: CommissionId; examStatus: ExamStatus }
  | { kind: 'audit'; examId: ExamId }
  | { kind: 'statistics'; examId: ExamId }
  | { kind: 'identities'; examId: ExamId }
  | { kind: 'export'; examId: ExamId }
  /** The commissions' registered final grades by candidate number; the supervisor only when allowed (R15). */
  | { kind: 'finals'; examId: ExamId; supervisorSeesFinals: boolean };
export type ResourceKind = Resource['kind'];

export const actions = [
  'read',
  'write',
  'confirm',
  'register',
  'reopen',
  'flag',
  'disqualify',
  'import',
  'manage',
] as const;
export type Action = (typeof actions)[number];

export const relations = ['coordinator', 'supervisor', 'member', 'owner', 'none'] as const;
export type Relation = (typeof relations)[number];

const none: readonly Action[] = [];

/** The permission table: resource kind × relation → allowed actions. */
export const permissionTable: Record<ResourceKind, Record<Relation, readonly Action[]>> = {
  exam: { coordinator: ['read', 'manage'], supervisor: ['read'], member: ['read'], owner: none, none },
  commission: {
    coordinator: ['read', 'register', 'reopen', 'import', 'manage'],
    supervisor: none,
    member: ['read', 'write', 'confirm', 'register', 'flag', 'disqualify'],
    owner: none,
    none,
  },
  // R20: private notes and individual marks are their author's alone.
  private: { coordinator: none, supervisor: none, member: none, owner: ['read', 'write'], none },
  appeal: { coordinator: ['read', 'manage'], supervisor: none, member: ['read'], owner: none, none },
  progress: { coordinator: ['read'], supervisor: ['read'], member: none, owner: none, none },
  answers: { coordinator: ['read'], supervisor: none, member: ['read'], owner: none, none },
  audit: { coordinator: ['read'], supervisor: none, member: none, owner: none, none },
  statistics: { coordinator: ['read'], supervisor: ['read'], member: none, owner: none, none },
  // R2: names and student ids reach coordinators alone.
  identities: { coordinator: ['read'], supervisor: none, member: none, owner: none, none },
  export: { coordinator: ['read'], supervisor: none, member: none, owner: none, none },
  // R15: final grades only, never marks or proposals; the supervisor reads them when the exam allows it.
  finals: { coordinator: ['read'], supervisor: ['read'], member: none, owner: none, none },
};

const isCoordinator = (actor: Actor, examId: ExamId) =>
  actor.grants.some((g) => g.role === 'coordinator' && g.examId === examId);
const isSupervisor = (actor: Actor, examId: ExamId) =>
  actor.grants.some((g) => g.role === 'supervisor' && g.examId === examId);
const isMemberOf = (actor: Actor, commissionId: CommissionId) =>
  actor.grants.some((g) => g.role === 'examiner' && g.commissionId === commissionId);
const examinesExam = (actor: Actor, examId: ExamId) =>
  actor.grants.some((g) => g.role === 'examiner' && g.examId === examId);

/** The closest relation the actor has to the resource; the coordinator relation wins over the rest. */
export const relationOf = (actor: Actor, resource: Resource): Relation => {
  switch (resource.kind) {
    case 'private':
      // Not even a coordinator reads another person's private document (R20).
      return actor.userId === resource.ownerId && isMemberOf(actor, resource.commissionId) ? 'owner' : 'none';
    case 'commission':
    case 'answers':
      if (isCoordinator(actor, resource.examId)) return 'coordinator';
      if (isMemberOf(actor, resource.commissionId)) return 'member';
      return isSupervisor(actor, resource.examId) ? 'supervisor' : 'none';
    case 'appeal':
      if (isCoordinator(actor, resource.examId)) return 'coordinator';
      if (resource.commissionIds.some((id) => isMemberOf(actor, id))) return 'member';
      return isSupervisor(actor, resource.examId) ? 'supervisor' : 'none';
    case 'exam':
      if (isCoordinator(actor, resource.examId)) return 'coordinator';
      if (examinesExam(actor, resource.examId)) return 'member';
      return isSupervisor(actor, resource.examId) ? 'supervisor' : 'none';
    case 'progress':
    case 'audit':
    case 'statistics':
    case 'identities':
    case 'export':
    case 'finals':
      if (isCoordinator(actor, resource.examId)) return 'coordinator';
      if (isSupervisor(actor, resource.examId)) return 'supervisor';
      return examinesExam(actor, resource.examId) ? 'member' : 'none';
  }
};

export const can = (actor: Actor, action: Action, resource: Resource): boolean => {
  const relation = relationOf(actor, resource);
  // R1: no examiner sees answers before the exam is ready for grading.
  if (resource.kind === 'answers' && relation === 'member' && resource.examStatus === 'draft') return false;
  if (resource.kind === 'finals' && relation === 'supervisor' && !resource.supervisorSeesFinals) return false;
  return permissionTable[resource.kind][relation].includes(action);
};

export type DocAccess = 'write' | 'read' | 'none';

/** How a document connection is opened: read-write, read-only (updates refused), or not at all. */
export const docAccess = (actor: Actor, resource: Resource): DocAccess => {
  if (can(actor, 'write', resource)) return 'write';
  return can(actor, 'read', resource) ? 'read' : 'none';
};

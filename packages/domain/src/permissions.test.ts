import { describe, expect, it } from 'vitest';
import {
  type Actor,
  actions,
  can,
  docAccess,
  permissionTable,
  type Resource,
  relationOf,
  relations,
} from './permissions.ts';

const coordinator: Actor = { userId: 'coord', grants: [{ role: 'coordinator', examId: 'inf1010' }] };
const supervisor: Actor = { userId: 'sup', grants: [{ role: 'supervisor', examId: 'inf1010' }] };
const examiner1: Actor = {
  userId: 'examiner1',
  grants: [{ role: 'examiner', examId: 'inf1010', commissionId: 'K1', purpose: 'ordinary' }],
};
const appeal1: Actor = {
  userId: 'appeal1',
  grants: [{ role: 'examiner', examId: 'inf1010', commissionId: 'A1', purpose: 'appeal' }],
};
const stranger: Actor = { userId: 'nobody', grants: [] };

const commission = (commissionId: string): Resource => ({
  kind: 'commission',
  examId: 'inf1010',
  commissionId,
});
const privateOf = (ownerId: string, commissionId = 'K1'): Resource => ({
  kind: 'private',
  examId: 'inf1010',
  commissionId,
  ownerId,
});
const answers = (examStatus: 'draft' | 'ready' | 'published', commissionId = 'K1'): Resource => ({
  kind: 'answers',
  examId: 'inf1010',
  commissionId,
  examStatus,
});
const examWide = (
  kind: 'exam' | 'progress' | 'audit' | 'statistics' | 'identities' | 'export',
): Resource => ({
  kind,
  examId: 'inf1010',
});

describe('permission table', () => {
  it('lists every resource kind and relation, and the relation none allows nothing', () => {
    for (const table of Object.values(permissionTable)) {
      expect(Object.keys(table).sort()).toEqual([...relations].sort());
      expect(table.none).toEqual([]);
      for (const allowed of Object.values(table)) for (const a of allowed) expect(actions).toContain(a);
    }
  });
});

describe('can', () => {
  it('R1 no examiner reads answers before the exam is ready for grading', () => {
    expect(can(examiner1, 'read', answers('draft'))).toBe(false);
    expect(can(examiner1, 'read', answers('ready'))).toBe(true);
    expect(can(examiner1, 'read', answers('published'))).toBe(true);
    expect(can(examiner1, 'read', answers('ready', 'K2'))).toBe(false);
    // The coordinator sets the exam up and may look at answers in draft.
    expect(can(coordinator, 'read', answers('draft'))).toBe(true);
    expect(can(supervisor, 'read', answers('ready'))).toBe(false);
  });

  it('R2 an examiner reads only the commissions they belong to; names and student ids reach coordinators alone', () => {
    expect(can(examiner1, 'read', commission('K1'))).toBe(true);
    expect(can(examiner1, 'write', commission('K1'))).toBe(true);
    expect(can(examiner1, 'read', commission('K2'))).toBe(false);
    expect(can(coordinator, 'read', examWide('identities'))).toBe(true);
    for (const actor of [examiner1, supervisor, appeal1, stranger]) {
      expect(can(actor, 'read', examWide('identities'))).toBe(false);
    }
  });

  it('R9 an appeal examiner cannot open the ordinary commission or read the audit log', () => {
    expect(can(appeal1, 'read', commission('K1'))).toBe(false);
    expect(can(appeal1, 'read', commission('A1'))).toBe(true);
    expect(can(appeal1, 'read', examWide('audit'))).toBe(false);
    expect(can(appeal1, 'read', answers('ready', 'A1'))).toBe(true);
  });

  it('R20 private documents are readable and writable by their author alone, not even a coordinator', () => {
    expect(can(examiner1, 'read', privateOf('examiner1'))).toBe(true);
    expect(can(examiner1, 'write', privateOf('examiner1'))).toBe(true);
    expect(can(examiner1, 'read', privateOf('examiner2'))).toBe(false);
    expect(can(coordinator, 'read', privateOf('examiner1'))).toBe(false);
    // Owning the name is not enough: the owner must belong to the commission.
    expect(can(examiner1, 'read', privateOf('examiner1', 'K2'))).toBe(false);
  });

  it('a grading supervisor reads exam, progress and statistics, grades nothing and sees no commission', () => {
    expect(can(supervisor, 'read', examWide('exam'))).toBe(true);
    expect(can(supervisor, 'read', examWide('progress'))).toBe(true);
    expect(can(supervisor, 'read', examWide('statistics'))).toBe(true);
    expect(can(supervisor, 'manage', examWide('exam'))).toBe(false);
    expect(can(supervisor, 'read', commission('K1'))).toBe(false);
    expect(can(supervisor, 'write', commission('K1'))).toBe(false);
    expect(can(supervisor, 'read', examWide('export'))).toBe(false);
  });

  it('R19 statistics are visible to coordinators and grading supervisors only', () => {
    expect(can(coordinator, 'read', examWide('statistics'))).toBe(true);
    expect(can(examiner1, 'read', examWide('statistics'))).toBe(false);
  });

  it('R21 the audit log is read by coordinators and written by nobody', () => {
    expect(can(coordinator, 'read', examWide('audit'))).toBe(true);
    expect(can(coordinator, 'write', examWide('audit'))).toBe(false);
    expect(can(examiner1, 'read', examWide('audit'))).toBe(false);
  });

  it('R6 only a coordinator reopens a registered grade; examiners register and confirm', () => {
    expect(can(coordinator, 'reopen', commission('K1'))).toBe(true);
    expect(can(examiner1, 'reopen', commission('K1'))).toBe(false);
    expect(can(examiner1, 'confirm', commission('K1'))).toBe(true);
    expect(can(examiner1, 'register', commission('K1'))).toBe(true);
    expect(can(coordinator, 'confirm', commission('K1'))).toBe(false);
  });

  it('R12 grade import is a coordinator action', () => {
    expect(can(coordinator, 'import', commission('K1'))).toBe(true);
    expect(can(examiner1, 'import', commission('K1'))).toBe(false);
  });

  it('an examiner reads the exam they grade and the appeal record of their appeal commission', () => {
    expect(can(examiner1, 'read', examWide('exam'))).toBe(true);
    expect(can(examiner1, 'write', examWide('exam'))).toBe(false);
    const appeal: Resource = { kind: 'appeal', examId: 'inf1010', appealId: 'ap1', commissionIds: ['A1'] };
    expect(can(appeal1, 'read', appeal)).toBe(true);
    expect(can(appeal1, 'manage', appeal)).toBe(false);
    expect(can(examiner1, 'read', appeal)).toBe(false);
    expect(can(coordinator, 'manage', appeal)).toBe(true);
    expect(can(supervisor, 'read', appeal)).toBe(false);
  });

  it('strangers get nothing anywhere', () => {
    const all: Resource[] = [
      commission('K1'),
      privateOf('examiner1'),
      answers('ready'),
      { kind: 'appeal', examId: 'inf1010', appealId: 'ap1', commissionIds: ['A1'] },
      ...(['exam', 'progress', 'audit', 'statistics', 'identities', 'export'] as const).map(examWide),
    ];
    for (const resource of all) {
      expect(relationOf(stranger, resource)).toBe('none');
      for (const action of actions) expect(can(stranger, action, resource)).toBe(false);
    }
  });
});

describe('relationOf', () => {
  it('lets the coordinator relation win over membership', () => {
    const both: Actor = { userId: 'x', grants: [...coordinator.grants, ...examiner1.grants] };
    expect(relationOf(both, commission('K1'))).toBe('coordinator');
    expect(relationOf(both, examWide('exam'))).toBe('coordinator');
    expect(relationOf(examiner1, examWide('progress'))).toBe('member');
    expect(relationOf(supervisor, commission('K1'))).toBe('supervisor');
    expect(relationOf(supervisor, examWide('audit'))).toBe('supervisor');
  });

  it('scopes grants to their exam', () => {
    const other: Actor = { userId: 'c', grants: [{ role: 'coordinator', examId: 'exphil03' }] };
    expect(relationOf(other, commission('K1'))).toBe('none');
    expect(relationOf(other, examWide('statistics'))).toBe('none');
  });
});

describe('docAccess', () => {
  it('opens a document read-write, read-only or not at all', () => {
    expect(docAccess(examiner1, commission('K1'))).toBe('write');
    expect(docAccess(coordinator, commission('K1'))).toBe('read');
    expect(docAccess(examiner1, examWide('exam'))).toBe('read');
    expect(docAccess(supervisor, examWide('progress'))).toBe('read');
    expect(docAccess(examiner1, commission('K2'))).toBe('none');
    expect(docAccess(coordinator, privateOf('examiner1'))).toBe('none');
  });
});

describe('final grades for the grading supervisor', () => {
  const finals = (supervisorSeesFinals: boolean): Resource => ({
    kind: 'finals',
    examId: 'inf1010',
    supervisorSeesFinals,
  });
  it('R15: the supervisor reads the registered final grades only when the exam allows it', () => {
    expect(can(supervisor, 'read', finals(false))).toBe(false);
    expect(can(supervisor, 'read', finals(true))).toBe(true);
    expect(can(supervisor, 'manage', finals(true))).toBe(false);
  });
  it('R15: the coordinator always reads them; examiners and strangers never through this resource', () => {
    expect(can(coordinator, 'read', finals(false))).toBe(true);
    expect(can(examiner1, 'read', finals(true))).toBe(false);
    expect(can(stranger, 'read', finals(true))).toBe(false);
  });
});

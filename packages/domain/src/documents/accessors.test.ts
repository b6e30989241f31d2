import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  appealDoc,
  commissionDoc,
  examDoc,
  privateDoc,
  progressDoc,
  readEntries,
  readEntry,
  rootMap,
} from './accessors.ts';

const at = '2026-11-23T10:00:00.000Z';

describe('commission document accessors', () => {
  it('reads and writes marks and texts under the shared key names', () => {
    const doc = new Y.Doc();
    const commission = commissionDoc(doc);
    commission.setMark('101', 'q3', 7.5);
    commission.setText('101', 'explanation', 'Good structure.');
    expect(doc.getMap('marks').get('101:q3')).toBe(7.5);
    expect(doc.getMap('texts').get('101:explanation')).toBe('Good structure.');
    expect(commission.mark('101', 'q3')).toBe(7.5);
    expect(commission.text('101', 'explanation')).toBe('Good structure.');
    expect(commission.text('101', 'comment')).toBe('');
    commission.setMark('101', 'q3', undefined);
    expect(commission.mark('101', 'q3')).toBeUndefined();
    expect(doc.getMap('marks').has('101:q3')).toBe(false);
  });

  it('reads what the server writes: info, candidates, auto points, confirmations, finals and holds', () => {
    const doc = new Y.Doc();
    doc.transact(() => {
      doc.getMap('info').set('commission', {
        id: 'K1',
        examId: 'inf1010',
        name: 'K1',
        purpose: 'ordinary',
        members: [],
        split: {},
      });
      doc.getMap('candidates').set('110', { attended: true, disqualified: [] });
      doc.getMap('candidates').set('102', { attended: false, disqualified: ['examiner2'] });
      doc.getMap('candidates').set('11', { attended: true, disqualified: [] });
      doc.getMap('auto').set('101:q1', 2);
      doc.getMap('confirmations').set('101:examiner1', { userId: 'examiner1', grade: 'B', at });
      doc.getMap('confirmations').set('101:examiner2', { userId: 'examiner2', grade: 'C', at });
      doc.getMap('confirmations').set('1011:examiner1', { userId: 'examiner1', grade: 'A', at });
      doc
        .getMap('finals')
        .set('101', { grade: 'B', registeredBy: 'examiner1', registeredAt: at, source: 'commission' });
      doc.getMap('holds').set('110', { kind: 'cheating', flaggedAt: at, flaggedBy: 'examiner1' });
    });
    const commission = commissionDoc(doc);
    expect(commission.info()?.id).toBe('K1');
    expect(commission.candidateNumbers()).toEqual(['11', '102', '110']);
    expect(commission.candidate('102')).toEqual({ attended: false, disqualified: ['examiner2'] });
    expect(commission.autoPoints('101', 'q1')).toBe(2);
    expect(commission.confirmation('101', 'examiner2')?.grade).toBe('C');
    expect(commission.confirmations('101').map((c) => c.userId)).toEqual(['examiner1', 'examiner2']);
    expect(commission.final('101')?.grade).toBe('B');
    expect(commission.final('102')).toBeUndefined();
    expect(commission.hold('110')?.flaggedBy).toBe('examiner1');
  });

  it('treats a stored value of the wrong shape as absent', () => {
    const doc = new Y.Doc();
    doc.getMap('marks').set('101:q3', 'seven');
    doc.getMap('marks').set('101:q4', 4);
    doc.getMap('finals').set('101', { grade: 'G' });
    expect(commissionDoc(doc).mark('101', 'q3')).toBeUndefined();
    expect(commissionDoc(doc).final('101')).toBeUndefined();
    expect(readEntries(doc, 'commission', 'marks')).toEqual([['101:q4', 4]]);
    expect(readEntry(doc, 'commission', 'nonexistent' as 'marks', '101:q4')).toBeUndefined();
  });

  it('gives the root map itself for observers', () => {
    const doc = new Y.Doc();
    expect(rootMap(doc, 'commission', 'marks')).toBe(doc.getMap('marks'));
  });
});

describe('private document accessors', () => {
  it('R3 keeps an examiner’s own marks and R20 private notes in the private document', () => {
    const doc = new Y.Doc();
    const own = privateDoc(doc);
    own.setMark('101', 'q3', 6);
    own.setNote('101', 'check Q5 again');
    expect(own.mark('101', 'q3')).toBe(6);
    expect(own.note('101')).toBe('check Q5 again');
    expect(own.note('102')).toBe('');
    own.setMark('101', 'q3', undefined);
    expect(own.mark('101', 'q3')).toBeUndefined();
  });

  it('R6 lists refused changes newest first, so nothing refused is lost from view', () => {
    const doc = new Y.Doc();
    const refusal = (id: string, time: string) => ({
      id,
      at: time,
      docName: 'commission:K1',
      reason: 'locked',
      changes: [{ root: 'marks', key: '101:q3', value: 5, deleted: false }],
    });
    doc.getMap('refused').set('r1', refusal('r1', '2026-11-23T10:00:00.000Z'));
    doc.getMap('refused').set('r2', refusal('r2', '2026-11-23T11:00:00.000Z'));
    expect(
      privateDoc(doc)
        .refusals()
        .map((r) => r.id),
    ).toEqual(['r2', 'r1']);
  });
});

describe('other document accessors', () => {
  it('reads the exam, the appeal record and the progress', () => {
    const doc = new Y.Doc();
    doc.getMap('record').set('appeal', {
      appealId: 'ap-103',
      examId: 'inf1010',
      candidate: '103',
      commissionId: 'A1',
      registeredAt: at,
      status: 'registered',
    });
    doc.getMap('commissions').set('K1', {
      commissionId: 'K1',
      name: 'K1',
      total: 20,
      graded: 12,
      confirmed: 6,
      locked: 6,
      online: ['examiner1'],
      deadline: '2026-12-03',
      remainingWorkingDays: 8,
      overdue: false,
    });
    expect(appealDoc(doc).record()?.candidate).toBe('103');
    expect(
      progressDoc(doc)
        .commissions()
        .map((c) => c.commissionId),
    ).toEqual(['K1']);
    expect(examDoc(doc).exam()).toBeUndefined();
  });
});

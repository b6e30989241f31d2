import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type DocRef, docKinds, docName, parseDocName } from './doc-names.ts';

describe('document names', () => {
  const refs: DocRef[] = [
    { kind: 'exam', examId: 'inf1010' },
    { kind: 'commission', commissionId: 'K1' },
    { kind: 'private', commissionId: 'K1', userId: 'examiner1' },
    { kind: 'appeal', appealId: 'ap-103' },
    { kind: 'progress', examId: 'inf1010' },
  ];

  it('names every document kind and parses the name back', () => {
    expect(refs.map(docName)).toEqual([
      'exam:inf1010',
      'commission:K1',
      'private:K1:examiner1',
      'appeal:ap-103',
      'progress:inf1010',
    ]);
    for (const ref of refs) expect(parseDocName(docName(ref))).toEqual(ref);
    expect(refs.map((r) => r.kind)).toEqual([...docKinds]);
  });

  it('parses nothing that is not exactly one of the forms', () => {
    for (const name of [
      '',
      'exam',
      'exam:',
      'exam:inf1010:extra',
      'commission:K1:examiner1',
      'private:K1',
      'private:K1:',
      'private:K1:u:x',
      'secret:K1',
      'commission:../K1',
      'commission:K 1',
      'Exam:inf1010',
    ]) {
      expect(parseDocName(name), name).toBeNull();
    }
  });

  it('round-trips any valid ids', () => {
    const id = fc.stringMatching(/^[A-Za-z0-9_-]{1,64}$/);
    fc.assert(
      fc.property(id, id, (a, b) => {
        const ref: DocRef = { kind: 'private', commissionId: a, userId: b };
        expect(parseDocName(docName(ref))).toEqual(ref);
        expect(parseDocName(docName({ kind: 'commission', commissionId: a }))).toEqual({
          kind: 'commission',
          commissionId: a,
        });
      }),
    );
  });
});

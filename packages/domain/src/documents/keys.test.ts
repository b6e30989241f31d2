import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { candidateNumberSchema, idSchema } from '../ids.ts';
import {
  candidateKey,
  candidateUserKey,
  contextKey,
  fixedKey,
  markKey,
  parseCandidateKey,
  parseCandidateUserKey,
  parseContextKey,
  parseIdKey,
  parseMarkKey,
  parseTextKey,
  textKey,
} from './keys.ts';

describe('document keys', () => {
  it('writes and parses mark keys candidate:question', () => {
    expect(markKey('101', 'q3')).toBe('101:q3');
    expect(parseMarkKey('101:q3')).toEqual({ candidate: '101', question: 'q3' });
    for (const bad of ['101', '101:', 'abc:q3', '101:q3:x', ':q3', '101:q 3'])
      expect(parseMarkKey(bad), bad).toBeNull();
  });

  it('writes and parses candidate keys', () => {
    expect(candidateKey('101')).toBe('101');
    expect(parseCandidateKey('101')).toEqual({ candidate: '101' });
    expect(parseCandidateKey('101:x')).toBeNull();
    expect(parseCandidateKey('x101')).toBeNull();
  });

  it('writes and parses candidate:user keys', () => {
    expect(candidateUserKey('101', 'examiner1')).toBe('101:examiner1');
    expect(parseCandidateUserKey('101:examiner1')).toEqual({ candidate: '101', userId: 'examiner1' });
    expect(parseCandidateUserKey('101')).toBeNull();
    expect(parseCandidateUserKey('101:a:b')).toBeNull();
  });

  it('accepts only the known text fields', () => {
    expect(textKey('101', 'comment')).toBe('101:comment');
    expect(parseTextKey('101:explanation')).toEqual({ candidate: '101', field: 'explanation' });
    expect(parseTextKey('101:notes')).toBeNull();
    expect(parseTextKey('101')).toBeNull();
    expect(parseTextKey('101:comment:x')).toBeNull();
  });

  it('R10 accepts only the known context fields', () => {
    expect(contextKey('101', 'ordinaryExplanation')).toBe('101:ordinaryExplanation');
    expect(parseContextKey('101:appealExplanation')).toEqual({
      candidate: '101',
      field: 'appealExplanation',
    });
    expect(parseContextKey('101:ordinaryGrade')).toBeNull();
    expect(parseContextKey('101')).toBeNull();
  });

  it('parses id keys and fixed keys', () => {
    expect(parseIdKey('K1')).toEqual({ id: 'K1' });
    expect(parseIdKey('K:1')).toBeNull();
    expect(fixedKey('exam')('exam')).toEqual({ fixed: 'exam' });
    expect(fixedKey('exam')('exams')).toBeNull();
  });

  it('parses every key exactly as splitting it and checking its parts with the zod schemas does', () => {
    const isCandidate = (s: string | undefined) => candidateNumberSchema.safeParse(s).success;
    const isId = (s: string | undefined) => idSchema.safeParse(s).success;
    const byZod = (key: string, second: (s: string) => boolean) => {
      const [first, part, ...rest] = key.split(':');
      return rest.length === 0 && isCandidate(first) && part !== undefined && second(part)
        ? [first, part]
        : null;
    };
    const key = fc.oneof(
      fc.string({ unit: fc.constantFrom(...'0123456789:aq_-Z \n'), maxLength: 80 }),
      fc.string(),
      fc
        .tuple(
          fc.stringMatching(/^[0-9]{0,12}$/),
          fc.constantFrom(...['q1', 'comment', 'appealExplanation', 'x'.repeat(65), '']),
        )
        .map(([c, q]) => `${c}:${q}`),
    );
    fc.assert(
      fc.property(key, (k) => {
        expect(parseMarkKey(k)).toEqual(
          byZod(k, isId) && { candidate: k.split(':')[0], question: k.split(':')[1] },
        );
        expect(parseCandidateUserKey(k)).toEqual(
          byZod(k, isId) && { candidate: k.split(':')[0], userId: k.split(':')[1] },
        );
        expect(parseTextKey(k)).toEqual(
          byZod(k, (f) => f === 'comment' || f === 'explanation') && {
            candidate: k.split(':')[0],
            field: k.split(':')[1],
          },
        );
        expect(parseContextKey(k)).toEqual(
          byZod(k, (f) => f === 'ordinaryExplanation' || f === 'appealExplanation') && {
            candidate: k.split(':')[0],
            field: k.split(':')[1],
          },
        );
        expect(parseCandidateKey(k)).toEqual(isCandidate(k) ? { candidate: k } : null);
        expect(parseIdKey(k)).toEqual(isId(k) ? { id: k } : null);
      }),
      { numRuns: 3000 },
    );
  });
});

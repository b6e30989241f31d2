import { describe, expect, it } from 'vitest';
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
});

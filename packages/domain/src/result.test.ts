import { describe, expect, it } from 'vitest';
import { describeReason, reasons } from './reasons.ts';
import { reasonSchema } from './reasons-schema.ts';
import { ok, refuse, unexpectedCase } from './result.ts';

describe('result', () => {
  it('builds ok and refused results', () => {
    expect(ok()).toEqual({ ok: true });
    expect(ok({ grade: 'A' })).toEqual({ ok: true, grade: 'A' });
    expect(refuse('locked')).toEqual({ ok: false, reason: 'locked' });
    expect(refuse('locked', 'candidate 101')).toEqual({
      ok: false,
      reason: 'locked',
      detail: 'candidate 101',
    });
  });

  it('throws on a case that should not exist', () => {
    expect(() => unexpectedCase('x' as never)).toThrow('unexpected case: "x"');
  });
});

describe('reasons', () => {
  it('every reason has an HTTP error status and a text in English and Norwegian', () => {
    for (const [reason, spec] of Object.entries(reasons)) {
      expect(spec.status, reason).toBeGreaterThanOrEqual(400);
      expect(spec.status, reason).toBeLessThan(500);
      expect(spec.en.length, reason).toBeGreaterThan(0);
      expect(spec.nb.length, reason).toBeGreaterThan(0);
      expect(spec.nb, reason).not.toBe(spec.en);
    }
    expect(describeReason('locked', 'nb')).toBe(reasons.locked.nb);
  });

  it('parses reasons from the wire', () => {
    expect(reasonSchema.parse('locked')).toBe('locked');
    expect(reasonSchema.safeParse('noSuchReason').success).toBe(false);
  });
});

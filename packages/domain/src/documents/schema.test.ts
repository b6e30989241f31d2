import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { acceptsValue, docSchemas, maxTextLength, type RootSpec } from './schema.ts';

const roots = Object.entries(docSchemas).flatMap(([kind, spec]) =>
  Object.entries(spec as Record<string, RootSpec>).map(([root, rootSpec]) => ({
    at: `${kind}/${root}`,
    spec: rootSpec,
  })),
);
const quickRoots = roots.filter(({ spec }) => spec.quick !== undefined);

const value = fc.oneof(
  fc.double(),
  fc.double({ min: -1, max: 1001 }),
  fc.integer({ min: -5, max: 1005 }),
  fc.constantFrom(0, -0, 1000, 1000.0000001, -Number.MIN_VALUE, Number.NaN, Infinity, -Infinity),
  fc.string(),
  fc.string({ minLength: maxTextLength - 2, maxLength: maxTextLength + 2 }),
  fc.anything(),
);

describe('document schemas', () => {
  it('has quick checks for the roots clients write on every keystroke', () => {
    expect(quickRoots.map(({ at }) => at).sort()).toEqual([
      'commission/marks',
      'commission/texts',
      'private/marks',
      'private/notes',
    ]);
  });

  it('accepts with the quick check only what the zod schema accepts, so every value is decided as zod decides it', () => {
    fc.assert(
      fc.property(value, (v) => {
        for (const { at, spec } of quickRoots) {
          const byZod = spec.value.safeParse(v).success;
          if (spec.quick?.(v)) expect(byZod, `${at}: ${String(v)}`).toBe(true);
          expect(acceptsValue(spec, v), at).toBe(byZod);
        }
      }),
      // Shrinking a 20,000-character string takes minutes: the first counterexample says enough.
      { numRuns: 3000, endOnFailure: true },
    );
    // 3,000 values, some of 20,000 characters, each through zod: about 2 s alone, more on a busy machine.
  }, 60_000);

  it('takes the common marks and texts without zod', () => {
    const marks = docSchemas.commission.marks;
    const texts = docSchemas.commission.texts;
    for (const points of [0, 0.5, 7, 10, 1000]) expect(marks.quick?.(points), String(points)).toBe(true);
    for (const text of ['', 'Good answer', 'x'.repeat(maxTextLength)]) expect(texts.quick?.(text)).toBe(true);
  });
});

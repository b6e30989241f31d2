import { describe, expect, it } from 'vitest';
import { checkChange } from './check-change.ts';
import { importedGradeSchema } from './schema.ts';

const imported = {
  grade: 'B',
  importId: 'imp-1',
  row: 2,
  importedBy: 'coordinator',
  importedAt: '2026-11-23T12:00:00.000Z',
};

describe('imported grades in the commission document', () => {
  it('R12 only the server writes an imported grade; a client that tries is refused', () => {
    const result = checkChange({ kind: 'commission', actorId: 'examiner1' } as never, {
      root: 'imports',
      key: '113',
      deleted: false,
      value: imported,
    });
    expect(result).toMatchObject({ ok: false, reason: 'serverOnly' });
  });

  it('R12 an imported grade names its import and row, and is a grade on a scale', () => {
    expect(importedGradeSchema.safeParse(imported).success).toBe(true);
    expect(importedGradeSchema.safeParse({ ...imported, grade: 'b' }).success).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { docKinds } from './doc-names.ts';
import { presenceShared } from './presence.ts';

describe('presenceShared', () => {
  it('R9 shares presence only within a commission, never on documents opened across commissions', () => {
    expect(docKinds.filter(presenceShared)).toEqual(['commission', 'private']);
  });
});

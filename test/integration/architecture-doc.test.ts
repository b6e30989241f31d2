import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { accessTableEnd, accessTableStart, renderAccessTable } from '../docs/access-table.ts';

describe('docs/architecture.md', () => {
  it('states exactly the access that can() grants', () => {
    const text = readFileSync(join(import.meta.dirname, '..', '..', 'docs', 'architecture.md'), 'utf8');
    const start = text.indexOf(accessTableStart);
    const end = text.indexOf(accessTableEnd) + accessTableEnd.length;
    expect(start, 'the access-table markers are missing').toBeGreaterThanOrEqual(0);
    expect(text.slice(start, end)).toBe(renderAccessTable());
  });
});

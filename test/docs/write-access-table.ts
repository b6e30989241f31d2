import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { accessTableEnd, accessTableStart, renderAccessTable } from './access-table.ts';

const file = join(import.meta.dirname, '..', '..', 'docs', 'architecture.md');
const text = readFileSync(file, 'utf8');
const start = text.indexOf(accessTableStart);
const end = text.indexOf(accessTableEnd);
if (start < 0 || end < 0) throw new Error(`${file} has no access-table markers`);
writeFileSync(file, text.slice(0, start) + renderAccessTable() + text.slice(end + accessTableEnd.length));
console.log(`updated the access table in ${file}`);

import { type Action, permissionTable, type Relation, type ResourceKind, relations } from '@cograde/domain';

export const accessTableStart =
  '<!-- access-table:start (generated from permissionTable: npm run docs:access) -->';
export const accessTableEnd = '<!-- access-table:end -->';

const relationLabels: Record<Relation, string> = {
  coordinator: 'coordinator of the exam',
  supervisor: 'grading supervisor of the exam',
  member: 'member (of the commission / an examiner of the exam)',
  owner: 'owner (the examiner the private document belongs to)',
  none: 'anyone else',
};

/** The permission table as Markdown, so docs/architecture.md can be checked against `can()`'s table. */
export const renderAccessTable = (): string => {
  const kinds = Object.keys(permissionTable) as ResourceKind[];
  const header = `| resource | ${relations.map((r) => relationLabels[r]).join(' | ')} |`;
  const rule = `| --- | ${relations.map(() => '---').join(' | ')} |`;
  const rows = kinds.map((kind) => {
    const cells = relations.map((relation) => {
      const allowed: readonly Action[] = permissionTable[kind][relation];
      return allowed.length === 0 ? '—' : allowed.join(', ');
    });
    return `| ${kind} | ${cells.join(' | ')} |`;
  });
  return [accessTableStart, header, rule, ...rows, accessTableEnd].join('\n');
};

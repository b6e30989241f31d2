import { describe, expect, it, vi } from 'vitest';
import { compileTree } from '../../../precompiled-messages.ts';
import { en } from './en.ts';
import { messageKeys } from './index.ts';
import { formatMessage, formatNumber, type Message, prepareFormatters } from './message-format.ts';
import { nb } from './nb.ts';

const leaf = (tree: object, key: string): string =>
  key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], tree) as string;

describe('formatMessage', () => {
  it('fills in arguments and leaves a text without braces as it is', () => {
    expect(formatMessage('Signed in as {name}', 'en', { name: 'Kari' })).toBe('Signed in as Kari');
    expect(formatMessage('Loading…', 'en')).toBe('Loading…');
    expect(formatMessage('{a} and {b}', 'en', { a: 1, b: 'two' })).toBe('1 and two');
  });

  it('chooses the exact, then the language’s plural branch, with # as the number', () => {
    const text = '{count, plural, =0 {nobody online} one {# examiner online} other {# examiners online}}';
    expect(formatMessage(text, 'en', { count: 0 })).toBe('nobody online');
    expect(formatMessage(text, 'en', { count: 1 })).toBe('1 examiner online');
    expect(formatMessage(text, 'en', { count: 1500 })).toBe('1,500 examiners online');
    expect(formatMessage(text, 'nb', { count: 1500 })).toBe(`1${'\u00a0'}500 examiners online`);
  });

  it('fills in arguments inside and around plural branches', () => {
    const text = '{date} ({days, plural, =0 {today} one {# working day left} other {# working days left}})';
    expect(formatMessage(text, 'en', { date: '3 May', days: 2 })).toBe('3 May (2 working days left)');
    expect(
      formatMessage(
        '{a, plural, one {# A} other {# As}}, {b, plural, one {# B} other {# Bs}} from {c}',
        'en',
        {
          a: 1,
          b: 3,
          c: 'x',
        },
      ),
    ).toBe('1 A, 3 Bs from x');
  });

  it('shows a missing argument by its name', () => {
    expect(formatMessage('Candidate {number}', 'en')).toBe('Candidate {number}');
  });

  it('writes totals in the reader’s style, to one decimal where needed', () => {
    const tenths = { maximumFractionDigits: 1 };
    expect(formatNumber(83.333, 'en', tenths)).toBe('83.3');
    expect(formatNumber(83.35, 'nb', tenths)).toBe('83,4');
    expect(formatNumber(12, 'nb', tenths)).toBe('12');
    expect(formatNumber(0.04, 'en', tenths)).toBe('0');
    expect(formatNumber(1234.56, 'en', tenths)).toBe('1,234.6');
    expect(formatNumber(1234.56, 'nb', tenths)).toBe('1\u00a0234,6');
  });

  it('formats every text of both languages without leaving a brace', () => {
    for (const [tree, language] of [
      [en, 'en'],
      [nb, 'nb'],
    ] as const) {
      for (const key of messageKeys(tree)) {
        const text = leaf(tree, key);
        const names = [...text.matchAll(/\{\s*([A-Za-z]+)\s*[,}]/g)].map((m) => m[1] ?? '');
        const values = Object.fromEntries(names.map((n) => [n, 2]));
        expect(formatMessage(text, language, values), key).not.toMatch(/[{}#]/);
      }
    }
  });
});

describe('texts compiled when the app is built', () => {
  it('format exactly as the texts as written, in both languages', () => {
    for (const [tree, language] of [
      [en, 'en'],
      [nb, 'nb'],
    ] as const) {
      const compiled = compileTree(tree, '') as Record<string, unknown>;
      for (const key of messageKeys(tree)) {
        const text = leaf(tree, key);
        const names = [...text.matchAll(/\{\s*([A-Za-z]+)\s*[,}]/g)].map((m) => m[1] ?? '');
        for (const n of [0, 1, 3]) {
          const values = Object.fromEntries(names.map((name) => [name, n]));
          const built = leaf(compiled, key) as unknown as Message;
          expect(formatMessage(built, language, values), key).toBe(formatMessage(text, language, values));
        }
      }
    }
  });

  it('refuse a text that is not ICU MessageFormat, naming it', () => {
    expect(() => compileTree({ grading: { broken: 'Candidate {number' } }, 'en.')).toThrow(
      /en\.grading\.broken/,
    );
  });
});

describe('prepareFormatters', () => {
  it('makes the formatters a plural text then uses: formatting it creates no Intl object', () => {
    // A language no other test formats in, so nothing was made for it before.
    prepareFormatters('fr');
    const plurals = vi.spyOn(Intl, 'PluralRules');
    const numbers = vi.spyOn(Intl, 'NumberFormat');
    try {
      const text = '{count, plural, one {# copie} other {# copies}}';
      expect(formatMessage(text, 'fr', { count: 1 })).toBe('1 copie');
      expect(formatMessage(text, 'fr', { count: 2 })).toBe('2 copies');
      expect(plurals).not.toHaveBeenCalled();
      expect(numbers).not.toHaveBeenCalled();
    } finally {
      plurals.mockRestore();
      numbers.mockRestore();
    }
  });
});

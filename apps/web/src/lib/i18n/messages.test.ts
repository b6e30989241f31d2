import { reasons } from '@cograde/domain';
import { describe, expect, it } from 'vitest';
import { en } from './en.ts';
import { initialLanguage, messageKeys } from './index.ts';
import { nb } from './nb.ts';

const leaf = (tree: object, key: string): string =>
  key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], tree) as string;

/** The ICU arguments a message uses, e.g. `{count, plural, …}` → count; plural branches are not arguments. */
const argumentsOf = (message: string) =>
  [...message.matchAll(/(?<!(?:=\d+|zero|one|two|few|many|other)\s*)\{\s*([A-Za-z]+)\s*[,}]/g)]
    .map((m) => m[1])
    .filter((a) => a !== undefined)
    .sort();

describe('i18n', () => {
  it('has every key in both English and Norwegian bokmål', () => {
    expect(messageKeys(nb).sort()).toEqual(messageKeys(en).sort());
  });

  it('uses the same arguments in both languages and leaves no text empty', () => {
    for (const key of messageKeys(en)) {
      expect(leaf(nb, key).trim(), key).not.toBe('');
      expect([...new Set(argumentsOf(leaf(nb, key)))], key).toEqual([...new Set(argumentsOf(leaf(en, key)))]);
    }
  });

  it('takes every refusal reason from the domain table in both languages', () => {
    for (const text of Object.values(reasons)) {
      expect(text.en).not.toBe('');
      expect(text.nb).not.toBe('');
    }
  });

  it('remembers the choice, else follows the browser, mapping Norwegian variants to bokmål', () => {
    expect(initialLanguage('nb', ['en-GB'])).toBe('nb');
    expect(initialLanguage(null, ['nn-NO', 'en'])).toBe('nb');
    expect(initialLanguage(null, ['no'])).toBe('nb');
    expect(initialLanguage(null, ['de-DE', 'en-US'])).toBe('en');
    expect(initialLanguage('fr', ['sv'])).toBe('en');
  });
});

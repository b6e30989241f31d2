import type { Language } from '@cograde/domain';
import { derived, writable } from 'svelte/store';
import { en, type Messages } from './en.ts';
import { formatMessage, type Message, prepareFormatters, type Values } from './message-format.ts';

export { formatNumber } from './message-format.ts';

export const languages = ['en', 'nb'] as const satisfies readonly Language[];
const storageKey = 'cograde:language';

const isLanguage = (s: string | null | undefined): s is Language => s === 'en' || s === 'nb';

/** The remembered choice, else the browser's preference (Norwegian variants map to bokmål), else English. */
export const initialLanguage = (stored: string | null, browser: readonly string[]): Language => {
  if (isLanguage(stored)) return stored;
  for (const tag of browser) {
    const base = tag.toLowerCase().split('-')[0];
    if (base === 'nb' || base === 'no' || base === 'nn') return 'nb';
    if (base === 'en') return 'en';
  }
  return 'en';
};

/**
 * English is in the app's first script; bokmål loads when it is the language in use (at start, or when
 * chosen), so nobody downloads both before the first screen. The service worker caches both for offline.
 */
const texts: Partial<Record<Language, Messages>> = { en };
const load = async (language: Language) => {
  if (texts[language] === undefined && language === 'nb') texts.nb = (await import('./nb.ts')).nb;
};

const current = writable<Language>('en');
/** The language in use (changed with `chooseLanguage`). */
export const locale = { subscribe: current.subscribe };

/** The text under a dotted key: a string, or (in the built app) its compiled syntax tree. */
const textOf = (tree: Messages | undefined, key: string): Message | undefined => {
  let node: unknown = tree;
  for (const part of key.split('.')) {
    if (typeof node !== 'object' || node === null || Array.isArray(node)) return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return typeof node === 'string' || Array.isArray(node) ? (node as Message) : undefined;
};

/** `$_('grading.candidate', { values: { number } })`: the text in the language in use (else English). */
export const _ = derived(current, (language) => (key: string, options?: { values?: Values }): string => {
  const text = textOf(texts[language], key) ?? textOf(en, key);
  return text === undefined ? key : formatMessage(text, language, options?.values);
});

const use = async (language: Language) => {
  await load(language);
  document.documentElement.lang = language;
  current.set(language);
  // A task of its own, after the first screen is mounted: there it fills the wait for the documents.
  setTimeout(() => prepareFormatters(language), 0);
};

export const setupI18n = async (): Promise<Language> => {
  const language = initialLanguage(localStorage.getItem(storageKey), navigator.languages ?? []);
  await use(language);
  return language;
};

export const chooseLanguage = (language: Language) => {
  localStorage.setItem(storageKey, language);
  void use(language);
};

/** Every dotted key of a message tree, for the completeness test. */
export const messageKeys = (tree: object, prefix = ''): string[] =>
  Object.entries(tree).flatMap(([key, value]) =>
    typeof value === 'string' ? [`${prefix}${key}`] : messageKeys(value as object, `${prefix}${key}.`),
  );

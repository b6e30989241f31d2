import type { Language } from '@cograde/domain';
import { addMessages, init, locale, register, waitLocale } from 'svelte-i18n';
import { en } from './en.ts';

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
export const setupI18n = async (): Promise<Language> => {
  addMessages('en', en);
  register('nb', () => import('./nb.ts').then((m) => m.nb));
  const language = initialLanguage(localStorage.getItem(storageKey), navigator.languages ?? []);
  init({ fallbackLocale: 'en', initialLocale: language });
  document.documentElement.lang = language;
  await waitLocale(language);
  return language;
};

export const chooseLanguage = (language: Language) => {
  localStorage.setItem(storageKey, language);
  document.documentElement.lang = language;
  locale.set(language);
};

/** Every dotted key of a message tree, for the completeness test. */
export const messageKeys = (tree: object, prefix = ''): string[] =>
  Object.entries(tree).flatMap(([key, value]) =>
    typeof value === 'string' ? [`${prefix}${key}`] : messageKeys(value as object, `${prefix}${key}.`),
  );

import type { Language } from '@cograde/domain';
import { addMessages, init, locale } from 'svelte-i18n';
import { en } from './en.ts';
import { nb } from './nb.ts';

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

export const setupI18n = (): Language => {
  addMessages('en', en);
  addMessages('nb', nb);
  const language = initialLanguage(localStorage.getItem(storageKey), navigator.languages ?? []);
  init({ fallbackLocale: 'en', initialLocale: language });
  document.documentElement.lang = language;
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

import { type MessageFormatElement, parse } from '@formatjs/icu-messageformat-parser';
import { type Formatters, formatToParts, IntlMessageFormat } from 'intl-messageformat';

/**
 * A text: as written in `en.ts`/`nb.ts` (ICU MessageFormat), or, in the built app, the syntax tree the
 * build compiled it to (`precompiled-messages.ts`).
 */
export type Message = string | MessageFormatElement[];

export type Values = Readonly<Record<string, string | number | boolean | null | undefined>>;

/** Syntax trees of the texts as written (the dev server and the tests; the built app has them compiled). */
const trees = new Map<string, MessageFormatElement[]>();
const treeOf = (message: Message): MessageFormatElement[] => {
  if (typeof message !== 'string') return message;
  let tree = trees.get(message);
  if (tree === undefined) {
    tree = parse(message, { ignoreTag: true });
    trees.set(message, tree);
  }
  return tree;
};

const memoized = <A extends unknown[], R>(make: (...args: A) => R) => {
  const made = new Map<string, R>();
  return (...args: A): R => {
    const key = JSON.stringify(args);
    let value = made.get(key);
    if (value === undefined) {
      value = make(...args);
      made.set(key, value);
    }
    return value;
  };
};

/**
 * One set of `Intl` formatters for every text. intl-messageformat's own `IntlMessageFormat` would build a
 * set per text and resolve its locale through `Intl` each time (20-30 ms over the first screen's texts);
 * its `formatToParts` takes the formatters from us.
 */
const formatters: Formatters = {
  getNumberFormat: memoized(
    (...args: ConstructorParameters<typeof Intl.NumberFormat>) => new Intl.NumberFormat(...args),
  ),
  getDateTimeFormat: memoized(
    (...args: ConstructorParameters<typeof Intl.DateTimeFormat>) => new Intl.DateTimeFormat(...args),
  ),
  getPluralRules: memoized(
    (...args: ConstructorParameters<typeof Intl.PluralRules>) => new Intl.PluralRules(...args),
  ),
};

/**
 * Makes ahead of time the formatters the texts of a first screen ask for: numbers (a plural's `#`) and
 * cardinal plural rules, under the same keys. The first `Intl` object of a kind in a page loads the
 * language's locale data; in a trace of the cold start offline that was 20 ms in the middle of drawing
 * the grading screen, while the main thread had been idle a moment before, waiting for IndexedDB.
 */
export const prepareFormatters = (language: string) => {
  formatters.getNumberFormat(language);
  formatters.getPluralRules(language, { type: 'cardinal' });
};

/** A number in `language`'s style (decimal sign, grouping), from the same formatters as the texts. */
export const formatNumber = (
  n: number,
  language: string,
  options: Parameters<Formatters['getNumberFormat']>[1] = {},
): string => formatters.getNumberFormat(language, options).format(n);

/** A missing argument is shown by its name, so a slip shows on screen rather than breaking it. */
const orNames = (values: Values): Values =>
  new Proxy(values, {
    has: () => true,
    get: (target, name) =>
      typeof name === 'string' && target[name] != null ? target[name] : `{${String(name)}}`,
  });

const render = (tree: MessageFormatElement[], language: string, values: Values): string =>
  formatToParts(tree, language, formatters, IntlMessageFormat.formats, values as Record<string, string>)
    .map((part) => String(part.value))
    .join('');

/** The text with its arguments filled in for `language` (a BCP 47 tag such as `en` or `nb`). */
export const formatMessage = (message: Message, language: string, values: Values = {}): string => {
  if (typeof message === 'string' && !message.includes('{')) return message;
  const tree = treeOf(message);
  try {
    return render(tree, language, values);
  } catch {
    return render(tree, language, orNames(values));
  }
};

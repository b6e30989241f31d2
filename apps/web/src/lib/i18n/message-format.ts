import type { MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { IntlMessageFormat } from 'intl-messageformat';

/**
 * A text: as written in `en.ts`/`nb.ts` (ICU MessageFormat), or, in the built app, the syntax tree the
 * build compiled it to (`precompiled-messages.ts`).
 */
export type Message = string | MessageFormatElement[];

export type Values = Readonly<Record<string, string | number | boolean | null | undefined>>;

const formats = new Map<string, Map<Message, IntlMessageFormat>>();

const formatOf = (message: Message, language: string): IntlMessageFormat => {
  let ofLanguage = formats.get(language);
  if (ofLanguage === undefined) {
    ofLanguage = new Map();
    formats.set(language, ofLanguage);
  }
  let format = ofLanguage.get(message);
  if (format === undefined) {
    format = new IntlMessageFormat(message, language, undefined, { ignoreTag: true });
    ofLanguage.set(message, format);
  }
  return format;
};

/** A missing argument is shown by its name, so a slip shows on screen rather than breaking it. */
const orNames = (values: Values): Values =>
  new Proxy(values, {
    has: () => true,
    get: (target, name) =>
      typeof name === 'string' && target[name] != null ? target[name] : `{${String(name)}}`,
  });

/** The text with its arguments filled in for `language` (a BCP 47 tag such as `en` or `nb`). */
export const formatMessage = (message: Message, language: string, values: Values = {}): string => {
  if (typeof message === 'string' && !message.includes('{')) return message;
  const format = formatOf(message, language);
  try {
    return String(format.format(values as Record<string, string | number | boolean | null | undefined>));
  } catch {
    return String(format.format(orNames(values) as Record<string, string>));
  }
};

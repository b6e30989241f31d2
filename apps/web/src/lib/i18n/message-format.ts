/**
 * The part of ICU MessageFormat our texts use: `{name}`, and `{count, plural, =0 {…} one {# …} other {…}}`
 * whose branches may hold arguments and `#` (the number, in the language's digits). A text is compiled
 * once per language and kept; anything else between braces is shown as written.
 */
type Part =
  | string
  | { kind: 'argument'; name: string }
  | { kind: 'plural'; name: string; branches: Map<string, Part[]> }
  | { kind: 'number' };

export type Values = Readonly<Record<string, string | number | boolean | null | undefined>>;

const compile = (text: string): Part[] => {
  let at = 0;
  const skipSpace = () => {
    while (at < text.length && /\s/.test(text[at] ?? '')) at++;
  };
  const readUntil = (stops: string) => {
    const start = at;
    while (at < text.length && !stops.includes(text[at] ?? '')) at++;
    return text.slice(start, at);
  };
  /** Parts up to the end of the text, or up to the `}` that closes a plural branch. */
  const parts = (inBranch: boolean): Part[] => {
    const out: Part[] = [];
    let literal = '';
    while (at < text.length) {
      const c = text[at];
      if (c === '}' && inBranch) break;
      if (c === '#' && inBranch) {
        if (literal !== '') out.push(literal);
        literal = '';
        out.push({ kind: 'number' });
        at++;
      } else if (c === '{') {
        const start = at;
        at++;
        const name = readUntil(',}').trim();
        if (text[at] === '}') {
          at++;
          if (literal !== '') out.push(literal);
          literal = '';
          out.push({ kind: 'argument', name });
          continue;
        }
        at++;
        const type = readUntil(',}').trim();
        if (type !== 'plural' || text[at] !== ',') {
          // Not a form we know: keep the text as it stands.
          at = start + 1;
          literal += '{';
          continue;
        }
        at++;
        const branches = new Map<string, Part[]>();
        for (;;) {
          skipSpace();
          if (at >= text.length || text[at] === '}') break;
          const selector = readUntil('{ \t\n').trim();
          skipSpace();
          if (text[at] !== '{') break;
          at++;
          branches.set(selector, parts(true));
          at++;
        }
        at++;
        if (literal !== '') out.push(literal);
        literal = '';
        out.push({ kind: 'plural', name, branches });
      } else {
        literal += c;
        at++;
      }
    }
    if (literal !== '') out.push(literal);
    return out;
  };
  return parts(false);
};

const cached = <V>(map: Map<string, V>, key: string, make: () => V): V => {
  let value = map.get(key);
  if (value === undefined) {
    value = make();
    map.set(key, value);
  }
  return value;
};

const compiled = new Map<string, Part[]>();
const numberFormats = new Map<string, Intl.NumberFormat>();

/**
 * The plural rule of both our languages (CLDR: English `one` is i = 1 and v = 0, bokmål `one` is
 * n = 1): written out, because the first `Intl` object of a page loads ICU data, which the grading
 * screen would otherwise pay for before it can be used.
 */
const pluralCategory = (n: number) => (n === 1 ? 'one' : 'other');

/** `#`: small whole numbers as they are; others grouped and with the decimal sign of the language. */
const formatCount = (n: number, language: string) =>
  Number.isInteger(n) && Math.abs(n) < 1000
    ? String(n)
    : cached(numberFormats, language, () => new Intl.NumberFormat(language)).format(n);

const render = (parts: readonly Part[], language: string, values: Values, count: number | null): string => {
  let out = '';
  for (const part of parts) {
    if (typeof part === 'string') out += part;
    else if (part.kind === 'number') out += count === null ? '#' : formatCount(count, language);
    else if (part.kind === 'argument') {
      const value = values[part.name];
      out += value === undefined || value === null ? `{${part.name}}` : String(value);
    } else {
      const n = Number(values[part.name]);
      const branch =
        part.branches.get(`=${n}`) ?? part.branches.get(pluralCategory(n)) ?? part.branches.get('other');
      if (branch) out += render(branch, language, values, n);
    }
  }
  return out;
};

/** The text with its arguments filled in for `language` (a BCP 47 tag such as `en` or `nb`). */
export const formatMessage = (text: string, language: string, values: Values = {}): string => {
  if (!text.includes('{')) return text;
  return render(
    cached(compiled, text, () => compile(text)),
    language,
    values,
    null,
  );
};

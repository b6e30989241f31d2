import { parse } from '@formatjs/icu-messageformat-parser';
import type { Plugin } from 'vite';

/** The message trees: `src/lib/i18n/en.ts` and `nb.ts`. */
const messageModule = /[\\/]src[\\/]lib[\\/]i18n[\\/](en|nb)\.ts$/;

type Tree = { [key: string]: string | Tree };

/** Every text that holds an argument as its ICU syntax tree; a plain text stays a string. */
export const compileTree = (tree: Tree, path: string): unknown =>
  Object.fromEntries(
    Object.entries(tree).map(([key, value]) => {
      if (typeof value !== 'string') return [key, compileTree(value, `${path}${key}.`)];
      if (!value.includes('{')) return [key, value];
      try {
        return [key, parse(value, { ignoreTag: true })];
      } catch (error) {
        throw new Error(`i18n: ${path}${key} is not ICU MessageFormat: ${(error as Error).message}`);
      }
    }),
  );

/**
 * Compiles the app's texts when it is built, as FormatJS documents for intl-messageformat: every text
 * with an argument (`{name}`, a plural) ships as its syntax tree, and the ICU parser is left out of the
 * bundle (`@formatjs/icu-messageformat-parser` is aliased to its `no-parser` build), so the app neither
 * downloads the parser nor parses a text at start. The dev server and the tests format the texts as
 * written, with the parser.
 */
export const precompiledMessages = (): Plugin => ({
  name: 'cograde:precompiled-messages',
  apply: 'build',
  enforce: 'post',
  config: () => ({
    resolve: {
      alias: [
        {
          find: /^@formatjs\/icu-messageformat-parser$/,
          replacement: '@formatjs/icu-messageformat-parser/no-parser.js',
        },
      ],
    },
  }),
  async transform(code, id) {
    if (!messageModule.test(id)) return null;
    // By now the module is JavaScript holding object literals only (its type imports are gone).
    const trees = (await import(
      `data:text/javascript;base64,${Buffer.from(code).toString('base64')}`
    )) as Record<string, Tree>;
    const out = Object.entries(trees).map(
      ([name, tree]) => `export const ${name} = ${JSON.stringify(compileTree(tree, `${name}.`))};`,
    );
    return { code: out.join('\n'), map: null };
  },
});

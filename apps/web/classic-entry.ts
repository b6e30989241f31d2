import type { Plugin, Rollup } from 'vite';

/** Where the classic entry leaves its exports for the chunks loaded later (they are ES modules). */
export const exportsGlobal = '__cogradeEntry';

/** The `local as exported` pairs of a chunk's closing `export { … };` statement. */
const exportStatement = /export\s*\{([^}]*)\};?\s*$/;

export type ClassicEntry = {
  /** The entry as a classic script: the same code in a strict function, its exports on a global. */
  classic: string;
  /**
   * What replaces the entry module for the chunks that import it: its exports, read from the global
   * once, when the first such chunk loads. Every binding the entry exports is assigned once (functions,
   * classes and module-level state objects), so nothing is frozen at a stale value.
   */
  shim: string;
};

/**
 * Rewrites a built entry chunk (one ES module that imports nothing statically) as a classic script plus
 * a small module that re-exports what the classic script leaves on `globalThis`.
 *
 * Why: Chromium keeps V8's code cache for a script its service worker put in CacheStorage, but only
 * uses it for a classic script; a module script served from there is parsed and compiled in full at
 * every start (in a trace of the offline start: 50-110 ms of parsing the entry, then its functions
 * compiled lazily on the main thread, against about 10 ms to deserialize the cached code of a classic
 * script of the same size).
 */
export const classicEntry = (code: string): ClassicEntry => {
  const statement = exportStatement.exec(code);
  const body = statement ? code.slice(0, statement.index) : code;
  if (/^\s*import\s*[\w${*"'`]/m.test(body))
    throw new Error('classic entry: the entry imports other modules');
  const pairs = (statement?.[1] ?? '')
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .map((part) => {
      const [local, exported = local] = part.split(/\s+as\s+/) as [string, string?];
      return { local, exported };
    });
  // Getters, since the entry's own `const`s are set only as its code runs; the object exists before, so a
  // chunk loaded while the entry starts finds every export.
  const getters = pairs.map(({ local, exported }) => `get ${JSON.stringify(exported)}(){return ${local}}`);
  const classic = [
    '(function(){"use strict";',
    `globalThis.${exportsGlobal}=Object.freeze({${getters.join(',')}});`,
    // A classic script has no import.meta; Vite's preload helper only resolves against the script's URL.
    'var __importMeta={url:document.currentScript.src};',
    body.replaceAll('import.meta', '__importMeta'),
    '\n})();\n',
  ].join('');
  const names = pairs.map(({ exported }, i) => ({ exported, binding: `e${i}` }));
  const shim = [
    `const m=globalThis.${exportsGlobal};`,
    names.map(({ exported, binding }) => `const ${binding}=m[${JSON.stringify(exported)}];`).join(''),
    names.length > 0
      ? `export{${names.map(({ exported, binding }) => `${binding} as ${JSON.stringify(exported)}`).join(',')}};`
      : '',
    '\n',
  ].join('');
  return { classic, shim };
};

const isChunk = (file: Rollup.OutputChunk | Rollup.OutputAsset): file is Rollup.OutputChunk =>
  file.type === 'chunk';

/**
 * Build only: the entry chunk becomes a classic `defer` script (`assets/<name>.classic.js`), and the
 * module file the lazy chunks import from keeps its name but holds only the re-exports (`classicEntry`).
 */
export const classicEntryPlugin = (): Plugin => ({
  name: 'cograde:classic-entry',
  apply: 'build',
  enforce: 'post',
  // After Vite's own post-processing of the chunks (its preload markers are filled in at this stage).
  generateBundle: {
    order: 'post',
    handler(_options, bundle) {
      const entries = Object.values(bundle)
        .filter(isChunk)
        .filter((c) => c.isEntry);
      if (entries.length !== 1)
        throw new Error(`classic entry: expected one entry chunk, found ${entries.length}`);
      const entry = entries[0] as Rollup.OutputChunk;
      if (entry.imports.length > 0)
        throw new Error(`classic entry: ${entry.fileName} imports ${entry.imports.join(', ')} statically`);
      const { classic, shim } = classicEntry(entry.code);
      const classicFile = entry.fileName.replace(/\.js$/, '.classic.js');
      this.emitFile({ type: 'asset', fileName: classicFile, source: classic });
      entry.code = shim;
      const html = bundle['index.html'];
      if (html === undefined || html.type !== 'asset')
        throw new Error('classic entry: no index.html in the bundle');
      const tag = new RegExp(
        `<script type="module" crossorigin src="/${entry.fileName.replace(/[.]/g, '\\.')}"></script>`,
      );
      const source = String(html.source);
      if (!tag.test(source)) throw new Error(`classic entry: index.html does not load ${entry.fileName}`);
      html.source = source.replace(tag, `<script defer crossorigin src="/${classicFile}"></script>`);
    },
  },
});

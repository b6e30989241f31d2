import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { classicEntry, exportsGlobal } from './classic-entry.ts';

/** Runs the classic script as a browser would: a fresh global, the script's own URL as `currentScript`. */
const runClassic = (classic: string) => {
  const sandbox: Record<string, unknown> = {
    document: { currentScript: { src: 'https://cograde.test/assets/index-abc.classic.js' } },
    URL,
  };
  sandbox.globalThis = sandbox;
  runInNewContext(classic, sandbox);
  return sandbox;
};

/** The shim as a module: its exports, read from the global the classic script filled. */
const importShim = async (shim: string, globals: Record<string, unknown>) => {
  (globalThis as Record<string, unknown>)[exportsGlobal] = globals[exportsGlobal];
  try {
    return (await import(`data:text/javascript,${encodeURIComponent(shim)}`)) as Record<string, unknown>;
  } finally {
    delete (globalThis as Record<string, unknown>)[exportsGlobal];
  }
};

describe('classicEntry', () => {
  it('runs the entry as a classic script and re-exports its bindings to the chunks that import it', async () => {
    const entry = [
      'function greet(n){return "hello "+n}',
      'const state={count:1};',
      'var base=new URL("./Exam.js",import.meta.url).href;',
      'export{greet as a,state as b,base as $};',
    ].join('\n');
    const { classic, shim } = classicEntry(entry);
    expect(classic).not.toMatch(/\bexport\b|import\.meta/);
    const globals = runClassic(classic);
    const module = await importShim(shim, globals);
    expect((module.a as (n: string) => string)('K1')).toBe('hello K1');
    expect(module.b).toEqual({ count: 1 });
    expect(module.$).toBe('https://cograde.test/assets/Exam.js');
    // Strict, as the module was: no global leaks from the entry's own declarations.
    expect(globals.state).toBeUndefined();
  });

  it('refuses an entry that imports other modules statically', () => {
    expect(() => classicEntry('import{a as b}from"./shared.js";\nexport{b};')).toThrow(/imports/);
  });
});

/**
 * Imported first by main.ts: while the entry's modules initialise, errors get no stack trace, and main.ts
 * puts the limit back once they have. Svelte and lib0 create error constants at module level, while the
 * entry's top-level code is on the stack; with an inspector attached (DevTools, or Playwright's session
 * in the offline-start benchmark), V8 then finds that code's source positions by parsing the whole entry
 * script again (390 KB: 25-60 ms in a trace of the offline start). A limit that is not a number makes V8
 * record no stack at all.
 */
export const stackTraceLimit = Error.stackTraceLimit;
Error.stackTraceLimit = undefined as unknown as number;

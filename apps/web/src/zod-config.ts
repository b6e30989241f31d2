import { config } from 'zod';

/**
 * Imported first by main.ts, before any schema is built (the setting is read when a schema is made).
 * Zod's default compiles a parser per object schema with `new Function` at its first parse: on a cold
 * start, where nearly every schema is parsed once or a few times, the compiling costs more than it saves.
 */
config({ jitless: true });

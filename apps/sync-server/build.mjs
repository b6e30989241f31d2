// Bundles the server's TypeScript (and the domain package's) into one ES module, dist/main.js, for
// `npm start`: no TypeScript loader at run time, which saves the loader's memory and start-up time.
// npm packages stay outside the bundle and load from node_modules as usual (some are native, and the
// large ones that only some routes need, exceljs and openid-client, are imported on first use).
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const here = dirname(fileURLToPath(import.meta.url));
// Native modules, and the large ones only some routes or setups import (on first use).
const external = ['better-sqlite3', '@node-rs/argon2', 'exceljs', 'openid-client', 'pg', 'ioredis'].flatMap(
  (name) => [name, `${name}/*`],
);

await build({
  entryPoints: [join(here, 'src', 'main.ts')],
  outdir: join(here, 'dist'),
  bundle: true,
  // What is imported on first use (the Redis fan-out) stays in a chunk of its own, loaded then.
  splitting: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  external,
  // CommonJS packages in the bundle (ws, …) still call `require` for Node's own modules.
  banner: {
    js: "import { createRequire as __cogradeRequire } from 'node:module'; const require = __cogradeRequire(import.meta.url);",
  },
  sourcemap: true,
  logLevel: 'warning',
});

import { isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export type Config = {
  port: number;
  dataDir: string;
  /** `DATABASE_URL`: a PostgreSQL database several instances share; `null` keeps the SQLite file in `dataDir`. */
  databaseUrl: string | null;
  /** `REDIS_URL`: fan-out between instances; `null` for a single instance. */
  redisUrl: string | null;
  /** Channel prefix in Redis, so that deployments sharing one Redis stay apart. */
  redisPrefix: string;
  demo: boolean;
  allowedOrigins: string[];
  /** No COGRADE_ORIGINS: the server's own localhost origins, known for sure once it listens. */
  defaultOrigins: boolean;
  secureCookies: boolean;
  webRoot: string;
  oidc: { issuer: string; clientId: string; clientSecret: string | undefined; redirectUri: string } | null;
};

export const localOrigins = (port: number) => [`http://localhost:${port}`, `http://127.0.0.1:${port}`];

type Env = Record<string, string | undefined>;

/**
 * Reads the environment once, at start. Relative paths are taken from where `npm` was started
 * (`INIT_CWD`), so `npm start` in the repository root keeps its data in `./data` there.
 */
export const readConfig = (env: Env = process.env): Config => {
  const port = Number(env.PORT ?? 8080);
  if (!Number.isInteger(port) || port < 0 || port > 65_535)
    throw new Error(`PORT must be a port number, not ${env.PORT}`);
  const base = env.INIT_CWD ?? process.cwd();
  const path = (p: string) => (isAbsolute(p) ? p : resolve(base, p));
  const demo = !['0', 'false', 'no'].includes((env.COGRADE_DEMO ?? '1').toLowerCase());
  const origins = (env.COGRADE_ORIGINS ?? '')
    .split(',')
    .map((o) => o.trim().replace(/\/$/, ''))
    .filter((o) => o.length > 0);
  const allowedOrigins =
    origins.length > 0 ? origins : [...localOrigins(port), ...(demo ? ['http://localhost:5173'] : [])];
  const publicOrigin = allowedOrigins[0] ?? `http://localhost:${port}`;
  const databaseUrl = env.DATABASE_URL?.trim() || null;
  if (databaseUrl !== null && !/^postgres(ql)?:\/\//.test(databaseUrl))
    throw new Error('DATABASE_URL must be a postgres:// URL (leave it unset for the SQLite file)');
  const redisUrl = env.REDIS_URL?.trim() || null;
  if (redisUrl !== null && !/^rediss?:\/\//.test(redisUrl))
    throw new Error('REDIS_URL must be a redis:// or rediss:// URL');
  if (redisUrl !== null && databaseUrl === null)
    throw new Error('REDIS_URL needs DATABASE_URL: several instances cannot share a SQLite file');
  const issuer = env.COGRADE_OIDC_ISSUER;
  const clientId = env.COGRADE_OIDC_CLIENT_ID;
  return {
    port,
    dataDir: path(env.COGRADE_DATA_DIR ?? './data'),
    databaseUrl,
    redisUrl,
    redisPrefix: env.COGRADE_REDIS_PREFIX?.trim() || 'cograde:',
    demo,
    allowedOrigins,
    defaultOrigins: origins.length === 0,
    secureCookies: publicOrigin.startsWith('https://'),
    webRoot: env.COGRADE_WEB_ROOT
      ? path(env.COGRADE_WEB_ROOT)
      : fileURLToPath(new URL('../../web/dist', import.meta.url)),
    oidc:
      issuer && clientId
        ? {
            issuer,
            clientId,
            clientSecret: env.COGRADE_OIDC_CLIENT_SECRET,
            redirectUri: env.COGRADE_OIDC_REDIRECT_URI ?? `${publicOrigin}/api/oidc/callback`,
          }
        : null,
  };
};

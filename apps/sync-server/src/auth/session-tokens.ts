import { createHash, randomBytes } from 'node:crypto';

export const sessionCookieName = 'cograde_session';

/** 256 random bits; the database keeps only the hash, so a leaked table opens no session. */
export const newSessionToken = (): string => randomBytes(32).toString('base64url');

export const hashSessionToken = (token: string): string => createHash('sha256').update(token).digest('hex');

/** The session token from a Cookie header, for the WebSocket upgrade which has no Hono context. */
export const sessionTokenFromCookieHeader = (header: string | undefined): string | null => {
  for (const part of (header ?? '').split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === sessionCookieName) return decodeURIComponent(value.join('='));
  }
  return null;
};

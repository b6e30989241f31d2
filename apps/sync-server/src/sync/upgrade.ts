import type { IncomingMessage } from 'node:http';
import { type DocRef, docName, parseDocName, type Resource } from '@cograde/domain';
import { sessionTokenFromCookieHeader } from '../auth/session-tokens.ts';
import type { AccessDirectory, SessionResolver, SessionUser } from '../ports.ts';
import { lookUpAccess } from './access.ts';

export const syncPathPrefix = '/sync/';

export type Admission = {
  ok: true;
  user: SessionUser;
  ref: DocRef;
  docName: string;
  access: 'read' | 'write';
  resource: Resource;
};
export type Rejection = { ok: false; status: 400 | 401 | 403 | 404 };

const docNameOf = (url: string | undefined): string | null => {
  const path = (url ?? '').split('?')[0] ?? '';
  if (!path.startsWith(syncPathPrefix)) return null;
  try {
    return decodeURIComponent(path.slice(syncPathPrefix.length));
  } catch {
    return null;
  }
};

/**
 * Decides whether a WebSocket upgrade may open a document: a browser origin we serve, a live session,
 * and `read` or `write` access by `can()`. A document that does not exist is refused exactly like one
 * the user may not open (403), so the answer reveals nothing about which documents exist.
 */
export const admit = async (
  req: IncomingMessage,
  deps: { sessions: SessionResolver; directory: AccessDirectory; allowedOrigins: readonly string[] },
): Promise<Admission | Rejection> => {
  const name = docNameOf(req.url);
  if (name === null) return { ok: false, status: 404 };
  const origin = req.headers.origin;
  if (origin === undefined || !deps.allowedOrigins.includes(origin)) return { ok: false, status: 403 };
  let token: string | null;
  try {
    token = sessionTokenFromCookieHeader(req.headers.cookie);
  } catch {
    token = null;
  }
  const user = token === null ? null : await deps.sessions.userOf(token);
  if (user === null) return { ok: false, status: 401 };
  const ref = parseDocName(name);
  if (ref === null) return { ok: false, status: 403 };
  const { access, resource } = await lookUpAccess(deps.directory, user.userId, ref);
  if (access === 'none' || resource === null) return { ok: false, status: 403 };
  return { ok: true, user, ref, docName: docName(ref), access, resource };
};

import type { IncomingMessage } from 'node:http';
import { type DocRef, parseDocName, type Resource } from '@cograde/domain';
import type { AccessDirectory, SessionResolver, SessionUser } from '../ports.ts';
import { lookUpAccess } from './access.ts';

export const sessionCookie = 'cograde_session';
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

export const readCookie = (header: string | undefined, name: string): string | null => {
  for (const part of (header ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at > 0 && part.slice(0, at).trim() === name) return part.slice(at + 1).trim() || null;
  }
  return null;
};

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
  const token = readCookie(req.headers.cookie, sessionCookie);
  const user = token === null ? null : await deps.sessions.userOf(token);
  if (user === null) return { ok: false, status: 401 };
  const ref = parseDocName(name);
  if (ref === null) return { ok: false, status: 403 };
  const { access, resource } = await lookUpAccess(deps.directory, user.userId, ref);
  if (access === 'none' || resource === null) return { ok: false, status: 403 };
  return { ok: true, user, ref, docName: name, access, resource };
};

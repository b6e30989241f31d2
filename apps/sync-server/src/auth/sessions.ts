import type { UserId } from '@cograde/domain';
import type { Clock, SessionResolver, SessionUser } from '../ports.ts';
import type { Repository } from '../storage/repository.ts';
import { hashSessionToken, newSessionToken } from './session-tokens.ts';

export const sessionTtlMs = 12 * 60 * 60 * 1000;

export type Sessions = SessionResolver & {
  start(userId: UserId): Promise<{ token: string; expiresAt: Date }>;
  end(token: string): Promise<void>;
};

export const createSessions = (repo: Repository, clock: Clock): Sessions => ({
  async start(userId) {
    const token = newSessionToken();
    const now = clock.now();
    const expiresAt = new Date(now.getTime() + sessionTtlMs);
    await repo.sessions.create({ tokenHash: hashSessionToken(token), userId, expiresAt, createdAt: now });
    return { token, expiresAt };
  },
  async end(token) {
    await repo.sessions.delete(hashSessionToken(token));
  },
  async userOf(token): Promise<SessionUser | null> {
    if (token.length === 0 || token.length > 200) return null;
    const user = await repo.sessions.userOf(hashSessionToken(token), clock.now());
    return user === null ? null : { userId: user.id, username: user.username, displayName: user.displayName };
  },
});

import { z } from 'zod';
import { ApiError, anything, api } from '../api.ts';

/** The grants `can()` uses, as `GET /api/me` lists them; anything else in the list is ignored. */
const grantSchema = z.discriminatedUnion('role', [
  z.object({ role: z.literal('coordinator'), examId: z.string() }),
  z.object({ role: z.literal('supervisor'), examId: z.string() }),
  z.object({
    role: z.literal('examiner'),
    examId: z.string(),
    commissionId: z.string(),
    purpose: z.enum(['ordinary', 'appeal', 'third']),
  }),
]);

export const meSchema = z.object({
  userId: z.string(),
  username: z.string(),
  displayName: z.string(),
  roles: z
    .array(z.unknown())
    .default([])
    .transform((roles) =>
      roles.flatMap((r) => {
        const grant = grantSchema.safeParse(r);
        return grant.success ? [grant.data] : [];
      }),
    ),
});
export type Me = z.infer<typeof meSchema>;

const meKey = 'cograde:me';

const cachedMe = (): Me | null => {
  const stored = localStorage.getItem(meKey);
  if (stored === null) return null;
  try {
    const parsed = meSchema.safeParse(JSON.parse(stored));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
};

/**
 * Who is logged in. Offline, the last known user is trusted so that grading goes on from a cold start;
 * the server checks the session again on every connection.
 */
class Session {
  me: Me | null = $state(null);
  ready = $state(false);
  offline = $state(false);

  async load() {
    // A cold start shows the last known user's screens at once, from what this device holds; the
    // server's answer below confirms the user, or replaces them (logged out: the login page).
    if (!this.ready) {
      const cached = cachedMe();
      if (cached !== null) {
        this.me = cached;
        this.ready = true;
      }
    }
    try {
      this.me = await api('/api/me', meSchema);
      localStorage.setItem(meKey, JSON.stringify(this.me));
      this.offline = false;
    } catch (e) {
      if (e instanceof ApiError && e.reason === 'offline') {
        this.me = cachedMe();
        this.offline = true;
      } else {
        this.me = null;
        localStorage.removeItem(meKey);
      }
    }
    this.ready = true;
  }

  async login(username: string, password: string) {
    await api('/api/session', anything, { method: 'POST', body: { username, password } });
    await this.load();
  }

  /** Ends the session on the server (when reachable) and forgets the user here. */
  async logout() {
    try {
      await api('/api/session', anything, { method: 'DELETE' });
    } catch {
      // Offline: the cookie expires on its own; the local data is cleared regardless.
    }
    localStorage.removeItem(meKey);
    this.me = null;
  }
}

export const session = new Session();

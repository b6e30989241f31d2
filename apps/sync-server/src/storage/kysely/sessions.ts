import type { Kysely } from 'kysely';
import type { SessionRepository } from '../repository.ts';
import type { Database } from '../schema.ts';
import { toUser } from './users.ts';

export const sessions = (db: Kysely<Database>): SessionRepository => ({
  async create(s) {
    await db
      .insertInto('sessions')
      .values({
        token_hash: s.tokenHash,
        user_id: s.userId,
        expires_at: s.expiresAt.toISOString(),
        created_at: s.createdAt.toISOString(),
      })
      .execute();
  },
  async userOf(tokenHash, now) {
    const row = await db
      .selectFrom('sessions')
      .innerJoin('users', 'users.id', 'sessions.user_id')
      .selectAll('users')
      .where('sessions.token_hash', '=', tokenHash)
      .where('sessions.expires_at', '>', now.toISOString())
      .executeTakeFirst();
    return row === undefined ? null : toUser(row);
  },
  async delete(tokenHash) {
    await db.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute();
  },
  async deleteExpired(now) {
    const result = await db
      .deleteFrom('sessions')
      .where('expires_at', '<=', now.toISOString())
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  },
});

import type { Kysely, Selectable } from 'kysely';
import type { UserRecord, UserRepository } from '../repository.ts';
import type { Database, UsersTable } from '../schema.ts';

export const toUser = (row: Selectable<UsersTable>): UserRecord => ({
  id: row.id,
  username: row.username,
  displayName: row.display_name,
  passwordHash: row.password_hash,
  oidc:
    row.oidc_issuer !== null && row.oidc_subject !== null
      ? { issuer: row.oidc_issuer, subject: row.oidc_subject }
      : null,
});

export const users = (db: Kysely<Database>): UserRepository => ({
  async byId(id) {
    const row = await db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
    return row === undefined ? null : toUser(row);
  },
  async byUsername(username) {
    const row = await db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
    return row === undefined ? null : toUser(row);
  },
  async byOidc(issuer, subject) {
    const row = await db
      .selectFrom('users')
      .selectAll()
      .where('oidc_issuer', '=', issuer)
      .where('oidc_subject', '=', subject)
      .executeTakeFirst();
    return row === undefined ? null : toUser(row);
  },
  async create(user, createdAt) {
    await db
      .insertInto('users')
      .values({
        id: user.id,
        username: user.username,
        display_name: user.displayName,
        password_hash: user.passwordHash,
        oidc_issuer: user.oidc?.issuer ?? null,
        oidc_subject: user.oidc?.subject ?? null,
        created_at: createdAt.toISOString(),
      })
      .execute();
  },
  async all() {
    return (await db.selectFrom('users').selectAll().orderBy('id').execute()).map(toUser);
  },
});

import { idSchema } from '@cograde/domain';
import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import { ApiError } from '../http/api-error.ts';
import { type AppEnv, errorResponses } from '../http/router.ts';
import type { UserRecord } from '../storage/repository.ts';
import { requireCoordinatorAnywhere, type SetupOptions } from './setup-options.ts';

const personSchema = z
  .object({
    userId: z.string(),
    username: z.string(),
    displayName: z.string(),
    login: z.enum(['password', 'oidc']),
    issuer: z.string().optional(),
  })
  .openapi('Person');

const common = {
  /** Also the user id, so it must be id-safe. */
  username: idSchema,
  displayName: z.string().trim().min(1).max(200),
};
const newPersonSchema = z
  .discriminatedUnion('login', [
    z.object({ login: z.literal('password'), ...common, password: z.string().min(10).max(200) }),
    z.object({
      login: z.literal('oidc'),
      ...common,
      issuer: z.url().max(500),
      subject: z.string().trim().min(1).max(255),
    }),
  ])
  .openapi('NewPerson');

/** What a coordinator sees of a user: never the password hash, nor the OIDC subject. */
const personOf = (u: UserRecord) => ({
  userId: u.id,
  username: u.username,
  displayName: u.displayName,
  login: u.oidc === null ? ('password' as const) : ('oidc' as const),
  ...(u.oidc === null ? {} : { issuer: u.oidc.issuer }),
});

/**
 * The people commissions are formed from. A coordinator lists them and creates examiner accounts: with
 * an initial password, or registered by their university identity (OIDC issuer and subject), so that
 * their first login through the provider finds them.
 */
export const registerPeopleRoutes = (
  router: OpenAPIHono<AppEnv>,
  opts: SetupOptions,
  auth: MiddlewareHandler<AppEnv>,
) => {
  router.openapi(
    createRoute({
      method: 'get',
      path: '/people',
      middleware: [auth] as const,
      summary: 'Every user, to form commissions from (coordinators only; no password hashes)',
      responses: {
        200: {
          description: 'The people',
          content: { 'application/json': { schema: z.object({ people: z.array(personSchema) }) } },
        },
        ...errorResponses(401, 403),
      },
    }),
    async (c) => {
      requireCoordinatorAnywhere(c.get('actor'));
      const people = (await opts.repo.users.all())
        .map(personOf)
        .sort((a, b) => a.displayName.localeCompare(b.displayName, 'nb'));
      return c.json({ people }, 200);
    },
  );

  router.openapi(
    createRoute({
      method: 'post',
      path: '/people',
      middleware: [auth] as const,
      summary: 'Create an examiner account, with an initial password or by OIDC identity (coordinators only)',
      request: { body: { content: { 'application/json': { schema: newPersonSchema } }, required: true } },
      responses: {
        201: { description: 'The person', content: { 'application/json': { schema: personSchema } } },
        ...errorResponses(400, 401, 403, 409),
      },
    }),
    async (c) => {
      requireCoordinatorAnywhere(c.get('actor'));
      const input = c.req.valid('json');
      const refuseTaken = async () => {
        const taken =
          (await opts.repo.users.byId(input.username)) !== null ||
          (await opts.repo.users.byUsername(input.username)) !== null;
        if (taken) throw new ApiError('usernameTaken', input.username);
        if (input.login === 'oidc' && (await opts.repo.users.byOidc(input.issuer, input.subject)) !== null)
          throw new ApiError('oidcIdentityTaken');
      };
      await refuseTaken();
      const user: UserRecord = {
        id: input.username,
        username: input.username,
        displayName: input.displayName,
        passwordHash: input.login === 'password' ? await opts.hashPassword(input.password) : null,
        oidc: input.login === 'oidc' ? { issuer: input.issuer, subject: input.subject } : null,
      };
      try {
        await opts.repo.users.create(user, opts.clock.now());
      } catch (e) {
        // Another request took the username or identity between the check and the insert: the same refusal.
        await refuseTaken();
        throw e;
      }
      return c.json(personOf(user), 201);
    },
  );
};

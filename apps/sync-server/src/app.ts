import { OpenAPIHono } from '@hono/zod-openapi';
import { createActionRoutes } from './actions/index.ts';
import { createWorkflowRoutes } from './actions/workflow.ts';
import { createAnswersRoutes } from './answers/index.ts';
import { afterRegisterMiddleware } from './appeals/after-register.ts';
import { appealExtraExaminerGuard } from './appeals/extra-examiner-guard.ts';
import { createAppealRoutes } from './appeals/index.ts';
import { createAuthRoutes } from './auth/index.ts';
import { hashPassword } from './auth/passwords.ts';
import type { Sessions } from './auth/sessions.ts';
import { createCommissionRoutes } from './commissions/index.ts';
import { createOversightRoutes } from './commissions/oversight.ts';
import { createDocsRoutes } from './docs/index.ts';
import { createExamRoutes } from './exams/index.ts';
import { createExportRoutes } from './exports/index.ts';
import { createHealthRoutes } from './health/index.ts';
import { errorResponse, onError } from './http/api-error.ts';
import { csrfGuard } from './http/csrf-guard.ts';
import { refusalFloor } from './http/refusal-floor.ts';
import type { AppEnv } from './http/router.ts';
import { createImportRoutes } from './imports/index.ts';
import { createOidcRoutes, type OidcSettings } from './oidc/index.ts';
import type { AccessDirectory, Clock, DocWriter } from './ports.ts';
import { createQuestionRoutes } from './questions/index.ts';
import { createSetupRoutes } from './setup/index.ts';
import { createGradeStatisticsRoutes } from './statistics/index.ts';
import type { Repository } from './storage/repository.ts';
import { createWebRoutes } from './web/index.ts';
import { createWorklistRoutes } from './worklist/index.ts';

export type AppOptions = {
  repo: Repository;
  directory: AccessDirectory;
  sessions: Sessions;
  clock: Clock;
  /** Origins allowed to make state-changing calls besides the server's own. */
  allowedOrigins: readonly string[];
  secureCookies?: boolean;
  /** Writes documents with the server's authority; server actions need it. */
  writer?: DocWriter;
  /** The built web app; without it only /api is served. */
  webRoot?: string;
  loginLimit?: { attempts: number; windowMs: number };
  /** OpenID Connect login, when a provider is configured. */
  oidc?: OidcSettings | null;
  /** Extra routers under /api (OIDC, server actions), mounted after the core ones. */
  extraApi?: ReadonlyArray<OpenAPIHono<AppEnv>>;
};

/** The HTTP application: REST under /api, the web app for everything else. No port, no sockets. */
export const createApp = (opts: AppOptions) => {
  const api = new OpenAPIHono<AppEnv>().basePath('/api');
  // R9: refused and missing answer alike in time as well as in content.
  api.use('*', refusalFloor());
  api.use('*', csrfGuard({ allowedOrigins: opts.allowedOrigins }));
  api.route('/', createHealthRoutes({ oidc: Boolean(opts.oidc) }));
  api.route('/', createAuthRoutes({ ...opts, secureCookies: opts.secureCookies ?? false }));
  api.route('/', createDocsRoutes(opts));
  api.route('/', createAnswersRoutes(opts));
  api.route('/', createExamRoutes(opts));
  if (opts.oidc) {
    api.route(
      '/',
      createOidcRoutes({ ...opts, settings: opts.oidc, secureCookies: opts.secureCookies ?? false }),
    );
  }
  if (opts.writer !== undefined) {
    // R10: an appeal or third-grading commission's registered grade settles the appeal or opens a third grading.
    api.use(
      '/commissions/:commissionId/candidates/:candidate/register',
      afterRegisterMiddleware({ ...opts, writer: opts.writer }),
    );
    // R9: an appeal commission's extra examiner did not take part in the ordinary grading either.
    api.use(
      '/commissions/:commissionId/extra-examiner',
      appealExtraExaminerGuard({ ...opts, writer: opts.writer }),
    );
    api.route('/', createActionRoutes({ ...opts, writer: opts.writer }));
    api.route('/', createAppealRoutes({ ...opts, writer: opts.writer }));
    api.route('/', createWorkflowRoutes({ ...opts, writer: opts.writer }));
    api.route('/', createImportRoutes({ ...opts, writer: opts.writer }));
    api.route('/', createSetupRoutes({ ...opts, writer: opts.writer, hashPassword }));
    api.route('/', createQuestionRoutes({ ...opts, writer: opts.writer }));
    api.route('/', createExportRoutes({ ...opts, writer: opts.writer }));
    api.route('/', createWorklistRoutes({ ...opts, writer: opts.writer }));
    api.route('/', createGradeStatisticsRoutes({ ...opts, writer: opts.writer }));
    api.route('/', createCommissionRoutes({ ...opts, writer: opts.writer }));
    api.route('/', createOversightRoutes({ ...opts, writer: opts.writer }));
  }
  for (const extra of opts.extraApi ?? []) api.route('/', extra);
  api.doc31('/openapi.json', {
    openapi: '3.1.0',
    info: {
      title: 'Cograde API',
      version: '1',
      description:
        'REST API of the Cograde sync server. Documents themselves sync over the y-websocket protocol at /sync/<docName>. Errors are JSON {error, message} with `error` one of the refusal reasons.',
    },
  });
  // Registered last so that an unknown /api path is a JSON 404, never the web app's index.html.
  api.all('*', (c) => errorResponse(c, 'notFound'));
  api.onError(onError);

  const app = new OpenAPIHono<AppEnv>();
  app.route('/', api);
  if (opts.webRoot !== undefined) app.route('/', createWebRoutes(opts.webRoot));
  app.notFound((c) => errorResponse(c, 'notFound'));
  app.onError(onError);
  return app;
};
export type App = ReturnType<typeof createApp>;

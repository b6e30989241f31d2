import { requireUser } from '../auth/require-user.ts';
import { createRouter } from '../http/router.ts';
import { registerAnswerRoutes } from './answer-routes.ts';
import { registerCandidateRoutes } from './candidate-routes.ts';
import { registerExamRoutes } from './exam-routes.ts';
import { registerMaterialsRoutes } from './materials-routes.ts';
import { registerPeopleRoutes } from './people-routes.ts';
import type { SetupOptions } from './setup-options.ts';

export type { SetupOptions } from './setup-options.ts';

/**
 * Exam setup in the browser (issue 8): a coordinator creates an exam as a draft, edits its details,
 * questions, scale and policies, imports candidates and answers, creates examiner accounts, and marks the
 * exam ready for grading (R1). Every change is audited (R21); names and student ids stay in the
 * coordinator-only candidate records (R2).
 */
export const createSetupRoutes = (opts: SetupOptions) => {
  const router = createRouter();
  const auth = requireUser(opts);
  registerExamRoutes(router, opts, auth);
  registerMaterialsRoutes(router, opts, auth);
  registerCandidateRoutes(router, opts, auth);
  registerAnswerRoutes(router, opts, auth);
  registerPeopleRoutes(router, opts, auth);
  return router;
};

import { examMaterialsSchema, examSchema, idSchema } from '@cograde/domain';
import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import { saveExam } from '../exams/exam-doc.ts';
import { type AppEnv, errorResponses } from '../http/router.ts';
import { managedExam, type SetupOptions } from './setup-options.ts';

const params = z.object({ examId: idSchema });
const materialsBody = z.object(examMaterialsSchema.shape).openapi('ExamMaterials');

/**
 * The grading guidelines, course description and syllabus list (R9: what appeal examiners may read
 * besides the answer and the paper). Unlike the paper itself they may be given or corrected at any time,
 * during grading and appeals too; every change is audited (R21).
 */
export const registerMaterialsRoutes = (
  router: OpenAPIHono<AppEnv>,
  opts: SetupOptions,
  auth: MiddlewareHandler<AppEnv>,
) => {
  router.openapi(
    createRoute({
      method: 'put',
      path: '/exams/{examId}/materials',
      middleware: [auth] as const,
      summary: 'Set the grading guidelines, course description and syllabus list examiners read (R9)',
      request: {
        params,
        body: { content: { 'application/json': { schema: materialsBody } }, required: true },
      },
      responses: {
        200: {
          description: 'The materials as stored',
          content: { 'application/json': { schema: materialsBody } },
        },
        ...errorResponses(400, 401, 403),
      },
    }),
    async (c) => {
      const actor = c.get('actor');
      const before = await managedExam(opts, actor, c.req.valid('param').examId);
      const materials = c.req.valid('json');
      const exam = examSchema.parse({ ...before, materials });
      await saveExam(opts, exam);
      await opts.repo.audit.append({
        at: opts.clock.now(),
        actorId: actor.userId,
        action: 'examChanged',
        examId: exam.id,
        // Lengths, not texts: the log says what changed without copying documents into it.
        detail: {
          materials: {
            guidelines: materials.guidelines.length,
            courseDescription: materials.courseDescription.length,
            syllabus: materials.syllabus.length,
          },
        },
      });
      return c.json(materials, 200);
    },
  );
};

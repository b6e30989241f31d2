import {
  checkCommissionComposition,
  checkEditable,
  checkReadyForGrading,
  type Exam,
  examIdFor,
  examSchema,
  idSchema,
  type Result,
} from '@cograde/domain';
import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import { saveExam, writeExamDoc } from '../exams/exam-doc.ts';
import { ApiError } from '../http/api-error.ts';
import { type AppEnv, errorResponses } from '../http/router.ts';
import { refreshProgress } from '../progress/index.ts';
import { refreshAutoScores } from './auto-scores.ts';
import { type ExamInput, examInputSchema } from './exam-input.ts';
import { managedExam, requireCoordinatorAnywhere, type SetupOptions } from './setup-options.ts';

const params = z.object({ examId: idSchema });
const examBody = z.object({ exam: z.record(z.string(), z.unknown()) }).openapi('SetupExam');
const setupSchema = z
  .object({
    exam: z.record(z.string(), z.unknown()),
    candidates: z.number(),
    answers: z.object({ texts: z.number(), pdfs: z.number(), candidatesWithAnswers: z.number() }),
  })
  .openapi('ExamSetup');

const parseExam = (value: unknown): Exam => {
  const parsed = examSchema.safeParse(value);
  if (!parsed.success) throw new ApiError('badRequest', parsed.error.issues[0]?.message);
  return parsed.data;
};

const refuseUnless = (result: Result) => {
  if (!result.ok) throw new ApiError(result.reason, result.detail);
};

/** Create, read, edit (draft only) and mark ready for grading (R1). */
export const registerExamRoutes = (
  router: OpenAPIHono<AppEnv>,
  opts: SetupOptions,
  auth: MiddlewareHandler<AppEnv>,
) => {
  /**
   * R17 depends on the kind of exam (a master's thesis needs two examiners, one external): a kind that
   * the commissions already formed would break is refused, naming the first commission and problem.
   */
  const refuseBrokenCommissions = async (exam: Exam) => {
    const registered = await opts.repo.exams.candidates(exam.id);
    for (const commission of await opts.repo.commissions.ofExam(exam.id)) {
      if (commission.purpose !== 'ordinary') continue;
      const check = checkCommissionComposition({
        examKind: exam.kind,
        purpose: 'ordinary',
        members: commission.members,
        candidates: registered.filter((k) => commission.candidates.includes(k.number)),
      });
      if (!check.ok) throw new ApiError(check.reason, `commission ${commission.name}`);
    }
  };

  const summary = async (exam: Exam) => {
    const candidates = await opts.repo.exams.candidates(exam.id);
    let texts = 0;
    let pdfs = 0;
    let withAnswers = 0;
    for (const c of candidates) {
      const answers = await opts.repo.exams.answers(exam.id, c.number);
      texts += answers.filter((a) => a.text !== '').length;
      pdfs += answers.filter((a) => a.hasPdf).length;
      if (answers.length > 0) withAnswers++;
    }
    return {
      exam,
      candidates: candidates.length,
      answers: { texts, pdfs, candidatesWithAnswers: withAnswers },
    };
  };

  router.openapi(
    createRoute({
      method: 'post',
      path: '/exams',
      middleware: [auth] as const,
      summary: 'Create an exam as a draft; its creator becomes its coordinator (coordinators only)',
      request: { body: { content: { 'application/json': { schema: examInputSchema } }, required: true } },
      responses: {
        201: { description: 'The exam', content: { 'application/json': { schema: examBody } } },
        ...errorResponses(400, 401, 403),
      },
    }),
    async (c) => {
      const actor = c.get('actor');
      requireCoordinatorAnywhere(actor);
      const input: ExamInput = c.req.valid('json');
      const taken = new Set((await opts.repo.exams.all()).map((e) => e.id));
      // Insert-only: of two creations that chose the same id at once, the second takes the next one
      // rather than overwriting the first (and becoming the coordinator of its candidates, R2).
      let exam: Exam | null = null;
      for (let attempt = 0; exam === null && attempt < 5; attempt++) {
        const id = examIdFor(input.course, input.term, (candidate) => taken.has(candidate));
        const candidate = parseExam({ ...input, id, status: 'draft' });
        if (await opts.repo.exams.create(candidate)) exam = candidate;
        else taken.add(id);
      }
      if (exam === null) throw new ApiError('examIdTaken');
      const id = exam.id;
      await opts.repo.exams.addGrant({ userId: actor.userId, examId: id, role: 'coordinator' });
      await writeExamDoc(opts.writer, exam);
      await refreshProgress(opts, id);
      await opts.repo.audit.append({
        at: opts.clock.now(),
        actorId: actor.userId,
        action: 'examCreated',
        examId: id,
        detail: { course: exam.course, title: exam.title, term: exam.term, kind: exam.kind },
      });
      return c.json({ exam }, 201);
    },
  );

  router.openapi(
    createRoute({
      method: 'get',
      path: '/exams/{examId}/setup',
      middleware: [auth] as const,
      summary: 'The exam as set up, with how many candidates and answers it has (its coordinators)',
      request: { params },
      responses: {
        200: { description: 'The setup', content: { 'application/json': { schema: setupSchema } } },
        ...errorResponses(401, 403),
      },
    }),
    async (c) => {
      const exam = await managedExam(opts, c.get('actor'), c.req.valid('param').examId);
      return c.json(await summary(exam), 200);
    },
  );

  router.openapi(
    createRoute({
      method: 'put',
      path: '/exams/{examId}',
      middleware: [auth] as const,
      summary: 'Change the exam’s details, questions, scale and policies while it is a draft',
      request: {
        params,
        body: { content: { 'application/json': { schema: examInputSchema } }, required: true },
      },
      responses: {
        200: { description: 'The exam', content: { 'application/json': { schema: examBody } } },
        ...errorResponses(400, 401, 403, 409),
      },
    }),
    async (c) => {
      const actor = c.get('actor');
      const before = await managedExam(opts, actor, c.req.valid('param').examId);
      refuseUnless(checkEditable(before));
      const exam = parseExam({ ...before, ...c.req.valid('json') });
      if (exam.kind !== before.kind) await refuseBrokenCommissions(exam);
      await saveExam(opts, exam);
      await refreshAutoScores(opts, exam);
      await refreshProgress(opts, exam.id);
      await opts.repo.audit.append({
        at: opts.clock.now(),
        actorId: actor.userId,
        action: 'examChanged',
        examId: exam.id,
        detail: { setup: true, questions: exam.questions.length, kind: exam.kind, scale: exam.scale.kind },
      });
      return c.json({ exam }, 200);
    },
  );

  router.openapi(
    createRoute({
      method: 'post',
      path: '/exams/{examId}/ready',
      middleware: [auth] as const,
      summary: 'Mark the exam ready for grading: examiners see answers from now on (R1)',
      request: { params },
      responses: {
        200: { description: 'The exam', content: { 'application/json': { schema: examBody } } },
        ...errorResponses(401, 403, 409),
      },
    }),
    async (c) => {
      const actor = c.get('actor');
      const before = await managedExam(opts, actor, c.req.valid('param').examId);
      const candidates = (await opts.repo.exams.candidates(before.id)).length;
      refuseUnless(checkReadyForGrading(before, { candidates }));
      const exam = parseExam({ ...before, status: 'ready' });
      await saveExam(opts, exam);
      await opts.repo.audit.append({
        at: opts.clock.now(),
        actorId: actor.userId,
        action: 'examReady',
        examId: exam.id,
        detail: { candidates, questions: exam.questions.length },
      });
      return c.json({ exam }, 200);
    },
  );
};

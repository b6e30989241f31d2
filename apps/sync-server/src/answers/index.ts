import {
  type Actor,
  type CandidateNumber,
  type Commission,
  can,
  candidateNumberSchema,
  commissionDoc,
  docName,
  type Exam,
  idSchema,
  ok,
  type Result,
  refuse,
  relationOf,
} from '@cograde/domain';
import { createRoute, z } from '@hono/zod-openapi';
import { requireUser } from '../auth/require-user.ts';
import { ApiError } from '../http/api-error.ts';
import { createRouter, errorResponses } from '../http/router.ts';
import type { AccessDirectory, DocWriter, SessionResolver } from '../ports.ts';
import type { Repository } from '../storage/repository.ts';

const answerSchema = z.object({
  questionId: z.string(),
  label: z.string(),
  text: z.string(),
  hasPdf: z.boolean(),
});

/** Candidate number and answers only: never a name or student id (R2). */
const answersSchema = z
  .object({ examId: z.string(), candidate: z.string(), answers: z.array(answerSchema) })
  .openapi('Answers');

type Options = {
  repo: Repository;
  directory: AccessDirectory;
  sessions: SessionResolver;
  writer?: DocWriter;
};

/**
 * Whether the actor may read a candidate's answers: through some commission that holds the candidate,
 * decided by `can(…, 'read', answers)` (R1 included). An examiner who declared themselves disqualified
 * no longer sees the candidate (R16).
 */
export const answersAccess = async (
  opts: Options,
  actor: Actor,
  exam: Exam,
  commissions: readonly Commission[],
  candidate: CandidateNumber,
): Promise<Result> => {
  let notReady = false;
  for (const commission of commissions) {
    if (!commission.candidates.includes(candidate)) continue;
    const resource = {
      kind: 'answers',
      examId: exam.id,
      commissionId: commission.id,
      examStatus: exam.status,
    } as const;
    if (!can(actor, 'read', resource)) {
      notReady ||= relationOf(actor, resource) === 'member' && exam.status === 'draft';
      continue;
    }
    if (relationOf(actor, resource) === 'member' && opts.writer !== undefined) {
      const state = await opts.writer.read(
        docName({ kind: 'commission', commissionId: commission.id }),
        (doc) => commissionDoc(doc).candidate(candidate),
      );
      if (state?.disqualified.includes(actor.userId)) continue;
    }
    return ok();
  }
  return refuse(notReady ? 'notReadyForGrading' : 'forbidden');
};

export const createAnswersRoutes = (opts: Options) => {
  const router = createRouter();
  const route = createRoute({
    method: 'get',
    path: '/exams/{examId}/answers/{candidate}',
    middleware: [requireUser(opts)] as const,
    summary: "A candidate's answers, per question",
    request: { params: z.object({ examId: idSchema, candidate: candidateNumberSchema }) },
    responses: {
      200: { description: 'The answers', content: { 'application/json': { schema: answersSchema } } },
      ...errorResponses(400, 401, 403),
    },
  });
  router.openapi(route, async (c) => {
    const { examId, candidate } = c.req.valid('param');
    const exam = await opts.repo.exams.byId(examId);
    // A missing exam answers exactly like a forbidden one.
    if (exam === null) throw new ApiError('forbidden');
    const access = await answersAccess(
      opts,
      c.get('actor'),
      exam,
      await opts.repo.commissions.ofExam(examId),
      candidate,
    );
    if (!access.ok) throw new ApiError(access.reason);
    const stored = new Map((await opts.repo.exams.answers(examId, candidate)).map((a) => [a.questionId, a]));
    const answers = exam.questions.map((q) => ({
      questionId: q.id,
      label: q.label,
      text: stored.get(q.id)?.text ?? '',
      hasPdf: stored.get(q.id)?.hasPdf ?? false,
    }));
    return c.json({ examId, candidate, answers }, 200);
  });
  const pdfRoute = createRoute({
    method: 'get',
    path: '/exams/{examId}/answers/{candidate}/{questionId}/pdf',
    middleware: [requireUser(opts)] as const,
    summary: "A candidate's PDF answer to one question",
    request: {
      params: z.object({ examId: idSchema, candidate: candidateNumberSchema, questionId: idSchema }),
    },
    responses: {
      200: {
        description: 'The PDF',
        content: { 'application/pdf': { schema: z.string().openapi({ format: 'binary' }) } },
      },
      ...errorResponses(400, 401, 403, 404),
    },
  });
  router.openapi(pdfRoute, async (c) => {
    const { examId, candidate, questionId } = c.req.valid('param');
    const exam = await opts.repo.exams.byId(examId);
    if (exam === null) throw new ApiError('forbidden');
    const access = await answersAccess(
      opts,
      c.get('actor'),
      exam,
      await opts.repo.commissions.ofExam(examId),
      candidate,
    );
    if (!access.ok) throw new ApiError(access.reason);
    const pdf = await opts.repo.exams.answerPdf(examId, candidate, questionId);
    if (pdf === null) throw new ApiError('notFound');
    return c.body(pdf as Uint8Array<ArrayBuffer>, 200, {
      'content-type': 'application/pdf',
      'cache-control': 'private, no-store',
      'content-disposition': `inline; filename="${examId}-${candidate}-${questionId}.pdf"`,
    });
  });
  return router;
};

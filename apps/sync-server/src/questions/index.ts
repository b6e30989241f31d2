import {
  type Actor,
  type CandidateNumber,
  type Commission,
  choicesOf,
  commissionDoc,
  commissionMarks,
  docName,
  type Exam,
  idSchema,
  type MarkSheet,
  markKey,
  type Question,
  recomputeAfterKeyCorrection,
  recomputeAfterQuestionChange,
  rootMap,
} from '@cograde/domain';
import { createRoute, z } from '@hono/zod-openapi';
import { authorizeExam } from '../actions/exam-action.ts';
import { requireUser } from '../auth/require-user.ts';
import { saveExam } from '../exams/exam-doc.ts';
import { ApiError } from '../http/api-error.ts';
import { createRouter, errorResponses } from '../http/router.ts';
import type { AccessDirectory, Clock, DocWriter, SessionResolver } from '../ports.ts';
import { refreshProgress } from '../progress/index.ts';
import type { Repository } from '../storage/repository.ts';

/**
 * R18, the coordinator's changes to a question during grading. Correcting an answer key recomputes every
 * candidate's auto points on the question at once, in every commission of the exam; an examiner's points
 * on it stay an override. Changing a weight or maximum recomputes totals and proposed grades and keeps
 * stored points within the new maximum. Both are logged with before and after (R21). A candidate whose
 * grade is registered is locked (R6): their points are not touched, and the answer names them so the
 * coordinator can reopen them if the change should reach them.
 */
export type QuestionOptions = {
  repo: Repository;
  directory: AccessDirectory;
  writer: DocWriter;
  sessions: SessionResolver;
  clock: Clock;
};

const params = z.object({ examId: idSchema, questionId: idSchema });
const outcome = z.object({ total: z.number(), percent: z.number(), grade: z.string().nullable() });
const keyCorrectionResult = z
  .object({
    questionId: z.string(),
    answerKey: z.object({ from: z.array(z.string()), to: z.array(z.string()) }),
    changes: z.array(
      z.object({
        commissionId: z.string(),
        candidate: z.string(),
        before: z.number().optional(),
        after: z.number(),
        effective: z.object({
          points: z.number(),
          source: z.enum(['manual', 'auto', 'override']),
          autoPoints: z.number().optional(),
        }),
      }),
    ),
    lockedSkipped: z.array(z.string()),
  })
  .openapi('KeyCorrection');
const questionChangeResult = z
  .object({
    questionId: z.string(),
    weight: z.object({ from: z.number(), to: z.number() }).optional(),
    maxPoints: z.object({ from: z.number(), to: z.number() }).optional(),
    changes: z.array(
      z.object({
        commissionId: z.string(),
        candidate: z.string(),
        before: outcome,
        after: outcome,
        marks: z.object({ from: z.number(), to: z.number() }).optional(),
        auto: z.object({ from: z.number().optional(), to: z.number() }).optional(),
      }),
    ),
    lockedSkipped: z.array(z.string()),
  })
  .openapi('QuestionChange');

/** The choices a candidate ticked on a multiple-choice question, as stored with their answer. */
export const createQuestionRoutes = (opts: QuestionOptions) => {
  const router = createRouter();
  const auth = requireUser(opts);

  const load = async (actor: Actor, examId: string, questionId: string) => {
    const exam = await authorizeExam(opts, actor, 'manage', { kind: 'exam', examId });
    if (exam.status === 'published') throw new ApiError('alreadyPublished');
    const question = exam.questions.find((q) => q.id === questionId);
    if (question === undefined) throw new ApiError('unknownQuestion', questionId);
    return { exam, question, commissions: await opts.repo.commissions.ofExam(examId) };
  };
  const answersTo = async (exam: Exam, question: Question, commission: Commission) => {
    const answers = new Map<CandidateNumber, string[]>();
    for (const candidate of commission.candidates) {
      const answer = (await opts.repo.exams.answers(exam.id, candidate)).find(
        (a) => a.questionId === question.id,
      );
      answers.set(candidate, answer === undefined ? [] : choicesOf(answer.text));
    }
    return answers;
  };

  router.openapi(
    createRoute({
      method: 'post',
      path: '/exams/{examId}/questions/{questionId}/answer-key',
      middleware: [auth] as const,
      summary:
        'Correct an answer key: every candidate’s auto points recomputed at once, overrides stay (R18)',
      request: {
        params,
        body: {
          content: {
            'application/json': {
              schema: z
                .object({ answerKey: z.array(z.string().min(1).max(200)).min(1).max(50) })
                .openapi('AnswerKey'),
            },
          },
          required: true,
        },
      },
      responses: {
        200: { description: 'Recomputed', content: { 'application/json': { schema: keyCorrectionResult } } },
        ...errorResponses(400, 401, 403, 409, 422),
      },
    }),
    async (c) => {
      const { examId, questionId } = c.req.valid('param');
      const { answerKey } = c.req.valid('json');
      const actor = c.get('actor');
      const { exam, question, commissions } = await load(actor, examId, questionId);
      if (question.scoring !== 'auto' || question.answerKey === undefined)
        throw new ApiError('notAutoScored', questionId);
      const corrected: Question = { ...question, answerKey };
      await saveExam(opts, {
        ...exam,
        questions: exam.questions.map((q) => (q.id === questionId ? corrected : q)),
      });

      const changes: z.infer<typeof keyCorrectionResult>['changes'] = [];
      const lockedSkipped: string[] = [];
      for (const commission of commissions) {
        const answers = await answersTo(exam, question, commission);
        await opts.writer.transact(docName({ kind: 'commission', commissionId: commission.id }), (raw) => {
          const doc = commissionDoc(raw);
          const open = new Map<CandidateNumber, readonly string[]>();
          const auto = new Map<CandidateNumber, number>();
          const overrides = new Map<CandidateNumber, number>();
          for (const [candidate, choices] of answers) {
            if (doc.final(candidate) !== undefined) {
              lockedSkipped.push(candidate);
              continue;
            }
            open.set(candidate, choices);
            const before = doc.autoPoints(candidate, questionId);
            const marked = doc.mark(candidate, questionId);
            if (before !== undefined) auto.set(candidate, before);
            if (marked !== undefined) overrides.set(candidate, marked);
          }
          const result = recomputeAfterKeyCorrection({ question: corrected, answers: open, auto, overrides });
          if (!result.ok) return;
          const autoRoot = rootMap(raw, 'commission', 'auto');
          for (const change of result.changes) {
            autoRoot.set(markKey(change.candidate, questionId), change.after);
            changes.push({ commissionId: commission.id, ...change });
          }
        });
      }
      await opts.repo.audit.append({
        at: opts.clock.now(),
        actorId: actor.userId,
        action: 'keyCorrection',
        examId,
        detail: {
          questionId,
          answerKey: { from: question.answerKey, to: answerKey },
          changed: changes.map((ch) => ({ candidate: ch.candidate, from: ch.before ?? null, to: ch.after })),
          lockedSkipped,
        },
      });
      await refreshProgress(opts, examId);
      return c.json(
        { questionId, answerKey: { from: question.answerKey, to: answerKey }, changes, lockedSkipped },
        200,
      );
    },
  );

  router.openapi(
    createRoute({
      method: 'patch',
      path: '/exams/{examId}/questions/{questionId}',
      middleware: [auth] as const,
      summary:
        'Change a question’s weight or maximum during grading: totals and proposed grades recomputed (R18)',
      request: {
        params,
        body: {
          content: {
            'application/json': {
              schema: z
                .object({
                  weight: z.number().positive().max(100).optional(),
                  maxPoints: z.number().positive().max(1000).optional(),
                })
                .refine((b) => b.weight !== undefined || b.maxPoints !== undefined, 'weight or maxPoints')
                .openapi('QuestionPatch'),
            },
          },
          required: true,
        },
      },
      responses: {
        200: { description: 'Recomputed', content: { 'application/json': { schema: questionChangeResult } } },
        ...errorResponses(400, 401, 403, 409, 422),
      },
    }),
    async (c) => {
      const { examId, questionId } = c.req.valid('param');
      const body = c.req.valid('json');
      const actor = c.get('actor');
      const { exam, question, commissions } = await load(actor, examId, questionId);
      const change = { questionId, ...body };
      // Decided once up front, so a refused change writes nothing anywhere.
      const planned = recomputeAfterQuestionChange({
        scale: exam.scale,
        questions: exam.questions,
        change,
        sheets: [],
      });
      if (!planned.ok) throw new ApiError(planned.reason, planned.detail);
      await saveExam(opts, { ...exam, questions: planned.questions });

      const changes: z.infer<typeof questionChangeResult>['changes'] = [];
      const lockedSkipped: string[] = [];
      for (const commission of commissions) {
        const answers =
          question.scoring === 'auto' && planned.log.maxPoints !== undefined
            ? await answersTo(exam, question, commission)
            : undefined;
        await opts.writer.transact(docName({ kind: 'commission', commissionId: commission.id }), (raw) => {
          const doc = commissionDoc(raw);
          const sheets: MarkSheet[] = [];
          for (const candidate of commission.candidates) {
            if (doc.final(candidate) !== undefined) {
              lockedSkipped.push(candidate);
              continue;
            }
            sheets.push({ candidate, ...commissionMarks(doc, exam.questions, candidate) });
          }
          const result = recomputeAfterQuestionChange({
            scale: exam.scale,
            questions: exam.questions,
            change,
            sheets,
            ...(answers === undefined ? {} : { answers }),
          });
          if (!result.ok) return;
          for (const ch of result.changes) {
            if (ch.marks !== undefined) doc.setMark(ch.candidate, questionId, ch.marks.to);
            if (ch.auto !== undefined)
              rootMap(raw, 'commission', 'auto').set(markKey(ch.candidate, questionId), ch.auto.to);
            changes.push({ commissionId: commission.id, ...ch });
          }
        });
      }
      await opts.repo.audit.append({
        at: opts.clock.now(),
        actorId: actor.userId,
        action: 'weightChange',
        examId,
        detail: {
          ...planned.log,
          changed: changes.map((ch) => ({
            candidate: ch.candidate,
            before: ch.before,
            after: ch.after,
          })),
          lockedSkipped,
        },
      });
      await refreshProgress(opts, examId);
      return c.json({ ...planned.log, changes, lockedSkipped }, 200);
    },
  );

  return router;
};

import {
  type AppealPair,
  appealStatistics,
  can,
  candidateNumberSchema,
  checkCommissionComposition,
  type Grade,
  gradeSchema,
  gradingMembers,
  idSchema,
  thirdGradingNeeded,
} from '@cograde/domain';
import { createRoute, z } from '@hono/zod-openapi';
import { authorizeExam } from '../actions/exam-action.ts';
import { requireUser } from '../auth/require-user.ts';
import { ApiError } from '../http/api-error.ts';
import { createRouter, errorResponses } from '../http/router.ts';
import type { AccessDirectory, SessionResolver } from '../ports.ts';
import { formThirdGrading, ordinaryGradeOf } from './after-register.ts';
import { outcomeOf } from './commission-docs.ts';
import { type AppealDeps, appealIds, membersOf, registerAppeal } from './register-appeal.ts';

/**
 * Appeals (R9, R10, R19): the coordinator registers an appeal with the candidate's reasons and forms the
 * blind appeal commission; the appeal commission then grades through the ordinary confirm/register
 * actions, and `after-register.ts` settles the appeal or opens the third grading.
 */
export type AppealOptions = AppealDeps & { sessions: SessionResolver; directory: AccessDirectory };

const examParams = z.object({ examId: idSchema });
const memberInput = z.object({
  userId: idSchema,
  affiliation: z.enum(['internal', 'external']),
  firstTime: z.boolean().optional(),
});
const registerBody = z
  .object({
    candidate: candidateNumberSchema,
    reasons: z.string().max(20_000),
    members: z.array(memberInput).min(1).max(10),
    name: z.string().min(1).max(100).optional(),
  })
  .openapi('RegisterAppeal');
const registeredSchema = z
  .object({
    appealId: z.string(),
    commissionId: z.string(),
    docs: z.object({ appeal: z.string(), commission: z.string() }),
  })
  .openapi('RegisteredAppeal');

const appealSummary = z
  .object({
    appealId: z.string(),
    candidate: z.string(),
    status: z.enum(['registered', 'grading', 'thirdGrading', 'decided']),
    registeredAt: z.string(),
    reasons: z.string(),
    ordinaryCommissionId: z.string(),
    appealCommissionId: z.string().optional(),
    thirdCommissionId: z.string().optional(),
    ordinaryGrade: gradeSchema.optional(),
    appealGrade: gradeSchema.optional(),
    thirdGrade: gradeSchema.optional(),
    finalGrade: gradeSchema.optional(),
  })
  .openapi('AppealSummary');

const statisticsSchema = z
  .object({
    examId: z.string(),
    registered: z.number().int(),
    pending: z.number().int(),
    thirdGradings: z.number().int(),
    decided: z.object({
      count: z.number().int(),
      up: z.number().int(),
      down: z.number().int(),
      same: z.number().int(),
      stepGaps: z.array(z.number().int()),
      meanChange: z.number(),
    }),
    /** How many final grades after appeal differ from the ordinary grade. */
    changed: z.number().int(),
  })
  .openapi('AppealStatistics');

const gradeFields = ['ordinaryGrade', 'appealGrade', 'thirdGrade', 'finalGrade'] as const;
type GradeField = (typeof gradeFields)[number];

const gradeField = (detail: Record<string, unknown>, field: GradeField) => {
  const parsed = gradeSchema.safeParse(detail[field]);
  return parsed.success ? parsed.data : undefined;
};

export const createAppealRoutes = (opts: AppealOptions) => {
  const router = createRouter();
  const auth = requireUser(opts);

  /** The appeal flow's grades per appeal, from the audit log (R21): the same source the statistics read. */
  const gradesOf = async (examId: string) => {
    const out = new Map<string, Partial<Record<GradeField, Grade>>>();
    for (const e of await opts.repo.audit.ofExam(examId)) {
      if (e.action !== 'appeal' && e.action !== 'thirdGrading') continue;
      const id = typeof e.detail.appealId === 'string' ? e.detail.appealId : undefined;
      if (id === undefined) continue;
      const grades = out.get(id) ?? {};
      for (const field of gradeFields) {
        const grade = gradeField(e.detail, field);
        if (grade !== undefined) grades[field] = grade;
      }
      out.set(id, grades);
    }
    return out;
  };

  router.openapi(
    createRoute({
      method: 'post',
      path: '/exams/{examId}/appeals',
      middleware: [auth] as const,
      summary: 'Register an appeal and form its blind commission (R9, R17)',
      request: {
        params: examParams,
        body: { content: { 'application/json': { schema: registerBody } }, required: true },
      },
      responses: {
        201: { description: 'Registered', content: { 'application/json': { schema: registeredSchema } } },
        ...errorResponses(400, 401, 403, 409, 422),
      },
    }),
    async (c) => {
      const { examId } = c.req.valid('param');
      const body = c.req.valid('json');
      const actor = c.get('actor');
      const exam = await authorizeExam(opts, actor, 'manage', { kind: 'exam', examId });
      const reasons = body.reasons.trim();
      if (reasons.length === 0) throw new ApiError('reasonRequired');
      const { appeal, commission } = await registerAppeal(opts, actor, exam, {
        candidate: body.candidate,
        reasons,
        members: body.members,
        ...(body.name === undefined ? {} : { name: body.name }),
      });
      return c.json(
        {
          appealId: appeal.id,
          commissionId: commission.id,
          docs: { appeal: `appeal:${appeal.id}`, commission: `commission:${commission.id}` },
        },
        201,
      );
    },
  );

  router.openapi(
    createRoute({
      method: 'post',
      path: '/exams/{examId}/appeals/{appealId}/third-grading',
      middleware: [auth] as const,
      summary: 'Form the third grading by hand when the exam policy could not (R10)',
      request: {
        params: z.object({ examId: idSchema, appealId: idSchema }),
        body: {
          content: {
            'application/json': {
              schema: z.object({ members: z.array(memberInput).min(2).max(10) }).openapi('ThirdGrading'),
            },
          },
          required: true,
        },
      },
      responses: {
        201: {
          description: 'Formed',
          content: {
            'application/json': {
              schema: z.object({ commissionId: z.string(), doc: z.string() }).openapi('ThirdGradingFormed'),
            },
          },
        },
        ...errorResponses(400, 401, 403, 409, 422),
      },
    }),
    async (c) => {
      const { examId, appealId } = c.req.valid('param');
      const actor = c.get('actor');
      const exam = await authorizeExam(opts, actor, 'manage', { kind: 'exam', examId });
      const appeal = await opts.repo.appeals.byId(appealId);
      if (appeal === null || appeal.examId !== examId) throw new ApiError('forbidden');
      const ordinaryGrade = await ordinaryGradeOf(opts, appeal);
      const own =
        appeal.appealCommissionId === undefined
          ? undefined
          : await outcomeOf(opts.writer, appeal.appealCommissionId, appeal.candidate);
      const gap =
        ordinaryGrade === undefined || own?.final === undefined
          ? undefined
          : thirdGradingNeeded(ordinaryGrade, own.final);
      if (
        appeal.status !== 'thirdGrading' ||
        appeal.thirdCommissionId !== undefined ||
        ordinaryGrade === undefined ||
        own?.final === undefined ||
        gap === undefined ||
        !gap.ok ||
        !gap.needed
      ) {
        throw new ApiError('thirdGradingNotPending', appealId);
      }
      const members = await membersOf(opts, c.req.valid('json').members);
      const composition = checkCommissionComposition({
        examKind: exam.kind,
        purpose: 'third',
        members,
        candidates: [{ number: appeal.candidate }],
      });
      if (!composition.ok) throw new ApiError(composition.reason, composition.detail);
      const grading = gradingMembers(members);
      if (grading.length < 2) throw new ApiError('tooFewExaminers', `${grading.length} examiner(s)`);
      await formThirdGrading(opts, actor, exam, appeal, members, {
        ordinaryGrade,
        appealGrade: own.final,
        steps: gap.steps,
        appealExplanation: own.explanation,
        policy: 'byHand',
      });
      const commissionId = appealIds(examId, appeal.candidate).thirdCommissionId;
      return c.json({ commissionId, doc: `commission:${commissionId}` }, 201);
    },
  );

  router.openapi(
    createRoute({
      method: 'get',
      path: '/exams/{examId}/appeals',
      middleware: [auth] as const,
      summary: "The exam's appeals with the candidates' reasons and every step's grade (coordinators)",
      request: { params: examParams },
      responses: {
        200: {
          description: 'The appeals',
          content: { 'application/json': { schema: z.object({ appeals: z.array(appealSummary) }) } },
        },
        ...errorResponses(401, 403),
      },
    }),
    async (c) => {
      const { examId } = c.req.valid('param');
      await authorizeExam(opts, c.get('actor'), 'manage', { kind: 'exam', examId });
      const grades = await gradesOf(examId);
      const appeals = [];
      for (const a of await opts.repo.appeals.ofExam(examId)) {
        // Before the appeal commission has registered, the ordinary grade is still the ordinary commission's.
        const ordinaryGrade =
          grades.get(a.id)?.ordinaryGrade ??
          (await outcomeOf(opts.writer, a.ordinaryCommissionId, a.candidate)).final;
        appeals.push({
          appealId: a.id,
          candidate: a.candidate,
          status: a.status,
          registeredAt: a.registeredAt,
          reasons: a.reasons,
          ordinaryCommissionId: a.ordinaryCommissionId,
          ...(a.appealCommissionId === undefined ? {} : { appealCommissionId: a.appealCommissionId }),
          ...(a.thirdCommissionId === undefined ? {} : { thirdCommissionId: a.thirdCommissionId }),
          ...(ordinaryGrade === undefined ? {} : { ordinaryGrade }),
          ...grades.get(a.id),
        });
      }
      return c.json({ appeals: z.array(appealSummary).parse(appeals) }, 200);
    },
  );

  router.openapi(
    createRoute({
      method: 'get',
      path: '/exams/{examId}/appeal-statistics',
      middleware: [auth] as const,
      summary: 'Appeals count and outcomes, and the gap between ordinary and appeal grades (R19)',
      request: { params: examParams },
      responses: {
        200: { description: 'The statistics', content: { 'application/json': { schema: statisticsSchema } } },
        ...errorResponses(401, 403),
      },
    }),
    async (c) => {
      const { examId } = c.req.valid('param');
      const exam = await opts.repo.exams.byId(examId);
      if (exam === null || !can(c.get('actor'), 'read', { kind: 'statistics', examId })) {
        throw new ApiError('forbidden');
      }
      const appeals = await opts.repo.appeals.ofExam(examId);
      const grades = await gradesOf(examId);
      const pairs: AppealPair[] = [];
      let changed = 0;
      for (const a of appeals) {
        const g = grades.get(a.id);
        if (a.status !== 'decided' || g?.ordinaryGrade === undefined || g.appealGrade === undefined) continue;
        pairs.push({ ordinary: g.ordinaryGrade, appeal: g.appealGrade });
        if (g.finalGrade !== undefined && g.finalGrade !== g.ordinaryGrade) changed += 1;
      }
      const stats = appealStatistics(pairs);
      if (!stats.ok) throw new ApiError(stats.reason, stats.detail);
      const { ok: _, ...decided } = stats;
      return c.json(
        {
          examId,
          registered: appeals.length,
          pending: appeals.filter((a) => a.status !== 'decided').length,
          thirdGradings: appeals.filter((a) => a.thirdCommissionId !== undefined).length,
          decided,
          changed,
        },
        200,
      );
    },
  );

  return router;
};

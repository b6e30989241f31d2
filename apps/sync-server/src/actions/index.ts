import {
  candidateKey,
  candidateNumberSchema,
  candidateUserKey,
  commissionSample,
  docName,
  excusedBySample,
  gradeSchema,
  idSchema,
  isGradeOnScale,
  type Marks,
  mayConfirmFinalGrade,
  privateDoc,
  rootMap,
  whoDecides,
} from '@cograde/domain';
import { createRoute, z } from '@hono/zod-openapi';
import { requireUser } from '../auth/require-user.ts';
import { ApiError } from '../http/api-error.ts';
import { createRouter, errorResponses } from '../http/router.ts';
import type { Clock, SessionResolver } from '../ports.ts';
import { refreshProgress } from '../progress/index.ts';
import { type ActionDeps, authorize, checkCandidate, decideAndWrite } from './commission-action.ts';

/**
 * Server actions on a commission's candidate: confirm a grade (R5), register the final grade and lock
 * (R6), reopen with a reason (R6), flag suspected cheating (R11). Each is authorized by `can()`, decided
 * by the domain rules, written with the server's authority and appended to the audit log (R21).
 */
export type ActionOptions = ActionDeps & { sessions: SessionResolver; clock: Clock };

const params = z.object({ commissionId: idSchema, candidate: candidateNumberSchema });
const reasonBody = z.object({ reason: z.string().max(5000) }).openapi('Reason');
const okSchema = z.object({ ok: z.literal(true), grade: gradeSchema.optional() }).openapi('ActionResult');

const responses = {
  200: { description: 'Done', content: { 'application/json': { schema: okSchema } } },
  ...errorResponses(400, 401, 403, 409, 422),
};
const pathOf = (name: string) => `/commissions/{commissionId}/candidates/{candidate}/${name}`;

const actionRoute = (auth: ReturnType<typeof requireUser>, name: string, summary: string) =>
  createRoute({
    method: 'post',
    path: pathOf(name),
    middleware: [auth] as const,
    summary,
    request: { params },
    responses,
  });

const actionRouteWithBody = <B extends z.ZodType>(
  auth: ReturnType<typeof requireUser>,
  name: string,
  summary: string,
  body: B,
) =>
  createRoute({
    method: 'post',
    path: pathOf(name),
    middleware: [auth] as const,
    summary,
    request: { params, body: { content: { 'application/json': { schema: body } }, required: true } },
    responses,
  });

const requireReason = (reason: string) => {
  const trimmed = reason.trim();
  if (trimmed.length === 0) throw new ApiError('reasonRequired');
  return trimmed;
};

export const createActionRoutes = (opts: ActionOptions) => {
  const router = createRouter();
  const auth = requireUser(opts);
  const now = () => opts.clock.now();

  router.openapi(
    actionRouteWithBody(
      auth,
      'confirm',
      'Confirm the grade for a candidate (R5)',
      z.object({ grade: gradeSchema }).openapi('Confirm'),
    ),
    async (c) => {
      const { commissionId, candidate } = c.req.valid('param');
      const { grade } = c.req.valid('json');
      const ctx = await authorize(opts, c.get('actor'), 'confirm', commissionId, candidate);
      if (!isGradeOnScale(ctx.exam.scale, grade)) throw new ApiError('gradeNotOnScale', grade);
      // R3: in individual mode the examiner's own marks are revealed to the commission with the confirmation.
      let marks: Marks | undefined;
      if (ctx.exam.policies.marksMode === 'individual') {
        const ref = { kind: 'private', commissionId, userId: ctx.actor.userId } as const;
        marks = await opts.writer.read(docName(ref), (doc) => {
          const own: Marks = {};
          for (const q of ctx.exam.questions) {
            const points = privateDoc(doc).mark(candidate, q.id);
            if (points !== undefined) own[q.id] = points;
          }
          return own;
        });
      }
      const at = now();
      await decideAndWrite(opts.writer, commissionId, (doc, raw) => {
        const known = checkCandidate(doc, ctx);
        if (!known.ok) return known;
        if (doc.final(candidate) !== undefined)
          return { ok: false, reason: 'locked', detail: `candidate ${candidate}` };
        if (doc.hold(candidate) !== undefined && ctx.exam.policies.cheatingPolicy === 'noGrade') {
          return { ok: false, reason: 'cheatingHold' };
        }
        const confirmation = {
          userId: ctx.actor.userId,
          grade,
          at: at.toISOString(),
          ...(marks ? { marks } : {}),
        };
        return {
          ok: true,
          value: null,
          write: () =>
            rootMap(raw, 'commission', 'confirmations').set(
              candidateUserKey(candidate, ctx.actor.userId),
              confirmation,
            ),
        };
      });
      await opts.repo.audit.append({
        at,
        actorId: ctx.actor.userId,
        action: 'confirm',
        examId: ctx.exam.id,
        commissionId,
        candidate,
        detail: { grade },
      });
      await refreshProgress(opts, ctx.exam.id, [commissionId]);
      return c.json({ ok: true as const, grade: gradeSchema.parse(grade) }, 200);
    },
  );

  router.openapi(
    actionRoute(auth, 'register', 'Register the final grade; the candidate is locked (R5, R6)'),
    async (c) => {
      const { commissionId, candidate } = c.req.valid('param');
      const ctx = await authorize(opts, c.get('actor'), 'register', commissionId, candidate);
      const at = now();
      // R7: who settles a disagreement; an unclear ordinary examiner leaves it to agreement.
      const decider = whoDecides({
        examKind: ctx.exam.kind,
        purpose: ctx.commission.purpose,
        members: ctx.commission.members,
      });
      const { grade, decidedBy, source } = await decideAndWrite(opts.writer, commissionId, (doc, raw) => {
        const known = checkCandidate(doc, ctx);
        if (!known.ok) return known;
        if (doc.final(candidate) !== undefined)
          return { ok: false, reason: 'locked', detail: `candidate ${candidate}` };
        const confirmations = doc.confirmations(candidate);
        const decision = mayConfirmFinalGrade({
          policies: ctx.exam.policies,
          questions: ctx.exam.questions,
          members: ctx.commission.members,
          confirmations,
          individualMarks: new Map(confirmations.map((conf) => [conf.userId, conf.marks ?? {}])),
          cheatingSuspected: doc.hold(candidate) !== undefined,
          ...(decider.ok ? { decider: decider.decider } : {}),
          // R8: a paper outside the second examiner's sample does not wait for them.
          excused: excusedBySample(commissionSample(ctx.exam, ctx.commission, doc), candidate),
        });
        if (!decision.ok)
          return { ok: false, reason: decision.reason, detail: JSON.stringify(blockersOf(decision)) };
        // R12: an imported grade the commission confirmed is registered as an imported one.
        const imported = doc.imported(candidate)?.grade === decision.grade;
        const final = {
          grade: decision.grade,
          registeredBy: ctx.actor.userId,
          registeredAt: at.toISOString(),
          source: imported ? ('import' as const) : ('commission' as const),
        };
        return {
          ok: true,
          value: { grade: decision.grade, decidedBy: decision.decidedBy, source: final.source },
          write: () => rootMap(raw, 'commission', 'finals').set(candidateKey(candidate), final),
        };
      });
      await opts.repo.audit.append({
        at,
        actorId: ctx.actor.userId,
        action: 'register',
        examId: ctx.exam.id,
        commissionId,
        candidate,
        detail: { grade, locked: true, source, ...(decidedBy === undefined ? {} : { decidedBy }) },
      });
      await refreshProgress(opts, ctx.exam.id, [commissionId]);
      return c.json({ ok: true as const, grade }, 200);
    },
  );

  router.openapi(
    actionRouteWithBody(
      auth,
      'reopen',
      'Reopen a registered grade before publication, with a reason (R6)',
      reasonBody,
    ),
    async (c) => {
      const { commissionId, candidate } = c.req.valid('param');
      const reason = requireReason(c.req.valid('json').reason);
      const ctx = await authorize(opts, c.get('actor'), 'reopen', commissionId, candidate);
      if (ctx.exam.status === 'published') throw new ApiError('alreadyPublished');
      const at = now();
      const previous = await decideAndWrite(opts.writer, commissionId, (doc, raw) => {
        const final = doc.final(candidate);
        if (final === undefined)
          return { ok: false, reason: 'badRequest', detail: `candidate ${candidate} is not registered` };
        return {
          ok: true,
          value: final.grade,
          write: () => {
            rootMap(raw, 'commission', 'finals').delete(candidateKey(candidate));
            // The examiners confirm again after a reopen; their old confirmations stay in the audit log.
            const confirmations = rootMap(raw, 'commission', 'confirmations');
            for (const member of ctx.commission.members)
              confirmations.delete(candidateUserKey(candidate, member.userId));
          },
        };
      });
      await opts.repo.audit.append({
        at,
        actorId: ctx.actor.userId,
        action: 'reopen',
        examId: ctx.exam.id,
        commissionId,
        candidate,
        detail: { reason, previousGrade: previous },
      });
      await refreshProgress(opts, ctx.exam.id, [commissionId]);
      return c.json({ ok: true as const }, 200);
    },
  );

  router.openapi(
    actionRouteWithBody(auth, 'flag', 'Flag suspected cheating, with reasons (R11)', reasonBody),
    async (c) => {
      const { commissionId, candidate } = c.req.valid('param');
      const reason = requireReason(c.req.valid('json').reason);
      const ctx = await authorize(opts, c.get('actor'), 'flag', commissionId, candidate);
      const at = now();
      await decideAndWrite(opts.writer, commissionId, (doc, raw) => {
        const known = checkCandidate(doc, ctx);
        if (!known.ok) return known;
        // The reasons go to the audit log only: the hold itself says nothing a candidate could read (R11).
        const hold = { kind: 'cheating' as const, flaggedAt: at.toISOString(), flaggedBy: ctx.actor.userId };
        return {
          ok: true,
          value: null,
          write: () => rootMap(raw, 'commission', 'holds').set(candidateKey(candidate), hold),
        };
      });
      await opts.repo.audit.append({
        at,
        actorId: ctx.actor.userId,
        action: 'flag',
        examId: ctx.exam.id,
        commissionId,
        candidate,
        detail: { kind: 'cheating', reason },
      });
      await refreshProgress(opts, ctx.exam.id, [commissionId]);
      return c.json({ ok: true as const }, 200);
    },
  );

  return router;
};

const blockersOf = (refused: object) => ('blockers' in refused ? refused.blockers : {});

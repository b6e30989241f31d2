import {
  type Actor,
  type CandidateNumber,
  candidateKey,
  candidateNumberSchema,
  checkCommissionComposition,
  commissionDoc,
  docName,
  idSchema,
  isRegistrationOnly,
  rootMap,
  type UserId,
  whoDecides,
} from '@cograde/domain';
import { createRoute, z } from '@hono/zod-openapi';
import type * as Y from 'yjs';
import { requireUser } from '../auth/require-user.ts';
import { ApiError } from '../http/api-error.ts';
import { createRouter, errorResponses } from '../http/router.ts';
import { refreshProgress } from '../progress/index.ts';
import { authorize, checkCandidate, decideAndWrite } from './commission-action.ts';
import { ordinaryCommissions } from './exam-action.ts';
import type { ActionOptions } from './index.ts';

/**
 * The workflow around grading, beside confirm/register/reopen/flag: an examiner declares themselves
 * disqualified (R16) or asks for a registered grade to be reopened (R6); the coordinator resolves a
 * cheating flag (R11), registers attendance for a registration-only exam (R13) and appoints an extra
 * examiner where R7 calls for one. Each is authorized by `can()`, written with the server's authority in
 * the document owner's transaction, audited (R21) and recounted in the progress document.
 */
const candidateParams = z.object({ commissionId: idSchema, candidate: candidateNumberSchema });
const okSchema = z.object({ ok: z.literal(true) }).openapi('WorkflowResult');
const responses = {
  200: { description: 'Done', content: { 'application/json': { schema: okSchema } } },
  ...errorResponses(400, 401, 403, 409, 422),
};
const json = <B extends z.ZodType>(schema: B) => ({
  content: { 'application/json': { schema } },
  required: true,
});

const requireReason = (reason: string) => {
  const trimmed = reason.trim();
  if (trimmed.length === 0) throw new ApiError('reasonRequired');
  return trimmed;
};

/** Removes every confirmation of the candidate, or only the one of `userId`. */
const dropConfirmations = (raw: Y.Doc, candidate: string, userId?: string) => {
  const confirmations = rootMap(raw, 'commission', 'confirmations');
  for (const key of [...confirmations.keys()]) {
    if (key.startsWith(`${candidate}:`) && (userId === undefined || key === `${candidate}:${userId}`))
      confirmations.delete(key);
  }
};

/** R9: for each candidate, the members of the ordinary commissions that graded them. */
const ordinaryExaminersOf = async (opts: ActionOptions, examId: string) => {
  const out = new Map<CandidateNumber, UserId[]>();
  for (const commission of await ordinaryCommissions(opts, examId)) {
    for (const candidate of commission.candidates)
      out.set(candidate, [...(out.get(candidate) ?? []), ...commission.members.map((m) => m.userId)]);
  }
  return out;
};

export const createWorkflowRoutes = (opts: ActionOptions) => {
  const router = createRouter();
  const auth = requireUser(opts);
  const audit = (
    actor: Actor,
    action: 'disqualify' | 'resolveFlag' | 'attendance' | 'extraExaminer' | 'reopenRequest',
    examId: string,
    commissionId: string,
    detail: Record<string, unknown>,
    candidate?: string,
  ) =>
    opts.repo.audit.append({
      at: opts.clock.now(),
      actorId: actor.userId,
      action,
      examId,
      commissionId,
      ...(candidate === undefined ? {} : { candidate }),
      detail,
    });

  router.openapi(
    createRoute({
      method: 'post',
      path: '/commissions/{commissionId}/candidates/{candidate}/disqualify',
      middleware: [auth] as const,
      summary:
        'Declare yourself disqualified for a candidate: hidden from you, flagged to the coordinator (R16)',
      request: {
        params: candidateParams,
        body: json(z.object({ reason: z.string().max(5000).optional() }).openapi('Disqualify')),
      },
      responses,
    }),
    async (c) => {
      const { commissionId, candidate } = c.req.valid('param');
      const reason = c.req.valid('json').reason?.trim() ?? '';
      const ctx = await authorize(opts, c.get('actor'), 'disqualify', commissionId, candidate);
      await decideAndWrite(opts.writer, commissionId, (doc, raw) => {
        const state = doc.candidate(candidate);
        if (state === undefined || state.disqualified.includes(ctx.actor.userId))
          return { ok: false, reason: 'unknownCandidate', detail: `candidate ${candidate}` };
        return {
          ok: true,
          value: null,
          write: () => {
            rootMap(raw, 'commission', 'candidates').set(candidateKey(candidate), {
              ...state,
              disqualified: [...state.disqualified, ctx.actor.userId],
            });
            // Their word on the grade no longer counts; a registered grade stays as it is (R6).
            if (doc.final(candidate) === undefined) dropConfirmations(raw, candidate, ctx.actor.userId);
          },
        };
      });
      await audit(ctx.actor, 'disqualify', ctx.exam.id, commissionId, { reason }, candidate);
      await refreshProgress(opts, ctx.exam.id, [commissionId]);
      return c.json({ ok: true as const }, 200);
    },
  );

  router.openapi(
    createRoute({
      method: 'post',
      path: '/commissions/{commissionId}/candidates/{candidate}/request-reopen',
      middleware: [auth] as const,
      summary: 'Ask the coordinator to reopen a registered grade, with a reason (R6)',
      request: {
        params: candidateParams,
        body: json(z.object({ reason: z.string().max(5000) }).openapi('ReopenRequest')),
      },
      responses,
    }),
    async (c) => {
      const { commissionId, candidate } = c.req.valid('param');
      const reason = requireReason(c.req.valid('json').reason);
      const ctx = await authorize(opts, c.get('actor'), 'confirm', commissionId, candidate);
      if (ctx.exam.status === 'published') throw new ApiError('alreadyPublished');
      // Nothing is written to the document: the request lives in the audit log and the worklist.
      const refused = await opts.writer.read(docName({ kind: 'commission', commissionId }), (raw) => {
        const doc = commissionDoc(raw);
        const known = checkCandidate(doc, ctx);
        if (!known.ok) return known;
        return doc.final(candidate) === undefined
          ? {
              ok: false as const,
              reason: 'badRequest' as const,
              detail: `candidate ${candidate} is not registered`,
            }
          : null;
      });
      if (refused !== null) throw new ApiError(refused.reason, refused.detail);
      await audit(ctx.actor, 'reopenRequest', ctx.exam.id, commissionId, { reason }, candidate);
      return c.json({ ok: true as const }, 200);
    },
  );

  router.openapi(
    createRoute({
      method: 'post',
      path: '/commissions/{commissionId}/candidates/{candidate}/resolve-flag',
      middleware: [auth] as const,
      summary: 'Resolve a cheating flag, with a reason: the hold is lifted (R11)',
      request: {
        params: candidateParams,
        body: json(
          z
            .object({
              reason: z.string().max(5000),
              outcome: z.enum(['cleared', 'confirmed']).default('cleared'),
            })
            .openapi('ResolveFlag'),
        ),
      },
      responses,
    }),
    async (c) => {
      const { commissionId, candidate } = c.req.valid('param');
      const body = c.req.valid('json');
      const reason = requireReason(body.reason);
      const ctx = await authorize(opts, c.get('actor'), 'manage', commissionId, candidate);
      const hold = await decideAndWrite(opts.writer, commissionId, (doc, raw) => {
        const held = doc.hold(candidate);
        if (held === undefined) return { ok: false, reason: 'noHold', detail: `candidate ${candidate}` };
        return {
          ok: true,
          value: held,
          write: () => rootMap(raw, 'commission', 'holds').delete(candidateKey(candidate)),
        };
      });
      await audit(
        ctx.actor,
        'resolveFlag',
        ctx.exam.id,
        commissionId,
        { reason, outcome: body.outcome, flaggedBy: hold.flaggedBy, flaggedAt: hold.flaggedAt },
        candidate,
      );
      await refreshProgress(opts, ctx.exam.id, [commissionId]);
      return c.json({ ok: true as const }, 200);
    },
  );

  router.openapi(
    createRoute({
      method: 'post',
      path: '/commissions/{commissionId}/candidates/{candidate}/attendance',
      middleware: [auth] as const,
      summary:
        'Register whether a candidate attended a registration-only exam; only attendees are graded (R13)',
      request: {
        params: candidateParams,
        body: json(z.object({ attended: z.boolean() }).openapi('Attendance')),
      },
      responses,
    }),
    async (c) => {
      const { commissionId, candidate } = c.req.valid('param');
      const { attended } = c.req.valid('json');
      const ctx = await authorize(opts, c.get('actor'), 'manage', commissionId, candidate);
      if (!isRegistrationOnly(ctx.exam.kind)) throw new ApiError('notRegistrationOnly', ctx.exam.kind);
      const before = await decideAndWrite(opts.writer, commissionId, (doc, raw) => {
        const state = doc.candidate(candidate);
        if (state === undefined)
          return { ok: false, reason: 'unknownCandidate', detail: `candidate ${candidate}` };
        if (doc.final(candidate) !== undefined)
          return { ok: false, reason: 'locked', detail: `candidate ${candidate}` };
        return {
          ok: true,
          value: state.attended,
          write: () => {
            rootMap(raw, 'commission', 'candidates').set(candidateKey(candidate), { ...state, attended });
            if (!attended) {
              // Nobody grades a candidate who was not there: what was begun for them goes.
              dropConfirmations(raw, candidate);
              rootMap(raw, 'commission', 'imports').delete(candidateKey(candidate));
            }
          },
        };
      });
      const person = (await opts.repo.exams.candidates(ctx.exam.id)).find((p) => p.number === candidate);
      if (person !== undefined) await opts.repo.exams.putCandidates(ctx.exam.id, [{ ...person, attended }]);
      await audit(ctx.actor, 'attendance', ctx.exam.id, commissionId, { attended, before }, candidate);
      await refreshProgress(opts, ctx.exam.id, [commissionId]);
      return c.json({ ok: true as const }, 200);
    },
  );

  router.openapi(
    createRoute({
      method: 'post',
      path: '/commissions/{commissionId}/extra-examiner',
      middleware: [auth] as const,
      summary: 'Appoint the extra examiner (oppmann) where R7 says one decides',
      request: {
        params: z.object({ commissionId: idSchema }),
        body: json(
          z
            .object({ userId: idSchema, affiliation: z.enum(['internal', 'external']).default('external') })
            .openapi('ExtraExaminer'),
        ),
      },
      responses,
    }),
    async (c) => {
      const { commissionId } = c.req.valid('param');
      const body = c.req.valid('json');
      // The commission itself is the resource here; the candidate number is not used.
      const ctx = await authorize(opts, c.get('actor'), 'manage', commissionId, '0');
      const { commission, exam } = ctx;
      const decider = whoDecides({
        examKind: exam.kind,
        purpose: commission.purpose,
        members: commission.members,
      });
      if (!decider.ok) throw new ApiError(decider.reason, decider.detail);
      if (decider.decider.by !== 'extraExaminer' || decider.decider.userId !== null)
        throw new ApiError('noExtraExaminerNeeded', decider.decider.by);
      if (commission.members.some((m) => m.userId === body.userId)) throw new ApiError('alreadyMember');
      const user = await opts.repo.users.byId(body.userId);
      if (user === null) throw new ApiError('badRequest', `no user ${body.userId}`);
      const member = {
        userId: user.id,
        displayName: user.displayName,
        affiliation: body.affiliation,
        firstTime: false,
        extra: true,
      };
      const updated = { ...commission, members: [...commission.members, member] };
      // R17, R9: the commission with its extra examiner must still be one that may be saved.
      const people = (await opts.repo.exams.candidates(exam.id)).filter((p) =>
        commission.candidates.includes(p.number),
      );
      const ordinaryExaminers =
        commission.purpose === 'appeal' ? await ordinaryExaminersOf(opts, exam.id) : undefined;
      const composition = checkCommissionComposition({
        examKind: exam.kind,
        purpose: commission.purpose,
        members: updated.members,
        candidates: people,
        ...(ordinaryExaminers === undefined ? {} : { ordinaryExaminers }),
      });
      if (!composition.ok) throw new ApiError(composition.reason, composition.detail);
      await opts.repo.commissions.put(updated);
      const { candidates: _, ...info } = updated;
      await opts.writer.transact(docName({ kind: 'commission', commissionId }), (raw) =>
        rootMap(raw, 'commission', 'info').set('commission', info),
      );
      await audit(ctx.actor, 'extraExaminer', exam.id, commissionId, {
        userId: user.id,
        affiliation: body.affiliation,
        mediatesFirst: decider.decider.mediatesFirst,
      });
      await refreshProgress(opts, exam.id, [commissionId]);
      return c.json({ ok: true as const }, 200);
    },
  );

  return router;
};

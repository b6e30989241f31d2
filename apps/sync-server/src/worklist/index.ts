import { commissionDoc, docName, idSchema, whoDecides } from '@cograde/domain';
import { createRoute, z } from '@hono/zod-openapi';
import { authorizeExam } from '../actions/exam-action.ts';
import { requireUser } from '../auth/require-user.ts';
import { createRouter, errorResponses } from '../http/router.ts';
import type { AccessDirectory, DocWriter, SessionResolver } from '../ports.ts';
import type { Repository } from '../storage/repository.ts';

/**
 * The coordinator's worklist for one exam: what waits on them. Disqualified examiners to replace (R16),
 * cheating flags to resolve (R11), requests to reopen a registered grade (R6), disagreements that need an
 * extra examiner (R7) and imported grades still to be confirmed (R12). Read from the commission documents
 * and the audit log; coordinators only (`can(manage, exam)`), since it carries flag reasons.
 */
export type WorklistOptions = {
  repo: Repository;
  directory: AccessDirectory;
  writer: DocWriter;
  sessions: SessionResolver;
};

const item = { commissionId: z.string(), candidate: z.string() };
const worklistSchema = z
  .object({
    examId: z.string(),
    disqualifications: z.array(
      z.object({ ...item, userId: z.string(), at: z.string().optional(), reason: z.string().optional() }),
    ),
    cheatingFlags: z.array(
      z.object({ ...item, flaggedBy: z.string(), flaggedAt: z.string(), reason: z.string().optional() }),
    ),
    reopenRequests: z.array(
      z.object({ ...item, requestedBy: z.string(), at: z.string(), reason: z.string() }),
    ),
    disagreements: z.array(
      z.object({
        ...item,
        grades: z.array(z.object({ userId: z.string(), grade: z.string() })),
        needsExtraExaminer: z.boolean(),
      }),
    ),
    importedAwaiting: z.array(z.object({ ...item, grade: z.string(), importId: z.string() })),
  })
  .openapi('Worklist');
type Worklist = z.infer<typeof worklistSchema>;

const str = (v: unknown) => (typeof v === 'string' ? v : undefined);

export const createWorklistRoutes = (opts: WorklistOptions) => {
  const router = createRouter();
  router.openapi(
    createRoute({
      method: 'get',
      path: '/exams/{examId}/worklist',
      middleware: [requireUser(opts)] as const,
      summary:
        'What waits on the coordinator: disqualifications, cheating flags, reopen requests (R16, R11, R6)',
      request: { params: z.object({ examId: idSchema }) },
      responses: {
        200: { description: 'The worklist', content: { 'application/json': { schema: worklistSchema } } },
        ...errorResponses(401, 403),
      },
    }),
    async (c) => {
      const { examId } = c.req.valid('param');
      const exam = await authorizeExam(opts, c.get('actor'), 'manage', { kind: 'exam', examId });
      const events = await opts.repo.audit.ofExam(examId);
      const lastOf = (action: string, commissionId: string, candidate: string) =>
        events.findLast(
          (e) => e.action === action && e.commissionId === commissionId && e.candidate === candidate,
        );
      const out: Worklist = {
        examId,
        disqualifications: [],
        cheatingFlags: [],
        reopenRequests: [],
        disagreements: [],
        importedAwaiting: [],
      };
      for (const commission of await opts.repo.commissions.ofExam(examId)) {
        const decider = whoDecides({
          examKind: exam.kind,
          purpose: commission.purpose,
          members: commission.members,
        });
        const needsExtra =
          decider.ok && decider.decider.by === 'extraExaminer' && decider.decider.userId === null;
        await opts.writer.read(docName({ kind: 'commission', commissionId: commission.id }), (raw) => {
          const doc = commissionDoc(raw);
          for (const candidate of commission.candidates) {
            const at = { commissionId: commission.id, candidate };
            for (const userId of doc.candidate(candidate)?.disqualified ?? []) {
              const event = events.findLast(
                (e) =>
                  e.action === 'disqualify' &&
                  e.actorId === userId &&
                  e.commissionId === commission.id &&
                  e.candidate === candidate,
              );
              const reason = str(event?.detail.reason);
              out.disqualifications.push({
                ...at,
                userId,
                ...(event === undefined ? {} : { at: event.at }),
                ...(reason ? { reason } : {}),
              });
            }
            const hold = doc.hold(candidate);
            if (hold !== undefined) {
              const reason = str(lastOf('flag', commission.id, candidate)?.detail.reason);
              out.cheatingFlags.push({
                ...at,
                flaggedBy: hold.flaggedBy,
                flaggedAt: hold.flaggedAt,
                ...(reason ? { reason } : {}),
              });
            }
            const final = doc.final(candidate);
            const request = lastOf('reopenRequest', commission.id, candidate);
            const reopen = lastOf('reopen', commission.id, candidate);
            if (
              final !== undefined &&
              request !== undefined &&
              (reopen === undefined || reopen.id < request.id)
            ) {
              out.reopenRequests.push({
                ...at,
                requestedBy: request.actorId,
                at: request.at,
                reason: str(request.detail.reason) ?? '',
              });
            }
            if (final === undefined) {
              const confirmations = doc.confirmations(candidate);
              if (new Set(confirmations.map((conf) => conf.grade)).size > 1) {
                out.disagreements.push({
                  ...at,
                  grades: confirmations.map((conf) => ({ userId: conf.userId, grade: conf.grade })),
                  needsExtraExaminer: needsExtra,
                });
              }
              const imported = doc.imported(candidate);
              if (imported !== undefined)
                out.importedAwaiting.push({ ...at, grade: imported.grade, importId: imported.importId });
            }
          }
        });
      }
      return c.json(out, 200);
    },
  );
  return router;
};

import { type Actor, type DocRef, docAccess, docKinds, docName, type Exam } from '@cograde/domain';
import { createRoute, z } from '@hono/zod-openapi';
import { requireUser } from '../auth/require-user.ts';
import { createRouter, errorResponses } from '../http/router.ts';
import type { AccessDirectory, SessionResolver } from '../ports.ts';
import type { Repository } from '../storage/repository.ts';

const docEntrySchema = z
  .object({
    name: z.string(),
    kind: z.enum(docKinds),
    access: z.enum(['read', 'write']),
    title: z.string(),
    examId: z.string(),
    commissionId: z.string().optional(),
  })
  .openapi('DocEntry');
export type DocEntry = z.infer<typeof docEntrySchema>;

type Candidate = { ref: DocRef; title: string; examId: string; commissionId?: string };

/** Every document of the exams the actor has any role in; access is decided afterwards, per document. */
const candidateDocs = async (repo: Repository, actor: Actor): Promise<Candidate[]> => {
  const examIds = [...new Set(actor.grants.map((g) => g.examId))].sort();
  const out: Candidate[] = [];
  for (const examId of examIds) {
    const exam = await repo.exams.byId(examId);
    if (exam === null) continue;
    const label = examLabel(exam);
    out.push({ ref: { kind: 'exam', examId }, title: label, examId });
    out.push({ ref: { kind: 'progress', examId }, title: `${label}: progress`, examId });
    for (const c of await repo.commissions.ofExam(examId)) {
      const title = `${exam.course} ${c.name}`;
      out.push({ ref: { kind: 'commission', commissionId: c.id }, title, examId, commissionId: c.id });
      // Another person's private document is never readable (R20); only the actor's own is a candidate.
      out.push({
        ref: { kind: 'private', commissionId: c.id, userId: actor.userId },
        title: `${title}: private notes`,
        examId,
        commissionId: c.id,
      });
    }
    for (const a of await repo.appeals.ofExam(examId)) {
      out.push({
        ref: { kind: 'appeal', appealId: a.id },
        title: `${exam.course} appeal, candidate ${a.candidate}`,
        examId,
      });
    }
  }
  return out;
};

export const examLabel = (exam: Exam) => `${exam.course} ${exam.title}`;

/** The documents the actor may open, each with the access `docAccess` gives. */
export const listDocs = async (
  repo: Repository,
  directory: AccessDirectory,
  actor: Actor,
): Promise<DocEntry[]> => {
  const entries: DocEntry[] = [];
  for (const candidate of await candidateDocs(repo, actor)) {
    const resource = await directory.resourceOf(candidate.ref);
    if (resource === null) continue;
    const access = docAccess(actor, resource);
    if (access === 'none') continue;
    entries.push({
      name: docName(candidate.ref),
      kind: candidate.ref.kind,
      access,
      title: candidate.title,
      examId: candidate.examId,
      ...(candidate.commissionId === undefined ? {} : { commissionId: candidate.commissionId }),
    });
  }
  return entries.sort((a, b) => a.name.localeCompare(b.name));
};

export const createDocsRoutes = (opts: {
  repo: Repository;
  directory: AccessDirectory;
  sessions: SessionResolver;
}) => {
  const router = createRouter();
  const route = createRoute({
    method: 'get',
    path: '/docs',
    middleware: [requireUser(opts)] as const,
    summary: 'The documents the user may open, with read or write access',
    responses: {
      200: {
        description: 'The documents',
        content: { 'application/json': { schema: z.object({ docs: z.array(docEntrySchema) }) } },
      },
      ...errorResponses(401),
    },
  });
  router.openapi(route, async (c) =>
    c.json({ docs: await listDocs(opts.repo, opts.directory, c.get('actor')) }, 200),
  );
  return router;
};

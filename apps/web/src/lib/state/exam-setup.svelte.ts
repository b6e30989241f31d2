import { examSchema } from '@cograde/domain';
import { z } from 'zod';
import { api } from '../api.ts';
import type { ExamInput } from './exam-form.svelte.ts';
import { type Failure, failureOf } from './failure.ts';

const examBody = z.object({ exam: examSchema });
const setupSchema = z.object({
  exam: examSchema,
  candidates: z.number(),
  answers: z.object({ texts: z.number(), pdfs: z.number(), candidatesWithAnswers: z.number() }),
});
export type SetupSummary = z.infer<typeof setupSchema>;
const identitiesSchema = z.object({
  candidates: z.array(z.object({ number: z.string(), name: z.string(), studentId: z.string() })),
});
export type Identity = z.infer<typeof identitiesSchema>['candidates'][number];

export const examPath = (examId: string) => `/api/exams/${encodeURIComponent(examId)}`;

/** Creates a draft exam; its creator coordinates it. Resolves with the new exam's id. */
export const createExam = async (input: ExamInput): Promise<string> =>
  (await api('/api/exams', examBody, { method: 'POST', body: input })).exam.id;

/**
 * One exam's setup over REST: the stored exam with its candidate and answer counts, saving the details
 * while it is a draft, and marking it ready for grading (R1).
 */
export class ExamSetup {
  readonly examId: string;
  summary: SetupSummary | null = $state(null);
  /** Names and student ids: this screen is the coordinator's (R2). */
  candidates: Identity[] = $state([]);
  failure: Failure = $state(null);
  busy = $state(false);
  /** Set after a successful save, so the screen can say so. */
  saved = $state(false);

  constructor(examId: string) {
    this.examId = examId;
  }

  get draft(): boolean {
    return this.summary?.exam.status === 'draft';
  }

  async load() {
    await this.#run(() => this.#fetch());
  }

  async #fetch() {
    this.summary = await api(`${examPath(this.examId)}/setup`, setupSchema);
    this.candidates = (await api(`${examPath(this.examId)}/candidates`, identitiesSchema)).candidates;
  }

  async save(input: ExamInput) {
    this.saved = false;
    const ok = await this.#run(async () => {
      await api(examPath(this.examId), examBody, { method: 'PUT', body: input });
      await this.#fetch();
    });
    this.saved = ok;
    return ok;
  }

  async markReady() {
    this.saved = false;
    return this.#run(async () => {
      await api(`${examPath(this.examId)}/ready`, examBody, { method: 'POST', body: {} });
      await this.#fetch();
    });
  }

  async #run(work: () => Promise<void>): Promise<boolean> {
    this.busy = true;
    try {
      await work();
      this.failure = null;
      return true;
    } catch (e) {
      this.failure = failureOf(e);
      return false;
    } finally {
      this.busy = false;
    }
  }
}

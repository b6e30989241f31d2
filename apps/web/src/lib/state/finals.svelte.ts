import { z } from 'zod';
import { api } from '../api.ts';
import { type Failure, failureOf } from './failure.ts';

/** R15: the registered final grades the grading supervisor may read, by candidate number only. */

export const finalsSchema = z.object({
  examId: z.string(),
  commissions: z.array(
    z.object({
      commissionId: z.string(),
      name: z.string(),
      purpose: z.string(),
      candidates: z.number(),
      finals: z.array(z.object({ candidate: z.string(), grade: z.string() })),
    }),
  ),
});
export type Finals = z.infer<typeof finalsSchema>;

export class FinalsState {
  readonly examId: string;
  finals: Finals | null = $state(null);
  failure: Failure = $state(null);
  loaded = $state(false);

  constructor(examId: string) {
    this.examId = examId;
  }

  async load() {
    try {
      this.finals = await api(`/api/exams/${encodeURIComponent(this.examId)}/final-grades`, finalsSchema);
      this.failure = null;
    } catch (e) {
      this.failure = failureOf(e);
    } finally {
      this.loaded = true;
    }
  }
}

import { type SampleView, sampleViewSchema } from '@cograde/domain';
import { z } from 'zod';
import { api } from '../api.ts';
import { type Failure, failureOf } from './failure.ts';

/** R8: the second examiner's sample of one commission, and the coordinator's choice for it. */

export type Sample = SampleView;

export class SampleState {
  readonly commissionId: string;
  sample: Sample | null = $state(null);
  failure: Failure = $state(null);
  busy = $state(false);

  constructor(commissionId: string) {
    this.commissionId = commissionId;
  }

  get #path() {
    return `/api/commissions/${encodeURIComponent(this.commissionId)}/second-examiner-sample`;
  }

  async load() {
    try {
      this.sample = await api(this.#path, sampleViewSchema);
      this.failure = null;
    } catch (e) {
      this.failure = failureOf(e);
    }
  }

  /** The first examiner's flags on a paper (R8); the sample is read again with them. */
  async flag(candidate: string, flags: { difficult: boolean; closeToFail: boolean }) {
    this.busy = true;
    try {
      await api(
        `/api/commissions/${encodeURIComponent(this.commissionId)}/candidates/${encodeURIComponent(candidate)}/sample-flags`,
        z.unknown(),
        { method: 'PUT', body: flags },
      );
      this.sample = await api(this.#path, sampleViewSchema);
      this.failure = null;
    } catch (e) {
      this.failure = failureOf(e);
    } finally {
      this.busy = false;
    }
  }

  /** The coordinator's choice for this commission, with the reason; `exam` follows the exam's policy. */
  async choose(policy: 'rule' | 'all' | 'exam', reason: string) {
    this.busy = true;
    try {
      this.sample = await api(this.#path, sampleViewSchema, { method: 'PUT', body: { policy, reason } });
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

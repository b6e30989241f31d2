import { z } from 'zod';
import { api } from '../api.ts';
import { type Failure, failureOf } from './failure.ts';

const personSchema = z.object({
  userId: z.string(),
  username: z.string(),
  displayName: z.string(),
  login: z.enum(['password', 'oidc']),
  issuer: z.string().optional(),
});
export type Person = z.infer<typeof personSchema>;

export type NewPerson =
  | { login: 'password'; username: string; displayName: string; password: string }
  | { login: 'oidc'; username: string; displayName: string; issuer: string; subject: string };

/** The people commissions are formed from (`GET /api/people`), and new examiner accounts. */
export class People {
  list: Person[] = $state([]);
  failure: Failure = $state(null);
  busy = $state(false);
  created: Person | null = $state(null);

  async load() {
    try {
      this.list = (await api('/api/people', z.object({ people: z.array(personSchema) }))).people;
      this.failure = null;
    } catch (e) {
      this.failure = failureOf(e);
    }
  }

  async create(person: NewPerson): Promise<boolean> {
    this.busy = true;
    this.created = null;
    try {
      this.created = await api('/api/people', personSchema, { method: 'POST', body: person });
      this.failure = null;
      await this.load();
      return true;
    } catch (e) {
      this.failure = failureOf(e);
      return false;
    } finally {
      this.busy = false;
    }
  }
}

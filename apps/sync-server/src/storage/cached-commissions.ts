import type { Commission } from '@cograde/domain';
import type { CommissionRepository, Membership } from './repository.ts';

const freeze = (commission: Commission): Commission => {
  for (const member of commission.members) Object.freeze(member);
  Object.freeze(commission.members);
  Object.freeze(commission.candidates);
  Object.freeze(commission.split);
  return Object.freeze(commission);
};

/**
 * The commissions in memory, for a single instance (SQLite): every connection asks its access again
 * every few seconds, and the progress recount reads an exam's commissions after edits; neither should
 * cost a query. Every write goes through `put`, which empties the cache; a read that started before a
 * write is not kept. What is handed out is frozen, so one caller cannot change another's copy. With
 * several instances (PostgreSQL) another instance can write, so they read the database instead.
 */
export const cachedCommissions = (inner: CommissionRepository): CommissionRepository => {
  const byId = new Map<string, Commission | null>();
  const ofExam = new Map<string, Commission[]>();
  const memberships = new Map<string, Membership[]>();
  let version = 0;
  const cached = async <T>(map: Map<string, T>, key: string, read: () => Promise<T>): Promise<T> => {
    if (map.has(key)) return map.get(key) as T;
    const before = version;
    const value = await read();
    if (version === before) map.set(key, value);
    return value;
  };
  return {
    async put(commission) {
      version++;
      byId.clear();
      ofExam.clear();
      memberships.clear();
      try {
        await inner.put(commission);
      } finally {
        version++;
        byId.clear();
        ofExam.clear();
        memberships.clear();
      }
    },
    byId: (id) =>
      cached(byId, id, async () => {
        const commission = await inner.byId(id);
        return commission === null ? null : freeze(commission);
      }),
    ofExam: (examId) =>
      cached(
        ofExam,
        examId,
        async () => Object.freeze((await inner.ofExam(examId)).map(freeze)) as Commission[],
      ),
    membershipsOf: (userId) =>
      cached(
        memberships,
        userId,
        async () =>
          Object.freeze((await inner.membershipsOf(userId)).map((m) => Object.freeze(m))) as Membership[],
      ),
  };
};

import { docName, progressDoc, rootMap } from '@cograde/domain';
import { describe, expect } from 'vitest';
import { fixedClock, itOnSharedApp as it } from '../testing/demo-app.ts';
import { createProgressRecount } from './progress-recount.ts';

const progressOf = docName({ kind: 'progress', examId: 'inf1010' });

describe('progress recount after edits', () => {
  it('R14 recounts the commissions of one exam edited together in one write of its progress document', async ({
    t,
  }) => {
    const recount = createProgressRecount({ repo: t.storage.repo, writer: t.writer, clock: fixedClock }, 20);
    // Stale entries, so that the recount has something to write for both commissions.
    await t.writer.transact(progressOf, (doc) => {
      const map = rootMap(doc, 'progress', 'commissions');
      for (const id of ['K1', 'K2']) map.set(id, { ...(map.get(id) as object), graded: -1 });
    });
    const stored = () => t.storage.docs.entryCount(progressOf);
    const before = await stored();
    try {
      for (let i = 0; i < 5; i++) {
        recount.edited(docName({ kind: 'commission', commissionId: 'K1' }));
        recount.edited(docName({ kind: 'commission', commissionId: 'K2' }));
      }
      await new Promise((resolve) => setTimeout(resolve, 300));
      const entries = await t.writer.read(progressOf, (d) => progressDoc(d).commissions());
      const graded = Object.fromEntries(entries.map((p) => [p.commissionId, p.graded]));
      expect(graded.K1).toBe(12);
      expect(graded.K2).toBe(4);
      // One update stored for both commissions.
      expect((await stored()) - before).toBe(1);
    } finally {
      recount.stop();
    }
  });
});

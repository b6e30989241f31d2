import {
  type Commission,
  commissionDoc,
  commissionSample,
  type Exam,
  type SampleView,
} from '@cograde/domain';
import type { DocWriter } from '../ports.ts';
import { commissionDocName } from './commission-doc.ts';

/** R8: the second examiner's sample of a commission as its document stands now (`commissionSample`). */
export const sampleOf = (writer: DocWriter, exam: Exam, commission: Commission): Promise<SampleView> =>
  writer.read(commissionDocName(commission.id), (doc) =>
    commissionSample(exam, commission, commissionDoc(doc)),
  );

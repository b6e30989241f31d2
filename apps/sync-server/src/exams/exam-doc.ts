import { docName, type Exam, rootMap } from '@cograde/domain';
import type { DocWriter } from '../ports.ts';

/**
 * Writes the exam into its `exam:<examId>` document, which examiners of the exam read: the exam's
 * details, questions, scale and policies, never candidates' names or student ids (R2). The demo seed
 * and exam setup both write it here.
 */
export const writeExamDoc = (writer: DocWriter, exam: Exam) =>
  writer.transact(docName({ kind: 'exam', examId: exam.id }), (doc) => {
    rootMap(doc, 'exam', 'exam').set('exam', exam);
  });

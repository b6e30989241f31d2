import { docName, type Exam, rootMap } from '@cograde/domain';
import type { DocWriter } from '../ports.ts';
import type { Repository } from '../storage/repository.ts';

/**
 * What every examiner of the exam may read of it, appeal examiners included: without the coordinator's
 * per-commission sample choices, whose reasons are free text about an ordinary commission's grading
 * (R9, R15). Coordinators read those over REST, from the exam record.
 */
const examForDocument = ({ sampleOverrides: _, ...exam }: Exam): Exam => exam;

/**
 * Writes the exam into its `exam:<examId>` document, which examiners of the exam read: the exam's
 * details, questions, scale and policies, never candidates' names or student ids (R2). Every writer of
 * the document (the demo seed, exam setup, question changes, oversight settings) writes it here.
 */
export const writeExamDoc = (writer: DocWriter, exam: Exam) =>
  writer.transact(docName({ kind: 'exam', examId: exam.id }), (doc) => {
    rootMap(doc, 'exam', 'exam').set('exam', examForDocument(exam));
  });

/**
 * Stores a changed exam: the record first, since every later read goes by it, then the document
 * examiners read.
 */
export const saveExam = async (deps: { repo: Repository; writer: DocWriter }, exam: Exam) => {
  await deps.repo.exams.put(exam);
  await writeExamDoc(deps.writer, exam);
};

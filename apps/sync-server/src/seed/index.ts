import {
  addWorkingDays,
  type Candidate,
  type Commission,
  candidateKey,
  candidateUserKey,
  docName,
  type Exam,
  type Grade,
  type Marks,
  markKey,
  proposedGrade,
  rootMap,
  textKey,
} from '@cograde/domain';
import { writeCommissionDoc } from '../commissions/commission-doc.ts';
import { writeExamDoc } from '../exams/exam-doc.ts';
import type { Clock, DocWriter } from '../ports.ts';
import { refreshProgress } from '../progress/index.ts';
import type { Repository } from '../storage/repository.ts';
import { answerText, choiceOf, type Level, levelOf } from './demo-answers.ts';
import { auditDemo } from './demo-audit.ts';
import {
  appealId,
  demoCommissions,
  exphil,
  exphilAbsent,
  exphilCandidates,
  inf1010,
  inf1010Candidates,
  inf1010Id,
} from './demo-exams.ts';
import { autoPointsOf, marksForPercent, targetPercentFor } from './demo-marks.ts';
import {
  demoPassword,
  demoUsers,
  displayNameOf,
  exphilNames,
  inf1010Names,
  studentIdOf,
} from './demo-people.ts';
import { minimalPdf } from './minimal-pdf.ts';

export { demoPassword, demoUsers } from './demo-people.ts';

export type SeedOptions = {
  repo: Repository;
  /** Writes the documents' initial content; a store writer with a fixed client id keeps the seed deterministic. */
  writer: DocWriter;
  clock: Clock;
  hashPassword: (password: string) => Promise<string>;
};

/** Candidates 101–106 are registered, one of each grade (DEMO.md). */
const registered: ReadonlyArray<[string, Grade]> = [
  ['101', 'A'],
  ['102', 'B'],
  ['103', 'C'],
  ['104', 'D'],
  ['105', 'E'],
  ['106', 'F'],
];
const levelOfGrade: Record<string, Level> = {
  A: 'strong',
  B: 'strong',
  C: 'fair',
  D: 'fair',
  E: 'weak',
  F: 'weak',
};
const markedUnconfirmed = ['107', '108', '109', '110', '111', '112'];
const markedInK2 = ['121', '122', '123', '124'];
const flagged = '110';
/** Two candidates handed in Q8 as a PDF (a scanned sketch of their class); it comes with the text. */
const pdfAnswers = new Set(['104', '115']);
const pdfLines = (candidate: string, text: string) => [
  `INF1010 - candidate ${candidate} - Q8 Generics and iterators`,
  '',
  ...(text.match(/.{1,80}(\s|$)/g) ?? [text]).map((line) => line.trim()),
  '',
  'class Bag<T> implements Iterable<T> {',
  '  private T[] items; private int size;',
  '  public Iterator<T> iterator() { return new BagIterator(); }',
  '}',
];

const explanationFor: Record<string, string> = {
  A: 'Excellent throughout: precise explanations, a clean class design and correct, well-reasoned code for the list and the iterator.',
  B: 'Very good: the concepts are explained well and the code works; the exception design and the iterator lack a few details.',
  C: 'Good: solid understanding of encapsulation and interfaces; the linked-list removal misses the head case and the exception design is thin.',
  D: 'Satisfactory: the basic concepts are right, but the class design and the code answers are incomplete.',
  E: 'Sufficient: some understanding of the core concepts; most code answers are missing or do not work.',
  F: 'Fail: the answers show too little understanding of object-oriented programming to pass.',
};

const hoursBefore = (now: Date, hours: number) => new Date(now.getTime() - hours * 3_600_000).toISOString();

/** True when there was nothing to seed into, i.e. the demo was written now. */
export const seedDemoIfEmpty = async (opts: SeedOptions): Promise<boolean> => {
  if (!(await opts.repo.isEmpty())) return false;
  await seedDemo(opts);
  return true;
};

export const seedDemo = async ({ repo, writer, clock, hashPassword }: SeedOptions): Promise<void> => {
  const now = clock.now();
  const passwordHash = await hashPassword(demoPassword);
  for (const user of demoUsers) {
    await repo.users.create({ ...user, passwordHash, oidc: null }, now);
  }

  const today = now.toISOString().slice(0, 10);
  const written = inf1010(addWorkingDays(today, -7));
  const oral = exphil(addWorkingDays(today, -2));
  for (const exam of [written, oral]) {
    await repo.exams.put(exam);
    await repo.exams.addGrant({ userId: 'coordinator', examId: exam.id, role: 'coordinator' });
    await repo.exams.addGrant({ userId: 'supervisor', examId: exam.id, role: 'supervisor' });
    await writeExamDoc(writer, exam);
  }

  const candidates = (names: readonly string[], numbers: readonly string[], examIndex: number) =>
    numbers.map(
      (number, i): Candidate => ({
        number,
        name: names[i] ?? number,
        studentId: studentIdOf(examIndex, i),
        attended: !(examIndex === 1 && exphilAbsent.has(number)),
      }),
    );
  await repo.exams.putCandidates(written.id, candidates(inf1010Names, inf1010Candidates, 0));
  await repo.exams.putCandidates(oral.id, candidates(exphilNames, exphilCandidates, 1));

  const levels = new Map<string, Level>(registered.map(([c, g]) => [c, levelOfGrade[g] ?? 'fair']));
  for (const candidate of inf1010Candidates) {
    for (const [index, q] of written.questions.entries()) {
      const text =
        q.scoring === 'auto'
          ? choiceOf(Number(candidate), index)
          : answerText(Number(candidate), q.id, levels.get(candidate) ?? levelOf(Number(candidate)));
      const pdf =
        q.id === 'q8' && pdfAnswers.has(candidate) ? minimalPdf(pdfLines(candidate, text)) : undefined;
      await repo.exams.putAnswer({
        examId: written.id,
        candidate,
        questionId: q.id,
        text,
        ...(pdf ? { pdf } : {}),
      });
    }
  }

  const commissions = demoCommissions((id) => displayNameOf(id as never));
  for (const c of commissions) await repo.commissions.put(c);
  const byId = (id: string) => commissions.find((c) => c.id === id) as Commission;

  await writeCommission(writer, written, byId('K1'), (doc) => {
    const marks = rootMap(doc, 'commission', 'marks');
    const confirmations = rootMap(doc, 'commission', 'confirmations');
    const finals = rootMap(doc, 'commission', 'finals');
    const texts = rootMap(doc, 'commission', 'texts');
    registered.forEach(([candidate, grade], i) => {
      for (const [q, points] of Object.entries(registeredMarks(written, candidate, grade))) {
        marks.set(markKey(candidate, q), points);
      }
      texts.set(textKey(candidate, 'explanation'), explanationFor[grade] ?? '');
      const at = hoursBefore(now, 30 - i);
      for (const member of byId('K1').members) {
        confirmations.set(candidateUserKey(candidate, member.userId), { userId: member.userId, grade, at });
      }
      finals.set(candidateKey(candidate), {
        grade,
        registeredBy: 'examiner1',
        registeredAt: at,
        source: 'commission',
      });
    });
    for (const candidate of markedUnconfirmed) {
      const auto = autoPointsOf(written, candidate);
      const target = { strong: 85, fair: 66, weak: 42 }[levelOf(Number(candidate))];
      for (const [q, points] of Object.entries(marksForPercent(written, candidate, target, auto))) {
        marks.set(markKey(candidate, q), points);
      }
    }
    rootMap(doc, 'commission', 'holds').set(candidateKey(flagged), {
      kind: 'cheating',
      flaggedAt: hoursBefore(now, 20),
      flaggedBy: 'examiner2',
    });
  });

  await writeCommission(writer, written, byId('K2'), (doc) => {
    const marks = rootMap(doc, 'commission', 'marks');
    for (const candidate of markedInK2) {
      const auto = autoPointsOf(written, candidate);
      const target = { strong: 88, fair: 70, weak: 45 }[levelOf(Number(candidate))];
      for (const [q, points] of Object.entries(marksForPercent(written, candidate, target, auto))) {
        marks.set(markKey(candidate, q), points);
      }
    }
    // Examiner3 has started on 125: only their first questions have points.
    const partial = marksForPercent(written, '125', 60, autoPointsOf(written, '125'));
    for (const q of ['q3', 'q4', 'q5']) marks.set(markKey('125', q), partial[q] ?? 0);
  });
  await writeCommission(writer, written, byId('A1'), () => {});
  await writeCommission(writer, oral, byId('K3'), () => {});

  const registeredAt = hoursBefore(now, 6);
  await repo.appeals.put({
    id: appealId,
    examId: inf1010Id,
    candidate: '103',
    ordinaryCommissionId: 'K1',
    appealCommissionId: 'A1',
    reasons:
      'I believe my answer to Q6 was correct: my remove() handles the first node in the loop condition. I also think Q7 deserves more than half of the points.',
    registeredAt,
    status: 'grading',
  });
  await writer.transact(docName({ kind: 'appeal', appealId }), (doc) => {
    rootMap(doc, 'appeal', 'record').set('appeal', {
      appealId,
      examId: inf1010Id,
      candidate: '103',
      commissionId: 'A1',
      registeredAt,
      status: 'grading',
    });
  });

  await auditDemo(repo, now, registered, flagged);
  for (const exam of [written, oral]) await refreshProgress({ repo, writer, clock }, exam.id);
};

/** The marks of a registered candidate: points whose grade on the scale is the registered one. */
export const registeredMarks = (exam: Exam, candidate: string, grade: Grade): Marks => {
  const auto = autoPointsOf(exam, candidate);
  const marks = marksForPercent(exam, candidate, targetPercentFor(exam.scale, grade), auto);
  const got = proposedGrade(exam, marks, auto);
  if (!got.ok || got.grade !== grade) throw new Error(`demo seed: ${candidate} would not get ${grade}`);
  return marks;
};

/** The demo's commission documents, written like every formed commission's (`writeCommissionDoc`). */
const writeCommission = (
  writer: DocWriter,
  exam: Exam,
  commission: Commission,
  more: (doc: import('yjs').Doc) => void,
) =>
  writeCommissionDoc(
    writer,
    commission,
    (candidate) => ({
      attended: !(exam.id === 'exphil03' && exphilAbsent.has(candidate)),
      auto: autoPointsOf(exam, candidate),
    }),
    more,
  );

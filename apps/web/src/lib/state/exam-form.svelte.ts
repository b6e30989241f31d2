import {
  choicesOf,
  defaultPolicies,
  type Exam,
  type ExamKind,
  examKinds,
  letterGrades,
  type Policies,
  type Question,
} from '@cograde/domain';

/**
 * The exam details form as a coordinator fills it in: plain strings and numbers bound to inputs, turned
 * into the API's exam input (`POST /api/exams`, `PUT /api/exams/:examId`) by `toInput`. The server checks
 * it against the domain's exam schema and answers with the reason when something is off.
 */
export type QuestionRow = {
  id: string;
  label: string;
  maxPoints: number;
  weight: number;
  scoring: 'manual' | 'auto';
  /** Auto-scored: the correct choices, separated by commas, e.g. "B" or "A, C". */
  answerKey: string;
};

export type ExamInput = Omit<Exam, 'id' | 'status' | 'sampleOverrides'>;

export { examKinds };
export const thresholdGrades = letterGrades.filter((g) => g !== 'F') as Array<'A' | 'B' | 'C' | 'D' | 'E'>;

/** 2026-11-23 → 2026autumn; January to June is spring. */
export const termOf = (date: string) =>
  /^\d{4}-\d{2}/.test(date)
    ? `${date.slice(0, 4)}${Number(date.slice(5, 7)) <= 6 ? 'spring' : 'autumn'}`
    : '';

/** The next free question id: q1, q2 … after the highest one in use. */
export const nextQuestionId = (questions: readonly { id: string }[]): string => {
  const used = questions.map((q) => Number(/^q(\d+)$/.exec(q.id)?.[1] ?? 0));
  return `q${Math.max(0, ...used) + 1}`;
};

export class ExamForm {
  course = $state('');
  title = $state('');
  date = $state('');
  term = $state('');
  kind: ExamKind = $state('written');
  questions: QuestionRow[] = $state([]);
  scaleKind: 'letter' | 'passFail' = $state('letter');
  thresholds: Record<'A' | 'B' | 'C' | 'D' | 'E', number> = $state({ A: 90, B: 77, C: 65, D: 53, E: 40 });
  passAt = $state(40);
  policies: Policies = $state(defaultPolicies());

  constructor(today: string, exam?: Exam) {
    this.date = today;
    this.term = termOf(today);
    if (exam !== undefined) this.fill(exam);
  }

  /** The form shows the stored exam. */
  fill(exam: Exam) {
    this.course = exam.course;
    this.title = exam.title;
    this.date = exam.date;
    this.term = exam.term;
    this.kind = exam.kind;
    this.questions = exam.questions.map((q) => ({
      id: q.id,
      label: q.label,
      maxPoints: q.maxPoints,
      weight: q.weight,
      scoring: q.scoring,
      answerKey: (q.answerKey ?? []).join(', '),
    }));
    if (exam.scale.kind === 'letter') {
      this.scaleKind = 'letter';
      this.thresholds = { ...exam.scale.thresholds };
    } else {
      this.scaleKind = 'passFail';
      this.passAt = exam.scale.passAt;
    }
    this.policies = { ...exam.policies };
  }

  /** The date decides the term until the coordinator picks another. */
  setDate(date: string) {
    if (this.term === '' || this.term === termOf(this.date)) this.term = termOf(date);
    this.date = date;
  }

  addQuestion() {
    const id = nextQuestionId(this.questions);
    this.questions.push({
      id,
      label: `${id.toUpperCase()}`,
      maxPoints: 10,
      weight: 1,
      scoring: 'manual',
      answerKey: '',
    });
  }

  removeQuestion(index: number) {
    this.questions.splice(index, 1);
  }

  moveQuestion(index: number, by: -1 | 1) {
    const to = index + by;
    if (to < 0 || to >= this.questions.length) return;
    const [q] = this.questions.splice(index, 1);
    if (q !== undefined) this.questions.splice(to, 0, q);
  }

  toInput(): ExamInput {
    const questions: Question[] = this.questions.map((q) => ({
      id: q.id,
      label: q.label.trim(),
      maxPoints: Number(q.maxPoints),
      weight: Number(q.weight),
      scoring: q.scoring,
      ...(q.scoring === 'auto' ? { answerKey: choicesOf(q.answerKey) } : {}),
    }));
    return {
      course: this.course.trim(),
      title: this.title.trim(),
      term: this.term,
      date: this.date,
      kind: this.kind,
      questions,
      scale:
        this.scaleKind === 'letter'
          ? { kind: 'letter', thresholds: { ...this.thresholds } }
          : { kind: 'passFail', passAt: Number(this.passAt) },
      policies: { ...this.policies, gradingDeadline: Number(this.policies.gradingDeadline) },
    };
  }
}

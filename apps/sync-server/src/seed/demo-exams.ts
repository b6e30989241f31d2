import { type Commission, defaultPolicies, type Exam } from '@cograde/domain';
import { exphilNames, inf1010Names } from './demo-people.ts';

/** The two demo exams and their commissions (DEMO.md), for a given exam date. */

export const inf1010Id = 'inf1010';
export const exphilId = 'exphil03';
export const appealId = 'appeal-103';

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => String(from + i));

export const inf1010Candidates = range(101, 100 + inf1010Names.length);
export const exphilCandidates = range(201, 200 + exphilNames.length);
/** Two EXPHIL03 candidates did not turn up (R13). */
export const exphilAbsent = new Set(['205', '211']);

export const termOf = (date: string) =>
  `${date.slice(0, 4)}${Number(date.slice(5, 7)) <= 6 ? 'spring' : 'autumn'}`;

export const inf1010 = (date: string): Exam => ({
  id: inf1010Id,
  course: 'INF1010',
  title: 'Object-oriented programming',
  term: termOf(date),
  date,
  kind: 'written',
  status: 'ready',
  questions: [
    { id: 'q1', label: 'Q1 Access modifiers', maxPoints: 2, weight: 1, scoring: 'auto', answerKey: ['B'] },
    { id: 'q2', label: 'Q2 Collections', maxPoints: 2, weight: 1, scoring: 'auto', answerKey: ['D'] },
    { id: 'q3', label: 'Q3 Encapsulation', maxPoints: 10, weight: 1, scoring: 'manual' },
    { id: 'q4', label: 'Q4 Interfaces and abstract classes', maxPoints: 10, weight: 1, scoring: 'manual' },
    { id: 'q5', label: 'Q5 Class design: a library', maxPoints: 15, weight: 1, scoring: 'manual' },
    { id: 'q6', label: 'Q6 A linked list', maxPoints: 15, weight: 1, scoring: 'manual' },
    { id: 'q7', label: 'Q7 Exceptions', maxPoints: 20, weight: 1, scoring: 'manual' },
    { id: 'q8', label: 'Q8 Generics and iterators', maxPoints: 20, weight: 1, scoring: 'manual' },
  ],
  scale: { kind: 'letter', thresholds: { A: 90, B: 77, C: 65, D: 53, E: 40 } },
  policies: defaultPolicies(),
  materials: {
    guidelines: [
      'Q1–Q2 are scored from the answer key.',
      'Q3: full marks need what encapsulation is (private state behind methods) and why (invariants, freedom to change the representation).',
      'Q5: reward a design with clear responsibilities (Library, Book, Loan) over one that puts everything in one class; an unused class costs points.',
      'Q6: a working add/remove with the edge cases (empty list, last element) gives 12 of 15; an iterator gives the rest.',
      'Q7: checked versus unchecked exceptions, with an example of each, and when to catch.',
      'Q8: a generic class with a bounded type and an Iterator implementation; syntax slips cost at most 2 points.',
    ].join('\n'),
    courseDescription:
      'INF1010 Object-oriented programming (10 ECTS). Classes and objects, encapsulation, inheritance and interfaces, generics, collections, exceptions, linked structures and iterators, in Java.',
    syllabus:
      'Lecture notes, weeks 1–13\nHorstmann: Core Java, Volume I, chapters 1–9\nThe four mandatory assignments',
  },
});

export const exphil = (date: string): Exam => ({
  id: exphilId,
  course: 'EXPHIL03',
  title: 'Examen philosophicum',
  term: termOf(date),
  date,
  kind: 'oral',
  status: 'ready',
  questions: [],
  scale: { kind: 'passFail', passAt: 40 },
  policies: defaultPolicies(),
});

const member = (
  userId: string,
  displayName: string,
  affiliation: 'internal' | 'external',
  firstTime = false,
) => ({
  userId,
  displayName,
  affiliation,
  firstTime,
  extra: false,
});

export const demoCommissions = (names: (id: string) => string): Commission[] => [
  {
    id: 'K1',
    examId: inf1010Id,
    name: 'K1',
    purpose: 'ordinary',
    members: [
      member('examiner1', names('examiner1'), 'internal'),
      member('examiner2', names('examiner2'), 'external'),
    ],
    candidates: inf1010Candidates.slice(0, 20),
    // A suggestion only: INF1010 does not enforce the split (R4).
    split: {
      q3: 'examiner1',
      q4: 'examiner1',
      q5: 'examiner1',
      q6: 'examiner2',
      q7: 'examiner2',
      q8: 'examiner2',
    },
  },
  {
    id: 'K2',
    examId: inf1010Id,
    name: 'K2',
    purpose: 'ordinary',
    members: [
      member('examiner3', names('examiner3'), 'internal', true),
      member('examiner2', names('examiner2'), 'external'),
    ],
    candidates: inf1010Candidates.slice(20),
    split: {},
  },
  {
    id: 'A1',
    examId: inf1010Id,
    name: 'A1 (appeal)',
    purpose: 'appeal',
    members: [
      member('appeal1', names('appeal1'), 'external'),
      member('appeal2', names('appeal2'), 'internal'),
    ],
    candidates: ['103'],
    split: {},
  },
  {
    id: 'K3',
    examId: exphilId,
    name: 'K3',
    purpose: 'ordinary',
    members: [
      member('examiner1', names('examiner1'), 'internal'),
      member('examiner3', names('examiner3'), 'internal', true),
    ],
    candidates: exphilCandidates,
    split: {},
  },
];

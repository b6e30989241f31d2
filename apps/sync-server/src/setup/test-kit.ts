import { testPolicies } from '@cograde/domain/testing';
import ExcelJS from 'exceljs';
import { type DemoApp, testOrigin } from '../testing/demo-app.ts';
import type { ExamInput } from './exam-input.ts';

/** A new written exam as a coordinator would fill in the form: two manual questions and one auto. */
export const examInput = (overrides: Partial<ExamInput> = {}): ExamInput => ({
  course: 'INF2220',
  title: 'Algorithms and data structures',
  term: '2026autumn',
  date: '2026-11-20',
  kind: 'written',
  questions: [
    { id: 'q1', label: 'Q1 Sorting', maxPoints: 2, weight: 1, scoring: 'auto', answerKey: ['B'] },
    { id: 'q2', label: 'Q2 Graphs', maxPoints: 10, weight: 1, scoring: 'manual' },
    { id: 'q3', label: 'Q3 Hashing', maxPoints: 10, weight: 2, scoring: 'manual' },
  ],
  scale: { kind: 'letter', thresholds: { A: 90, B: 77, C: 65, D: 53, E: 40 } },
  policies: testPolicies(),
  ...overrides,
});

export const base64 = (bytes: Uint8Array | string) => Buffer.from(bytes).toString('base64');

export const xlsx = async (rows: ReadonlyArray<ReadonlyArray<string | number>>): Promise<Buffer> => {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Sheet1');
  for (const row of rows) sheet.addRow([...row]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
};

export const put = (t: DemoApp, path: string, cookie: string, body: unknown) =>
  t.app.request(path, {
    method: 'PUT',
    headers: { cookie, origin: testOrigin, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

/** Creates the exam as `cookie`'s user and returns its id. */
export const createExam = async (t: DemoApp, cookie: string, input = examInput()): Promise<string> => {
  const res = await t.post('/api/exams', cookie, input);
  if (res.status !== 201) throw new Error(`create exam: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { exam: { id: string } }).exam.id;
};

export const candidatesCsv = [
  'candidate,name,student id',
  '301,Kari Nordmann,s300001',
  '302,Per Hansen,s300002',
  '303,Siri Dahl,s300003',
].join('\n');

export const importCandidates = async (t: DemoApp, cookie: string, examId: string, csv = candidatesCsv) => {
  const res = await t.post(`/api/exams/${examId}/candidate-imports`, cookie, {
    fileName: 'candidates.csv',
    content: base64(csv),
    accept: true,
  });
  if (res.status !== 200) throw new Error(`import candidates: ${res.status}`);
};

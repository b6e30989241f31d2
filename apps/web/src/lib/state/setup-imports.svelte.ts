import { answerPdfTarget } from '@cograde/domain';
import { z } from 'zod';
import { api } from '../api.ts';
import { formatOf, toBase64 } from './exam-admin.svelte.ts';
import { examPath } from './exam-setup.svelte.ts';
import { type Failure, failureOf } from './failure.ts';

const invalidRow = z.object({
  row: z.number(),
  reason: z.string(),
  message: z.string(),
  detail: z.string().optional(),
  number: z.string().optional(),
  candidate: z.string().optional(),
  question: z.string().optional(),
});
const sheetReportSchema = z.object({
  fileName: z.string(),
  accepted: z.boolean(),
  valid: z.array(
    z.object({
      row: z.number(),
      number: z.string().optional(),
      name: z.string().optional(),
      studentId: z.string().optional(),
      candidate: z.string().optional(),
      questionId: z.string().optional(),
    }),
  ),
  invalid: z.array(invalidRow),
});
export type SheetReport = z.infer<typeof sheetReportSchema>;

/**
 * A candidate list or answer texts from a .csv/.xlsx file: checking reports every invalid row and changes
 * nothing; accepting sends the same file again with `accept`, and the server stores the valid rows.
 */
export class SheetImport {
  readonly path: string;
  report: SheetReport | null = $state(null);
  failure: Failure = $state(null);
  busy = $state(false);
  #file: { fileName: string; bytes: Uint8Array } | null = null;

  constructor(examId: string, kind: 'candidate-imports' | 'answer-imports') {
    this.path = `${examPath(examId)}/${kind}`;
  }

  check(fileName: string, bytes: Uint8Array) {
    this.#file = { fileName, bytes };
    return this.#send(false);
  }

  accept() {
    return this.#send(true);
  }

  async #send(accept: boolean): Promise<boolean> {
    const file = this.#file;
    if (file === null) return false;
    const format = formatOf(file.fileName);
    this.busy = true;
    try {
      this.report = await api(this.path, sheetReportSchema, {
        method: 'POST',
        body: {
          fileName: file.fileName,
          ...(format ? { format } : {}),
          content: toBase64(file.bytes),
          accept,
        },
      });
      this.failure = null;
      return true;
    } catch (e) {
      this.failure = failureOf(e);
      return false;
    } finally {
      this.busy = false;
    }
  }
}

export type PdfFile = { name: string; bytes: () => Promise<Uint8Array> };
export type PdfOutcome = { fileName: string; ok: boolean; message: string };

/**
 * PDF answers, one request per file so that the progress bar moves as each one is stored. A file's name
 * says whose answer it is and to which question (`101-q3.pdf`); a file whose name does not is reported,
 * not sent.
 */
export class PdfUpload {
  readonly examId: string;
  total = $state(0);
  done = $state(0);
  busy = $state(false);
  outcomes: PdfOutcome[] = $state([]);

  constructor(examId: string) {
    this.examId = examId;
  }

  get percent(): number {
    return this.total === 0 ? 0 : Math.round((this.done / this.total) * 100);
  }

  async upload(files: readonly PdfFile[], badName: (fileName: string) => string) {
    this.busy = true;
    this.total = files.length;
    this.done = 0;
    this.outcomes = [];
    for (const file of files) {
      const target = answerPdfTarget(file.name);
      if (target === null) {
        this.outcomes.push({ fileName: file.name, ok: false, message: badName(file.name) });
      } else {
        try {
          const path = `${examPath(this.examId)}/answers/${target.candidate}/${encodeURIComponent(target.questionId)}/pdf`;
          await api(path, z.unknown(), {
            method: 'PUT',
            body: { fileName: file.name, content: toBase64(await file.bytes()) },
          });
          this.outcomes.push({ fileName: file.name, ok: true, message: '' });
        } catch (e) {
          this.outcomes.push({ fileName: file.name, ok: false, message: failureOf(e).message });
        }
      }
      this.done++;
    }
    this.busy = false;
  }
}

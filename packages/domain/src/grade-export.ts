import type { CandidateNumber } from './ids.ts';
import type { FinalGrade } from './records.ts';
import { ok, type Result, refuse } from './result.ts';
import type { Grade } from './scale.ts';
import { thirdGradingNeeded } from './third-grading.ts';

/** One candidate as the export sees them: the registered final grade, if any, and whether they are held. */
export type ExportCandidate = {
  candidate: CandidateNumber;
  studentId: string;
  attended: boolean;
  final: FinalGrade | undefined;
  /** R11: flagged for suspected cheating and not yet resolved. */
  held: boolean;
};

export type ExportRow = { candidate: CandidateNumber; studentId: string; grade: Grade };

export type GradeExport = {
  rows: ExportRow[];
  /** Attended candidates without a registered grade: left out of a partial export, named to the coordinator. */
  missing: CandidateNumber[];
  /** R11: results held back while a suspicion stands; never in the file, and never said why in it. */
  withheld: CandidateNumber[];
};

/**
 * The registered grade that counts for a candidate, from the commissions that graded them (R9, R10): a
 * third grading's grade; else an appeal grade, unless it is two or more steps from the ordinary grade and
 * so waits for a third grading (nothing counts yet); else the ordinary grade.
 */
export const countingFinal = (finals: {
  ordinary?: FinalGrade | undefined;
  appeal?: FinalGrade | undefined;
  third?: FinalGrade | undefined;
}): FinalGrade | undefined => {
  if (finals.third !== undefined) return finals.third;
  if (finals.appeal === undefined) return finals.ordinary;
  if (finals.ordinary === undefined) return finals.appeal;
  const needed = thirdGradingNeeded(finals.ordinary.grade, finals.appeal.grade);
  return needed.ok && needed.needed ? undefined : finals.appeal;
};

const byNumber = (a: ExportCandidate, b: ExportCandidate) =>
  Number(a.candidate) - Number(b.candidate) || a.candidate.localeCompare(b.candidate);

/**
 * R15 + R11: what a results export carries: final grades only (candidate number, student id, grade),
 * never marks, proposals or the suspicion itself. A held candidate is left out (`withhold`: their grade
 * waits; `noGrade`: they have none). Candidates who did not attend have no grade to export (R13). Unless
 * `partial` is asked for, every other candidate must have a registered grade.
 */
export const gradeExport = (
  candidates: readonly ExportCandidate[],
  partial: boolean,
): Result<GradeExport> => {
  const out: GradeExport = { rows: [], missing: [], withheld: [] };
  for (const c of [...candidates].sort(byNumber)) {
    if (!c.attended) continue;
    if (c.held) {
      out.withheld.push(c.candidate);
      continue;
    }
    if (c.final === undefined) out.missing.push(c.candidate);
    else out.rows.push({ candidate: c.candidate, studentId: c.studentId, grade: c.final.grade });
  }
  if (out.missing.length > 0 && !partial) return refuse('exportIncomplete', out.missing.join(', '));
  return ok(out);
};

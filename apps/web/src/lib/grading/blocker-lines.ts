import type { ConfirmationBlockers, Question } from '@cograde/domain';
import type { ChangeText } from './describe-change.ts';

/**
 * R5: what stands between the commission and its final grade, one line each, in words an examiner can
 * act on: which questions differ, whose grades disagree, who has not confirmed yet.
 */
export const blockerLines = (
  blockers: ConfirmationBlockers,
  questions: readonly Pick<Question, 'id' | 'label'>[],
  nameOf: (userId: string) => string,
  gradeWord: (grade: string) => string,
): ChangeText[] => {
  const lines: ChangeText[] = [];
  if (blockers.cheatingHold) lines.push({ key: 'decision.blocker.hold', values: {} });
  if (blockers.differingQuestions.length > 0) {
    const labels = blockers.differingQuestions.map((id) => questions.find((q) => q.id === id)?.label ?? id);
    lines.push({ key: 'decision.blocker.questions', values: { questions: labels.join(', ') } });
  }
  if (blockers.disagreeing.length > 0) {
    const grades = blockers.disagreeing.map((d) => `${nameOf(d.userId)}: ${gradeWord(d.grade)}`);
    lines.push({ key: 'decision.blocker.grades', values: { grades: grades.join(', ') } });
  }
  if (blockers.unconfirmed.length > 0) {
    lines.push({
      key: 'decision.waiting',
      values: { names: blockers.unconfirmed.map(nameOf).join(', ') },
    });
  }
  return lines;
};

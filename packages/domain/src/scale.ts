import { z } from 'zod';

export const letterGrades = ['A', 'B', 'C', 'D', 'E', 'F'] as const;
export const passFailGrades = ['Pass', 'NotPass'] as const;
export const letterGradeSchema = z.enum(letterGrades);
export const passFailGradeSchema = z.enum(passFailGrades);
export const gradeSchema = z.union([letterGradeSchema, passFailGradeSchema]);
export type LetterGrade = z.infer<typeof letterGradeSchema>;
export type PassFailGrade = z.infer<typeof passFailGradeSchema>;
export type Grade = z.infer<typeof gradeSchema>;

const percent = z.number().min(0).max(100);

/**
 * A letter scale maps the weighted percentage to a grade: the best grade whose threshold is reached.
 * F has no threshold: it is what is left below E.
 */
export const letterScaleSchema = z
  .object({
    kind: z.literal('letter'),
    thresholds: z.object({ A: percent, B: percent, C: percent, D: percent, E: percent }),
  })
  .refine(
    ({ thresholds: t }) => t.A > t.B && t.B > t.C && t.C > t.D && t.D > t.E,
    'thresholds must fall strictly from A to E',
  );

export const passFailScaleSchema = z.object({ kind: z.literal('passFail'), passAt: percent });

export const scaleSchema = z.union([letterScaleSchema, passFailScaleSchema]);
export type LetterScale = z.infer<typeof letterScaleSchema>;
export type PassFailScale = z.infer<typeof passFailScaleSchema>;
export type Scale = z.infer<typeof scaleSchema>;

export const gradesOf = (scale: Scale): readonly Grade[] =>
  scale.kind === 'letter' ? letterGrades : passFailGrades;

export const isGradeOnScale = (scale: Scale, grade: string): grade is Grade =>
  (gradesOf(scale) as readonly string[]).includes(grade);

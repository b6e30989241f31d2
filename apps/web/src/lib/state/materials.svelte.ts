import { type ExamMaterials, examMaterialsSchema } from '@cograde/domain';
import { api } from '../api.ts';
import { examPath } from './exam-setup.svelte.ts';
import { type Failure, failureOf } from './failure.ts';

const emptyMaterials: ExamMaterials = { guidelines: '', courseDescription: '', syllabus: '' };
export const materialFields = ['guidelines', 'courseDescription', 'syllabus'] as const;

/** The coordinator's editor of the texts examiners grade by (R9); saved at any status of the exam. */
export class MaterialsEditor {
  values: ExamMaterials = $state({ ...emptyMaterials });
  busy = $state(false);
  saved = $state(false);
  failure: Failure = $state(null);

  constructor(readonly examId: string) {}

  fill(materials: ExamMaterials | undefined) {
    this.values = { ...emptyMaterials, ...materials };
  }

  async save() {
    this.busy = true;
    this.saved = false;
    try {
      this.values = await api(`${examPath(this.examId)}/materials`, examMaterialsSchema, {
        method: 'PUT',
        body: this.values,
      });
      this.failure = null;
      this.saved = true;
    } catch (e) {
      this.failure = failureOf(e);
    } finally {
      this.busy = false;
    }
  }
}

// Editing the model through the workspace: checkSpec, updateSpec (keeping the weights whose shapes still fit),
// resetWeights and applyRemedy. Every edit is undoable and says what changed.
import type { EditOutcome, Result, SpecCheck } from '../../api/lab-api';
import type { LabContext } from './context';
import { RequestError } from './results';

export class ModelEditPart {
  constructor(private readonly context: LabContext) {}

  checkSpec(_spec: unknown): Promise<Result<SpecCheck>> {
    return this.context.attempt(() => {
      throw new RequestError('checkSpec is not implemented yet');
    });
  }

  updateSpec(_spec: unknown): Promise<Result<EditOutcome>> {
    return this.context.attempt(() => {
      throw new RequestError('updateSpec is not implemented yet');
    });
  }

  resetWeights(_seed?: unknown): Promise<Result<EditOutcome>> {
    return this.context.attempt(() => {
      throw new RequestError('resetWeights is not implemented yet');
    });
  }

  applyRemedy(_action: unknown): Promise<Result<EditOutcome>> {
    return this.context.attempt(() => {
      throw new RequestError('applyRemedy is not implemented yet');
    });
  }
}

// Training through the contract: one run per project in the compute process, its status machine, the batched
// stream, and the run history (training-*.ts hold the pieces).
import type { Result, RunDetail, RunRecord, RunStatus, TrainingEvent } from '../../api/lab-api';
import type { LabContext } from './context';
import { RequestError } from './results';

export class TrainingPart {
  private readonly listeners = new Set<(event: TrainingEvent) => void>();

  constructor(private readonly context: LabContext) {}

  start(_options?: unknown): Promise<Result<RunStatus>> {
    return this.notYet('startTraining');
  }
  pause(): Promise<Result<RunStatus>> {
    return this.notYet('pauseTraining');
  }
  resume(): Promise<Result<RunStatus>> {
    return this.notYet('resumeTraining');
  }
  step(_count?: unknown): Promise<Result<RunStatus>> {
    return this.notYet('stepTraining');
  }
  stop(): Promise<Result<RunStatus>> {
    return this.notYet('stopTraining');
  }
  statusResult(): Promise<Result<RunStatus>> {
    return this.notYet('trainingStatus');
  }
  listRuns(): Promise<Result<RunRecord[]>> {
    return this.notYet('listRuns');
  }
  getRun(_id: unknown): Promise<Result<RunDetail>> {
    return this.notYet('getRun');
  }

  /** Throws when a run is in progress: `what` cannot happen meanwhile. */
  requireIdle(_what: string): void {}

  dispose(): void {}

  onEvent(listener: (event: TrainingEvent) => void): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  private notYet(method: string): Promise<Result<never>> {
    return this.context.attempt(() => {
      throw new RequestError(`${method} is not implemented yet`);
    });
  }
}

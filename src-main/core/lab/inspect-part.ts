// What the network learned: trajectories, inspect, sampleText, predictSeries (owned by the DATA helper; stub until it lands).
// Each method answers one line until the real part replaces this file.
import type { InspectView, Result, SeriesPrediction, TrajectoryView } from '../../api/lab-api';
import type { LabContext } from './context';
import { RequestError } from './results';

export class InspectPart {
  constructor(private readonly context: LabContext) {}

  trajectories(_request: unknown): Promise<Result<TrajectoryView>> {
    return this.context.attempt(() => {
      throw new RequestError('trajectories is not implemented yet');
    });
  }

  inspect(_request: unknown): Promise<Result<InspectView>> {
    return this.context.attempt(() => {
      throw new RequestError('inspect is not implemented yet');
    });
  }

  sampleText(_request: unknown): Promise<Result<string>> {
    return this.context.attempt(() => {
      throw new RequestError('sampleText is not implemented yet');
    });
  }

  predictSeries(_split: unknown): Promise<Result<SeriesPrediction>> {
    return this.context.attempt(() => {
      throw new RequestError('predictSeries is not implemented yet');
    });
  }
}

// The weight snapshots of the run in progress, as its snapshot events bring them (float32 base64 per parameter,
// exactly as the project's history keeps them), so trajectories can replay a step the run just announced: the
// project itself only gets them when the run ends. Bounded by the run's own list of kept steps (at most 32).
// Not the saved snapshots of a project (inspect/snapshots.ts reads those).
import { snapshotSteps, snapshotWeights } from '../inspect/snapshots';
import type { Project } from '../project/types';
import type { Weights } from '../tensor';
import { RequestError } from './results';

interface KeptSnapshot {
  step: number;
  weights: Record<string, string>;
}

export class RunSnapshots {
  private kept: KeptSnapshot[] = [];

  /** A resumed run continues the snapshots its checkpoint kept (the project's history); a new run starts none. */
  continueFrom(project: Project): void {
    // snapshotSteps validates the saved list (a damaged one is one line) before it is used.
    this.kept = snapshotSteps(project).length > 0 ? [...(project.history!.snapshots as KeptSnapshot[])] : [];
  }

  /** A snapshot event: its step's weights, and the steps the run still keeps (older ones thinned away). */
  keep(step: number, keptSteps: readonly number[], weights: Record<string, string>): void {
    this.kept = [...this.kept.filter((s) => s.step !== step && keptSteps.includes(s.step)), { step, weights }];
  }

  /** The weights at `step`, checked against the project's spec; one line naming the kept steps when it is not one. */
  weights(project: Project, step: number): Weights {
    if (!this.kept.some((s) => s.step === step)) {
      const steps = this.kept.map((s) => s.step);
      const list = `${steps.slice(0, 12).join(', ')}${steps.length > 12 ? ', ...' : ''}`;
      throw new RequestError(`no snapshot at step ${step} in the run in progress: ${steps.length ? `kept steps are ${list}` : 'it has kept none yet (set run.snapshot_every before training)'}`);
    }
    return snapshotWeights({ ...project, history: { snapshots: this.kept } }, step);
  }
}

// The messages between the host and the compute process. Plain structured-cloneable data (typed arrays allowed):
// child_process.fork runs with `serialization: 'advanced'`, Electron's utilityProcess clones the same way.
import type { ErrorCode, MessageParams } from '../../api/types/messages';
import type { StepPoint } from '../../api/types/training';
import type { RunCommand, RunEvent, RunRequest, RunResult } from '../train/training-run';
import type { Project } from '../project/types';

export type HostMessage =
  /** Run a registered job (jobs/registry.ts) and answer with its value or error. */
  | { type: 'call'; id: number; job: string; args: unknown }
  /** Start a training run; its events, checkpoints and result come back under the same id. */
  | { type: 'train'; id: number; request: RunRequest; checkpointMs: number; allLayers: boolean }
  | { type: 'control'; id: number; command: RunCommand };

export type ComputeMessage =
  | { type: 'ready'; pid: number }
  | { type: 'value'; id: number; value: unknown }
  /** `code` and `params`: a LabError's, so the renderer can word it (api/types/messages.ts). */
  | { type: 'error'; id: number; message: string; lab: boolean; code?: ErrorCode; params?: MessageParams }
  /** Every run event but metric batches, which arrive as `run-points`. */
  | { type: 'run-event'; id: number; event: Exclude<RunEvent, { type: 'metrics' }> }
  /** A metric batch as StepPoints, decimated in the compute process (at most MAX_POINTS_PER_BATCH). */
  | { type: 'run-points'; id: number; points: StepPoint[] }
  /** The run's project with weights, optimiser state and history as of `step`: what a resumed run continues from. */
  | { type: 'run-checkpoint'; id: number; step: number; project: Project }
  | { type: 'run-result'; id: number; result: RunResult };

/** The compute process as the host sees it: Node's forked child or Electron's utilityProcess, behind one face. */
export interface ComputeChannel {
  send(message: HostMessage): void;
  /** Kills the process (SIGKILL where there is one); `onExit` still fires. */
  kill(): void;
  readonly pid: number | null;
}

export interface ChannelHandlers {
  onMessage(message: ComputeMessage): void;
  /** The process ended: exit code, or the signal that ended it. */
  onExit(code: number | null, signal: string | null): void;
}

/** Starts a compute process wired to `handlers`. */
export type ChannelFactory = (handlers: ChannelHandlers) => ComputeChannel;

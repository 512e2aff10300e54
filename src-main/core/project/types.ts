// The in-memory project: what a `*.rnnlab` file holds once loaded and validated.
// Later issues fill `task`, `training` and `history`; the format keeps room for them now.
import type { ModelSpec } from '../spec/types';
import type { Weights } from '../tensor';

/** Schema version written by this build; files from a newer version are refused, older ones migrated. */
export const PROJECT_FORMAT = 'rnnlab-project';
export const PROJECT_VERSION = 1;

export interface Project {
  name: string;
  /** ISO 8601 timestamps. */
  created: string;
  modified: string;
  spec: ModelSpec;
  /** Every parameter of `paramLayout(spec)`, exactly: no missing, no extra, shapes equal. */
  weights: Weights;
  /** Task and dataset settings (issue: training and tasks); null until set. */
  task: Record<string, unknown> | null;
  /** Training settings and optimiser state; null until set. */
  training: Record<string, unknown> | null;
  /** Decimated run history (metrics, alerts, probes); null until a run. */
  history: Record<string, unknown> | null;
}

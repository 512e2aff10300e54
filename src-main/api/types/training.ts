// Contract types for training: settings (with a form-ready description), the run's status machine, the batched live
// stream a dashboard draws, alerts with remedies that act, and the run history kept in the project.
import type { FieldChange, StopReason } from './messages';

/** A settings form field: dotted path in the settings object, its type, default, range and help. */
export interface SettingField {
  /** Dotted path, e.g. 'training.optimizer.kind', 'monitor.exploding.max_norm', 'run.snapshot_every'. */
  path: string;
  /** Group heading in the side panel: 'optimiser', 'schedule', 'clipping', 'data', 'bptt', 'run', 'exploding', ... */
  group: string;
  type: 'int' | 'number' | 'boolean' | 'choice';
  default: unknown;
  min: number | null;
  max: number | null;
  choices: (string | number)[] | null;
  optional: boolean;
  /** The value is a list of this type (e.g. the parameter roles a rule watches); choices apply to each item. */
  list: boolean;
  /** Shown only when another field has a value, e.g. { path: 'training.clip.mode', equals: 'norm' }; a list in
   * `equals` means any of its values (['adam', 'rmsprop']). */
  when: { path: string; equals: unknown } | null;
  help: string;
}

/** Every setting of the open project: training settings, monitor settings, and run options (engine, cadences). */
export interface SettingsView {
  training: Record<string, unknown>;
  monitor: Record<string, unknown>;
  run: RunOptions;
  fields: SettingField[];
}

export interface RunOptions {
  engine: 'native' | 'reference';
  precision: 'float32' | 'float64';
  /** Probe snapshot every this many steps (0: none). */
  snapshot_every: number;
  /** Record ||dL/dh_t|| of every layer, not only the last. */
  all_layers: boolean;
  /** Threads for the native kernel (0: chosen by model size). */
  threads: number;
  /** Evaluate the validation split every this many steps; null: every epoch (at most ~100 times a run). */
  eval_every: number | null;
}

/** A deep patch: { training: { lr: 0.01 } } changes only the learning rate. */
export interface SettingsPatch {
  training?: Record<string, unknown>;
  monitor?: Record<string, unknown>;
  run?: Partial<RunOptions>;
}

export type RunStatusName = 'idle' | 'running' | 'paused' | 'stopping' | 'done' | 'failed';

export interface RunStatus {
  status: RunStatusName;
  /** Id of the run in the project's history (set once a run started). */
  runId: string | null;
  step: number;
  totalSteps: number;
  epoch: number;
  stepsPerSecond: number | null;
  /** Seconds left at the current rate; null when unknown. */
  etaSeconds: number | null;
  engine: 'native' | 'reference' | null;
  /** The engine fallback warning, if any. */
  engineWarning: string | null;
  /** Why the run failed or stopped itself; null otherwise (English: the CLI's). */
  reason: string | null;
  /** The same reason as a kind and numbers, for the renderer to word (absent from an older core). */
  stopped?: StopReason | null;
}

/** One step as the dashboard draws it (one row of a decimated batch may summarise several steps: see `span`). */
export interface StepPoint {
  step: number;
  epoch: number;
  /** Steps this point stands for (1 when not decimated); min/max keep spikes. */
  span: number;
  loss: number;
  lossMin: number;
  lossMax: number;
  lr: number;
  gradNorm: number;
  gradNormMax: number;
  /** Per parameter (state_dict names). */
  paramGradNorms: Record<string, number>;
  paramWeightNorms: Record<string, number>;
  /** ||dL/dh_t|| for t = 1..T of the last layer (every layer: `layerTimestepGradNorms`). */
  timestepGradNorms: number[];
  layerTimestepGradNorms: number[][] | null;
  /** On steps where the spectral bound was measured: per recurrent matrix key, sigma_max and gamma * sigma_max. */
  spectral: Record<string, { sigmaMax: number; bound: number }> | null;
  action: 'applied' | 'clipped' | 'skipped' | 'stopped';
  /** On steps after which the validation split was evaluated. */
  validation: { loss: number; metrics: Record<string, number> } | null;
}

/** A remedy's machine-readable action: what applyRemedy does. */
export type RemedyAction =
  | { kind: 'enable-clipping'; maxNorm: number }
  | { kind: 'reinit-recurrent'; scheme: 'orthogonal' | 'identity' }
  | { kind: 'relu-identity' }
  | { kind: 'lower-lr'; factor: number }
  | { kind: 'switch-arch'; arch: 'lstm' | 'gru' };

export interface RemedyView {
  id: string;
  action: RemedyAction;
  /** English label (the CLI's); the renderer words it from `action` in the chosen language. */
  label: string;
}

export interface AlertView {
  kind: 'vanishing' | 'exploding' | 'nonfinite';
  rule: 'max-norm' | 'mean-multiple' | 'timestep-ratio' | 'param-norm' | 'nonfinite';
  step: number;
  value: number;
  threshold: number;
  param: string | null;
  /** The English sentence (the CLI's); the renderer words kind + numbers itself. */
  message: string;
  /** What the run did about it. */
  policy: string;
  remedies: RemedyView[];
  suppressed: number;
}

export interface EvaluationView {
  step: number;
  epoch: number;
  loss: number;
  metrics: Record<string, number>;
  /** The primary metric's name ('accuracy', 'mse', ...) and whether higher is better. */
  primary: { name: string; value: number; higherIsBetter: boolean };
  /** Accuracy by group (length for Tomita, n for a^n b^n). */
  groups: { group: number; correct: number; total: number }[] | null;
  groupedBy: 'length' | 'n' | null;
}

/** One message of the training stream: at most ~20 a second whatever the step rate. */
export type TrainingEvent =
  | { type: 'status'; status: RunStatus }
  | { type: 'metrics'; runId: string; points: StepPoint[]; status: RunStatus }
  | { type: 'alert'; runId: string; alert: AlertView }
  | { type: 'evaluation'; runId: string; evaluation: EvaluationView }
  /**
   * A trajectory snapshot was kept at `step`. `steps`: every step of this run whose snapshot is still kept, ascending
   * (the starting weights first; at most 32, thinned evenly over the run as it grows): what the training-step slider
   * replays, without asking for the run again.
   */
  | { type: 'snapshot'; runId: string; step: number; steps: number[] }
  /** The compute process died (crash, out of memory, killed); the next request starts a new one. `reason` is
   * English (the CLI's); `exit` says the same as numbers for the renderer to word. */
  | { type: 'compute-lost'; reason: string; exit?: ComputeExit };

/** How the compute process ended: its exit code, or the signal that killed it. */
export interface ComputeExit {
  exitCode: number | null;
  signal: string | null;
}

/** A run as the project's history keeps it: settings, final metrics and bounded, decimated curves. */
export interface RunRecord {
  id: string;
  startedAt: string;
  endedAt: string | null;
  /** Settings of this run (training + monitor + spec at start) and how they differ from the previous run. */
  settings: Record<string, unknown>;
  /** English lines "training.lr: 0.01 -> 0.003" (the CLI's); `changed` holds the same as fields and values. */
  changes: string[];
  changed: FieldChange[];
  steps: number;
  /** English (the CLI's); `stopped` is the same reason as a kind and numbers. */
  stoppedBecause: string | null;
  stopped: StopReason | null;
  finalTrain: { loss: number } | null;
  finalValidation: EvaluationView | null;
  finalTest: EvaluationView | null;
  alertCounts: Record<string, number>;
}

/** A run with everything its charts need; bounded: the curves hold at most a few hundred points each. */
export interface RunDetail extends RunRecord {
  points: StepPoint[];
  alerts: AlertView[];
  evaluations: EvaluationView[];
  /** Steps at which trajectory snapshots were kept. */
  snapshotSteps: number[];
}

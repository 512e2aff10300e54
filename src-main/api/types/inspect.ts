// Contract types for what a network learned: hidden-state trajectories of probe sequences (with PCA), and
// step-by-step inspection of one input the user types.

/** A probe: text over the task's alphabet ('0110', 'aaabbb') or numbers (one row per step). */
export type ProbeInput = string | number[][];

export interface TrajectoryRequest {
  /** The task's default probes when absent; else these (at most 64, each at most 1,000 steps). */
  probes?: ProbeInput[];
  /** Layer whose states the PCA is fitted on (default the last). */
  layer?: number;
  /** A saved snapshot's step to show (absent: the current weights). */
  snapshotStep?: number;
  /** Project onto the PCA basis of this snapshot step (held fixed across snapshots), or fit anew when absent. */
  basisStep?: number | null;
}

export interface TrajectoryProbe {
  /** Text of the probe as typed or generated ('aaabbb'); null for numeric probes. */
  text: string | null;
  length: number;
  /** Input symbol per step (for colouring), or null. */
  symbols: string[] | null;
  /** Class label for classifier tasks (1 accept / 0 reject), the target class otherwise, or null. */
  label: number | null;
  /** The model's output per step after the activation (T, O), or null without a head. */
  outputs: number[][] | null;
}

export interface TrajectoryView {
  /** Training step the weights belong to (current weights: the project's trained step, 0 when untrained). */
  step: number;
  layer: number;
  layers: number;
  directions: number;
  hiddenSize: number;
  probes: TrajectoryProbe[];
  /** Per probe, per step: the 2-D and 3-D PCA coordinates. [probe][t][2|3] */
  projection2d: number[][][];
  projection3d: number[][][];
  /** Share of variance of each of the first three components (0..1). */
  explainedVarianceRatio: number[];
  /** The step whose basis was used (for a fixed-basis animation). */
  basisStep: number;
  /** Per layer, per probe: hidden states [t][D*H] (forward units first, then reverse). */
  states: number[][][][];
  /** LSTM: cell states, same layout; else null. */
  cellStates: number[][][][] | null;
  /** LSTM (i, f, g, o) / GRU (r, z, n): per layer, per probe, per gate: [t][D*H]; else null. */
  gates: Record<string, number[][][]>[] | null;
}

export interface InspectRequest {
  /** '0100110', 'aaabbb', a sentence, or numbers (one row per step, or a flat list when input_size is 1). */
  input: string | number[] | number[][];
  /** Optional target: text for symbol tasks, numbers for series; enables loss and ||dL/dh_t||. */
  target?: string | number[] | number[][];
}

export interface InspectStep {
  t: number;
  /** The input symbol at this step, or null for numbers. */
  symbol: string | null;
  input: number[];
  /** Per layer: h_t (D*H). */
  hidden: number[][];
  /** LSTM: c_t per layer. */
  cell: number[][] | null;
  /** LSTM/GRU: gate activations per layer, by gate letter. */
  gates: Record<string, number[]>[] | null;
  /** Output after the activation (O), or null without a head. */
  output: number[] | null;
  /** Outputs decoded into symbols with probabilities (softmax / sigmoid tasks), likeliest first. */
  decoded: { symbol: string; p: number }[] | null;
  /** With a target: this step's loss and ||dL/dh_t|| (last layer). */
  loss: number | null;
  gradNorm: number | null;
}

export interface InspectView {
  steps: InspectStep[];
  /** Classifiers: the verdict at the last step. */
  verdict: { accept: boolean; p: number } | null;
  /** With a target: the mean loss over the scored steps. */
  loss: number | null;
}

export interface SampleTextRequest {
  /** Text the model reads first. */
  seedText: string;
  length: number;
  /** 0 takes the likeliest symbol; higher is more random. */
  temperature: number;
  seed?: number;
}

/** Series tasks: the model's prediction against the truth over a split, un-normalised. */
export interface SeriesPrediction {
  split: 'validation' | 'test';
  columns: string[];
  /** [t][column] */
  truth: number[][];
  prediction: number[][];
  mse: number;
}

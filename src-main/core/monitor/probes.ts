// Hidden-state recording for a fixed probe set of sequences: every N steps the loop runs the probes through the
// engine (inference mode), and a snapshot keeps the inputs, symbols, outputs, every layer's hidden states (and LSTM
// cell states) and a PCA of one layer's states projected to 2-D and 3-D: enough for a trajectory plot coloured by
// time or by input symbol, and a unit-by-time heatmap. Snapshots are plain JSON (arrays of numbers, shapes named).
import type { Engine, Model } from '../engine/types';
import { fitPca, projectPca, type PcaFit } from './pca';

export interface ProbeSet {
  batch: number;
  steps: number;
  /** Inputs (B, T, I), batch-first as the engines take them. */
  x: Float64Array;
  /** Valid steps of each sequence (B); steps after it are padding, left out of the PCA fit. Default: all T. */
  lengths?: number[];
  /** The input symbol at each step of each sequence, (B) arrays of length <= T, for colouring; optional. */
  symbols?: string[][];
}

export interface ProbeSnapshot {
  /** Training step the weights belong to. */
  step: number;
  batch: number;
  steps: number;
  inputSize: number;
  /** Features per state: D * H. */
  width: number;
  lengths: number[];
  /** (B, T, I). */
  inputs: number[];
  symbols: string[][] | null;
  /** Head outputs after the output activation (B, T, O); null without a head. */
  outputs: number[] | null;
  /** Per layer: hidden states (B, T, D*H), the unit-by-time heatmap's data. */
  states: number[][];
  /** LSTM only: per layer, cell states (B, T, D*H). */
  cellStates: number[][] | null;
  pca: ProbePca;
}

export interface ProbePca extends PcaFit {
  /** The layer whose hidden states were fitted (default: the last). */
  layer: number;
  /** (B, T, 2) and (B, T, 3): projections of every step (padding too) onto the first 2 and 3 components. */
  projection2d: number[];
  projection3d: number[];
}

export interface RecordOptions {
  /** Layer to fit the PCA on; default the last one (what the head reads). */
  layer?: number;
  /** The previous snapshot: its components orient this one's, so the axes keep their direction over time. */
  previous?: ProbeSnapshot | null;
}

/** Runs the probes through the model and returns a snapshot for trajectory plots. */
export function recordProbes(engine: Engine, model: Model, probes: ProbeSet, step: number, options: RecordOptions = {}): ProbeSnapshot {
  const { batch: B, steps: T } = probes;
  const spec = model.spec;
  const pass = engine.forward(model, { batch: B, steps: T, x: probes.x }, { training: false, precision: 'float64' });
  const width = pass.layerStates[0].length / (B * T);
  const layer = options.layer ?? pass.layerStates.length - 1;
  if (!(layer >= 0 && layer < pass.layerStates.length)) {
    throw new RangeError(`expected a probe layer from 0 to ${pass.layerStates.length - 1}, found ${layer}`);
  }
  const lengths = probes.lengths ?? new Array<number>(B).fill(T);
  if (lengths.length !== B || lengths.some((n) => !Number.isInteger(n) || n < 1 || n > T)) {
    throw new RangeError(`expected ${B} probe lengths from 1 to ${T}, found [${lengths.join(', ')}]`);
  }
  const states = pass.layerStates[layer];
  const valid = validRows(states, lengths, T, width);
  const previous = options.previous;
  const reference = previous && previous.width === width && previous.pca.layer === layer ? previous.pca.components : undefined;
  const fit = fitPca(valid.rows, valid.count, width, 3, reference);
  const k = fit.components.length / width;
  const projected = projectPca(fit, states, B * T, k);
  return {
    step,
    batch: B,
    steps: T,
    inputSize: spec.input_size,
    width,
    lengths,
    inputs: Array.from(probes.x),
    symbols: probes.symbols ?? null,
    outputs: pass.y ? Array.from(pass.y) : null,
    states: pass.layerStates.map((s) => Array.from(s)),
    cellStates: pass.layerCellStates ? pass.layerCellStates.map((s) => Array.from(s)) : null,
    pca: { ...fit, layer, projection2d: takeColumns(projected, B * T, k, 2), projection3d: takeColumns(projected, B * T, k, 3) },
  };
}

/** Calls `recordProbes` every `every` steps, orienting each snapshot by the one before. */
export class ProbeRecorder {
  private last: ProbeSnapshot | null = null;

  constructor(
    private readonly engine: Engine,
    private readonly probes: ProbeSet,
    readonly every: number,
    private readonly options: Omit<RecordOptions, 'previous'> = {},
  ) {
    if (!(Number.isInteger(every) && every >= 1)) throw new RangeError(`expected probes every N >= 1 steps, found ${every}`);
  }

  /** Orients the next snapshot like `snapshot` (e.g. the last one saved before a run was resumed). */
  continueFrom(snapshot: ProbeSnapshot | null): void {
    this.last = snapshot;
  }

  isDue(step: number): boolean {
    return step % this.every === 0;
  }

  record(step: number, model: Model): ProbeSnapshot {
    this.last = recordProbes(this.engine, model, this.probes, step, { ...this.options, previous: this.last });
    return this.last;
  }
}

/** The states of valid steps only, as (count, width) rows. */
function validRows(states: Float64Array, lengths: number[], T: number, width: number): { rows: Float64Array; count: number } {
  const count = lengths.reduce((a, b) => a + b, 0);
  const rows = new Float64Array(count * width);
  let at = 0;
  lengths.forEach((n, b) => {
    rows.set(states.subarray(b * T * width, (b * T + n) * width), at);
    at += n * width;
  });
  return { rows, count };
}

/** The first `want` columns of an (n, k) array, zero-filled when k < want (a state with fewer features). */
function takeColumns(values: number[], n: number, k: number, want: number): number[] {
  const out = new Array<number>(n * want).fill(0);
  for (let r = 0; r < n; r++) for (let c = 0; c < Math.min(k, want); c++) out[r * want + c] = values[r * k + c];
  return out;
}

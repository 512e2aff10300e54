// Spectral view of the recurrence: for every recurrent matrix, sigma_max (power-iteration.ts) and Pascanu, Mikolov &
// Bengio (2013)'s bound gamma * sigma_max on the norm of the step Jacobian dh_t/dh_{t-1} = diag(f'(pre)) W.
// Bound < 1: gradients through time vanish (sufficient condition). Bound > 1: needed for them to explode (necessary,
// not sufficient). gamma bounds |f'|: 1 for tanh and ReLU, 1/4 for the logistic sigmoid.
//
// Which matrices (see docs/monitor.md):
//   rnn, elman   each weight_hh_l{l}{_reverse} (H x H), gamma 1.
//   lstm, gru    each gate block of weight_hh (H x H) with that gate's gamma: LSTM i, f, o and GRU r, z are
//                sigmoid gates (1/4), LSTM g and GRU n are tanh (1). For gated cells these are per-block indicators,
//                not a bound on the whole step Jacobian (the LSTM cell path is additive).
//   gated        each W_k = weight_hh[k] (the matrix symbol k selects), gamma 1.
//   jordan       the loop runs through the head: h_t = f(W_yh g(V h_{t-1} + c) + ...). With output activation
//                'none' the loop matrix is W_yh V (H x H), gamma = gamma_f. With sigmoid or softmax in the loop the
//                step Jacobian is diag(f') W_yh J_g V, and we report sigma_max(W_yh) * sigma_max(V) (an upper bound
//                of the loop's gain) with gamma = gamma_f * 1/4 (sigmoid) or gamma_f * 1/2 (softmax: ||J_g|| <= 1/2).
import { forEachGateBlock } from '../spec/init';
import { paramLayout } from '../spec/params';
import type { ModelSpec, Nonlinearity } from '../spec/types';
import type { Weights } from '../tensor';
import { largestSingularValue, type PowerIterationOptions } from './power-iteration';

/** Largest |f'| of each activation (Pascanu et al.'s gamma). */
export const GAMMA = { tanh: 1, relu: 1, sigmoid: 0.25, softmax: 0.5 } as const;

const GATE_NAMES: Record<string, string[]> = { lstm: ['i', 'f', 'g', 'o'], gru: ['r', 'z', 'n'] };
const SIGMOID_GATES = new Set(['i', 'f', 'o', 'r', 'z']);

export interface SpectralEntry {
  /** Stable key, e.g. 'weight_hh_l0', 'weight_hh_l0:f', 'weight_hh:W_2', 'jordan_loop'. */
  key: string;
  /** Parameter(s) the matrix comes from. */
  params: string[];
  /** Gate letter (lstm/gru), 'W_k' (gated) or null. */
  block: string | null;
  rows: number;
  cols: number;
  sigmaMax: number;
  gamma: number;
  /** gamma * sigma_max. */
  bound: number;
  iterations: number;
  converged: boolean;
  /** Set when the entry is not a plain sigma_max of one matrix (jordan with an output activation in the loop). */
  note: string | null;
}

interface LoopMatrix {
  key: string;
  params: string[];
  block: string | null;
  data: Float64Array;
  rows: number;
  cols: number;
  gamma: number;
  /** When set, sigma_max is the product of the sigma_max of these two factors (jordan with g in the loop). */
  factors: [LoopMatrix, LoopMatrix] | null;
  note: string | null;
}

/** Measures every recurrent matrix of a model, keeping power-iteration vectors between calls (warm start). */
export class SpectralTracker {
  private readonly vectors = new Map<string, Float64Array>();

  constructor(
    private readonly spec: ModelSpec,
    private readonly options: Omit<PowerIterationOptions, 'start'> = {},
  ) {}

  measure(weights: Weights): SpectralEntry[] {
    return loopMatrices(this.spec, weights).map((m) => {
      if (!m.factors) {
        const r = this.sigma(m);
        return entry(m, r.sigmaMax, r.iterations, r.converged);
      }
      const [a, b] = m.factors.map((f) => this.sigma(f));
      return entry(m, a.sigmaMax * b.sigmaMax, a.iterations + b.iterations, a.converged && b.converged);
    });
  }

  /** Warm-start vectors by key, as plain arrays (for checkpoints). */
  saveVectors(): Record<string, number[]> {
    return Object.fromEntries([...this.vectors].map(([k, v]) => [k, Array.from(v)]));
  }

  loadVectors(saved: Record<string, number[]>): void {
    for (const [k, v] of Object.entries(saved)) this.vectors.set(k, Float64Array.from(v));
  }

  private sigma(m: LoopMatrix) {
    const result = largestSingularValue(m.data, m.rows, m.cols, { ...this.options, start: this.vectors.get(m.key) });
    // Unconverged vectors are kept too: the next call continues from them instead of starting over.
    if (Number.isFinite(result.sigmaMax)) this.vectors.set(m.key, result.vector);
    return result;
  }
}

function entry(m: LoopMatrix, sigmaMax: number, iterations: number, converged: boolean): SpectralEntry {
  const { key, params, block, rows, cols, gamma, note } = m;
  return { key, params, block, rows, cols, sigmaMax, gamma, bound: gamma * sigmaMax, iterations, converged, note };
}

/** Every matrix (or factor pair) whose gain the recurrence applies once per step. */
export function loopMatrices(spec: ModelSpec, weights: Weights): LoopMatrix[] {
  if (spec.arch === 'jordan') return [jordanLoop(spec, weights)];
  const H = spec.hidden_size;
  const out: LoopMatrix[] = [];
  for (const p of paramLayout(spec)) {
    if (p.role !== 'recurrent') continue;
    forEachGateBlock(weights[p.name].data, p, (data, index, count) => {
      const gate = GATE_NAMES[spec.arch]?.[index] ?? null;
      const block = gate ?? (spec.arch === 'gated' ? `W_${index}` : count > 1 ? String(index) : null);
      const gamma = gate && SIGMOID_GATES.has(gate) ? GAMMA.sigmoid : GAMMA[spec.nonlinearity];
      const key = block ? `${p.name}:${block}` : p.name;
      out.push({ key, params: [p.name], block, data, rows: H, cols: H, gamma, factors: null, note: null });
    });
  }
  return out;
}

function jordanLoop(spec: ModelSpec, weights: Weights): LoopMatrix {
  const H = spec.hidden_size;
  const O = spec.output_size;
  const wYh = weights['weight_yh_l0'].data; // (H, O)
  const v = weights['head.weight'].data; // (O, H)
  const params = ['weight_yh_l0', 'head.weight'];
  const gammaF = GAMMA[spec.nonlinearity as Nonlinearity];
  const g = spec.output_activation;
  if (g === 'none') {
    const loop = new Float64Array(H * H); // W_yh V (H, H)
    for (let r = 0; r < H; r++) {
      for (let o = 0; o < O; o++) {
        const a = wYh[r * O + o];
        for (let c = 0; c < H; c++) loop[r * H + c] += a * v[o * H + c];
      }
    }
    return { key: 'jordan_loop', params, block: null, data: loop, rows: H, cols: H, gamma: gammaF, factors: null, note: null };
  }
  const factor = (key: string, name: string, data: Float64Array, rows: number, cols: number): LoopMatrix => ({
    key, params: [name], block: null, data, rows, cols, gamma: 1, factors: null, note: null,
  });
  return {
    key: 'jordan_loop',
    params,
    block: null,
    data: new Float64Array(0),
    rows: H,
    cols: H,
    gamma: gammaF * GAMMA[g],
    factors: [factor('jordan_loop:weight_yh_l0', 'weight_yh_l0', wYh, H, O), factor('jordan_loop:head.weight', 'head.weight', v, O, H)],
    note: `output activation '${g}' sits inside the loop: sigma_max is sigma_max(weight_yh_l0) * sigma_max(head.weight), an upper bound`,
  };
}

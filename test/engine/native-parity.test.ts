// Native kernel vs the reference engine on random models of every family and option: forward results, every
// parameter gradient, dx, dh0/dc0/dy0 and the per-step gradient norms. float64 must agree to 1e-10 (relative to
// each array's scale), float32 to 1e-5. Cases are a data table; each runs with and without threads, on every GEMM
// variant the CPU runs (generic, avx2, avx512: RNNLAB_GEMM forced through test/kernel/variants.ts).
import { describe, expect, it } from 'vitest';
import type { NativeEngine } from '../../src-main/core/engine/native/index';
import { referenceEngine } from '../../src-main/core/engine/reference/index';
import type { ForwardOptions, ForwardPass, Gradients } from '../../src-main/core/engine/types';
import { cpuVariants, engineWithVariant } from '../kernel/variants';
import { makeSpec, randomDropoutMasks, randomInput, randomModel, randomSeeds, type SpecFields } from '../helpers/random-model';

interface Case {
  name: string;
  spec: SpecFields;
  batch?: number;
  steps?: number;
  h0?: boolean;
  c0?: boolean;
  y0?: boolean;
  oneHot?: boolean;
  dropout?: boolean;
}

const CASES: Case[] = [
  { name: 'rnn tanh', spec: { arch: 'rnn' } },
  { name: 'rnn relu, 2 layers, bidirectional, h0', spec: { arch: 'rnn', nonlinearity: 'relu', num_layers: 2, bidirectional: true }, h0: true },
  { name: 'rnn 3 layers, no bias, sigmoid head', spec: { arch: 'rnn', num_layers: 3, bias: false, output_size: 2, output_activation: 'sigmoid' } },
  { name: 'rnn 3 layers bidirectional, dropout', spec: { arch: 'rnn', num_layers: 3, bidirectional: true, dropout: 0.4 }, dropout: true },
  { name: 'lstm', spec: { arch: 'lstm', output_size: 3, output_activation: 'softmax' } },
  { name: 'lstm 2 layers bidirectional, h0 c0, dropout', spec: { arch: 'lstm', num_layers: 2, bidirectional: true, dropout: 0.3, output_size: 2 }, h0: true, c0: true, dropout: true },
  { name: 'lstm 3 layers, no bias', spec: { arch: 'lstm', num_layers: 3, bias: false } },
  { name: 'gru', spec: { arch: 'gru', output_size: 2 } },
  { name: 'gru 2 layers bidirectional, h0, softmax', spec: { arch: 'gru', num_layers: 2, bidirectional: true, output_size: 3, output_activation: 'softmax' }, h0: true },
  { name: 'gru 3 layers, no bias, dropout', spec: { arch: 'gru', num_layers: 3, bias: false, dropout: 0.5 }, dropout: true },
  { name: 'elman tanh, head', spec: { arch: 'elman', output_size: 2 } },
  { name: 'elman relu, shortcut, sigmoid, h0', spec: { arch: 'elman', nonlinearity: 'relu', output_size: 2, shortcut: true, output_activation: 'sigmoid' }, h0: true },
  { name: 'elman no bias, shortcut, softmax', spec: { arch: 'elman', bias: false, output_size: 3, shortcut: true, output_activation: 'softmax' } },
  { name: 'jordan', spec: { arch: 'jordan', output_size: 2 } },
  { name: 'jordan relu, y0, softmax', spec: { arch: 'jordan', nonlinearity: 'relu', output_size: 3, output_activation: 'softmax' }, y0: true },
  { name: 'jordan no bias, sigmoid, y0', spec: { arch: 'jordan', bias: false, output_size: 2, output_activation: 'sigmoid' }, y0: true },
  { name: 'gated one-hot', spec: { arch: 'gated', input_size: 2, output_size: 1, output_activation: 'sigmoid' }, oneHot: true },
  { name: 'gated learn_h0', spec: { arch: 'gated', input_size: 3, learn_h0: true, output_size: 2 }, oneHot: true },
  { name: 'gated learn_h0 with h0 given, no bias, dense x', spec: { arch: 'gated', learn_h0: true, bias: false } , h0: true },
  { name: 'rnn single step, batch 1', spec: { arch: 'rnn', output_size: 1 }, batch: 1, steps: 1 },
];

/** max |a - b| / max(max |b|, 1e-3): error relative to the scale of the reference array. */
function scaledError(a: ArrayLike<number> | null, b: ArrayLike<number> | null): number {
  if (a === null || b === null) return a === b ? 0 : Infinity;
  if (a.length !== b.length) return Infinity;
  let scale = 1e-3;
  let worst = 0;
  for (let i = 0; i < b.length; i++) scale = Math.max(scale, Math.abs(b[i]));
  for (let i = 0; i < b.length; i++) {
    const d = Math.abs(a[i] - b[i]);
    if (!(d <= worst)) worst = Number.isNaN(d) ? Infinity : d;
  }
  return worst / scale;
}

function compareAll(got: ForwardPass, want: ForwardPass, gGot: Gradients, gWant: Gradients): Record<string, number> {
  const errors: Record<string, number> = {
    y: scaledError(got.y, want.y),
    yPre: scaledError(got.yPre, want.yPre),
    output: scaledError(got.output, want.output),
    hN: scaledError(got.hN, want.hN),
    cN: scaledError(got.cN, want.cN),
    dx: scaledError(gGot.dx, gWant.dx),
    dh0: scaledError(gGot.dh0, gWant.dh0),
    dc0: scaledError(gGot.dc0, gWant.dc0),
    dy0: scaledError(gGot.dy0, gWant.dy0),
  };
  want.layerStates.forEach((s, l) => (errors[`layerStates[${l}]`] = scaledError(got.layerStates[l], s)));
  want.layerCellStates?.forEach((s, l) => (errors[`layerCellStates[${l}]`] = scaledError(got.layerCellStates?.[l] ?? null, s)));
  gWant.timestepGradNorms.forEach((n, l) => (errors[`norms[${l}]`] = scaledError(gGot.timestepGradNorms[l], n)));
  for (const [name, g] of Object.entries(gWant.params)) errors[`d ${name}`] = scaledError(gGot.params[name] ?? null, g);
  return errors;
}

function runCase(native: NativeEngine, c: Case, precision: 'float64' | 'float32', threads: number, scale = 0.5): Record<string, number> {
  const spec = makeSpec(c.spec);
  const model = randomModel(spec, 3, scale);
  const B = c.batch ?? 3;
  const T = c.steps ?? 5;
  const input = randomInput(spec, { batch: B, steps: T, h0: c.h0, c0: c.c0, y0: c.y0, oneHot: c.oneHot });
  const options: ForwardOptions = c.dropout ? { training: true, dropoutMasks: randomDropoutMasks(spec, B, T) } : {};
  const seeds = randomSeeds(spec, B, T);
  const want = referenceEngine.forward(model, input, options);
  const got = native.forward(model, input, { ...options, precision, threads });
  return compareAll(got, want, got.backward(seeds), want.backward(seeds));
}

function worstOf(errors: Record<string, number>): [string, number] {
  return Object.entries(errors).reduce((a, b) => (b[1] > a[1] ? b : a), ['none', 0]);
}

describe.each(cpuVariants())('native kernel (gemm %s) agrees with the reference engine', (variant) => {
  const native = () => engineWithVariant(variant);
  for (const c of CASES) {
    it(`${c.name}: float64 within 1e-10`, () => {
      const errors = runCase(native(), c, 'float64', 1);
      expect(worstOf(errors)[1], JSON.stringify(worstOf(errors))).toBeLessThan(1e-10);
      expect(Object.keys(errors).length).toBeGreaterThan(8);
    });
    it(`${c.name}: float32 within 1e-5`, () => {
      const errors = runCase(native(), c, 'float32', 1);
      expect(worstOf(errors)[1], JSON.stringify(worstOf(errors))).toBeLessThan(1e-5);
    });
    it(`${c.name}: float64 on 2 threads within 1e-10`, () => {
      const errors = runCase(native(), c, 'float64', 2);
      expect(worstOf(errors)[1], JSON.stringify(worstOf(errors))).toBeLessThan(1e-10);
    });
  }
});

// Longer sequences and wider layers, where float32 rounding accumulates over time and over the weight-gradient sums.
const LARGER: Case[] = [
  { name: 'rnn 2 layers H=48', spec: { arch: 'rnn', input_size: 6, hidden_size: 48, num_layers: 2, output_size: 3 }, batch: 5, steps: 40 },
  { name: 'lstm 2 layers bidirectional H=48', spec: { arch: 'lstm', input_size: 6, hidden_size: 48, num_layers: 2, bidirectional: true, output_size: 3, output_activation: 'softmax' }, batch: 5, steps: 40 },
  { name: 'gru 2 layers H=48', spec: { arch: 'gru', input_size: 6, hidden_size: 48, num_layers: 2, output_size: 2 }, batch: 5, steps: 40 },
];

describe.each(cpuVariants())('native float32 (gemm %s) stays within 1e-5 on longer, wider models (3 threads)', (variant) => {
  for (const c of LARGER) {
    it(c.name, () => {
      const errors = runCase(engineWithVariant(variant), c, 'float32', 3, 0.2);
      expect(worstOf(errors)[1], JSON.stringify(worstOf(errors))).toBeLessThan(1e-5);
    });
  }
});

// Shapes the fused small-H steps take on AVX2 and AVX-512 (src-main/kernel/src/small_steps.h: H a multiple of the
// vector width up to 64; rnn and gru take any I (gru hoists x W_ih^T above I = 8), lstm's dx at most one vector), with row counts that leave partial register tiles, and their edges:
// I = 17 and H = 72 (the GEMM path), h0/c0 given, no bias, relu, two directions accumulating into dx.
const SMALL_FUSED: Case[] = [
  { name: 'rnn H=32 I=4', spec: { arch: 'rnn', input_size: 4, hidden_size: 32, output_size: 1 }, batch: 13, steps: 12 },
  { name: 'rnn relu H=16 I=1, h0', spec: { arch: 'rnn', nonlinearity: 'relu', input_size: 1, hidden_size: 16, output_size: 2 }, batch: 7, steps: 9, h0: true },
  { name: 'rnn H=64 I=16 bidirectional, no bias', spec: { arch: 'rnn', input_size: 16, hidden_size: 64, bidirectional: true, bias: false, output_size: 2 }, batch: 9, steps: 8 },
  { name: 'elman relu H=32 I=3, shortcut', spec: { arch: 'elman', nonlinearity: 'relu', input_size: 3, hidden_size: 32, output_size: 2, shortcut: true }, batch: 11, steps: 10 },
  { name: 'lstm H=32 I=4, h0 c0', spec: { arch: 'lstm', input_size: 4, hidden_size: 32, output_size: 1 }, batch: 13, steps: 12, h0: true, c0: true },
  { name: 'lstm H=16 I=16 bidirectional 2 layers', spec: { arch: 'lstm', input_size: 16, hidden_size: 16, num_layers: 2, bidirectional: true, output_size: 2 }, batch: 10, steps: 7 },
  { name: 'lstm H=64 I=17 (dx wider than a vector)', spec: { arch: 'lstm', input_size: 17, hidden_size: 64, output_size: 2 }, batch: 7, steps: 6 },
  { name: 'gru H=32 I=4, h0', spec: { arch: 'gru', input_size: 4, hidden_size: 32, output_size: 1 }, batch: 13, steps: 12, h0: true },
  { name: 'gru H=64 I=2 bidirectional, no bias', spec: { arch: 'gru', input_size: 2, hidden_size: 64, bidirectional: true, bias: false, output_size: 2 }, batch: 9, steps: 8 },
  { name: 'gru H=16 I=7 2 layers (input summed in the tile, then hoisted)', spec: { arch: 'gru', input_size: 7, hidden_size: 16, num_layers: 2, output_size: 2 }, batch: 10, steps: 7, h0: true },
  { name: 'gru H=32 I=20 (hoisted input projection)', spec: { arch: 'gru', input_size: 20, hidden_size: 32, output_size: 1 }, batch: 6, steps: 5 },
  { name: 'gru H=72 I=4 (wider than the fused steps)', spec: { arch: 'gru', input_size: 4, hidden_size: 72, output_size: 1 }, batch: 5, steps: 6 },
];

describe.each(cpuVariants())('native float32 (gemm %s) on the fused small-H shapes stays within 1e-5', (variant) => {
  for (const c of SMALL_FUSED) {
    for (const threads of [1, 2]) {
      it(`${c.name}, ${threads} thread(s)`, () => {
        const errors = runCase(engineWithVariant(variant), c, 'float32', threads, 0.3);
        expect(worstOf(errors)[1], JSON.stringify(worstOf(errors))).toBeLessThan(1e-5);
      });
    }
  }
});

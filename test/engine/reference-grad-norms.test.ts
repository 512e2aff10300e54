// timestepGradNorms, checked independently: ||dL/dh_t|| by finite differences of the loss with respect to a
// perturbation of h_t (splitting the sequence at t), and the bidirectional and stacked norms rebuilt from
// single-direction, single-layer models run separately.
import { describe, expect, test } from 'vitest';
import { referenceEngine } from '../../src-main/core/engine/reference/index';
import type { BackwardSeeds, Model, SequenceBatch } from '../../src-main/core/engine/types';
import type { Weights } from '../../src-main/core/tensor';
import {
  makeSpec,
  maxRelativeError,
  randomDropoutMasks,
  randomInput,
  randomModel,
  randomSeeds,
  seededLoss,
  type SpecFields,
} from '../helpers/random-model';

/** Steps [from, to) of a batch-first (B, T, W) array. */
function steps(a: Float64Array, B: number, T: number, W: number, from: number, to: number): Float64Array {
  const out = new Float64Array(B * (to - from) * W);
  for (let b = 0; b < B; b++) out.set(a.subarray((b * T + from) * W, (b * T + to) * W), b * (to - from) * W);
  return out;
}

/** Reverses the time axis of a batch-first (B, T, W) array. */
function reversed(a: Float64Array, B: number, T: number, W: number): Float64Array {
  const out = new Float64Array(a.length);
  for (let b = 0; b < B; b++) {
    for (let t = 0; t < T; t++) out.set(a.subarray((b * T + t) * W, (b * T + t + 1) * W), (b * T + T - 1 - t) * W);
  }
  return out;
}

/** Columns [from, from+n) of a (rows, W) array. */
function columns(a: Float64Array, W: number, from: number, n: number): Float64Array {
  const rows = a.length / W;
  const out = new Float64Array(rows * n);
  for (let r = 0; r < rows; r++) out.set(a.subarray(r * W + from, r * W + from + n), r * n);
  return out;
}

/**
 * ||dL/dh_t|| for a one-layer forward-only model without a head, by finite differences: L depends on h_t through
 * output_t (seed dOutput_t, plus dhN when t = T-1) and through the rest of the sequence started from h0 = h_t
 * (with c0 = c_t for an LSTM, held fixed).
 */
function finiteDifferenceNorm(model: Model, input: SequenceBatch, seeds: BackwardSeeds, t: number): number {
  const { batch: B, steps: T } = input;
  const H = model.spec.hidden_size;
  const I = model.spec.input_size;
  const head = referenceEngine.forward(model, { batch: B, steps: t + 1, x: steps(input.x, B, T, I, 0, t + 1), h0: input.h0 });
  const ht = head.hN.slice();
  const local = steps(seeds.dOutput!, B, T, H, t, t + 1);
  const restSeeds: BackwardSeeds = { dOutput: steps(seeds.dOutput!, B, T, H, t + 1, T), dhN: seeds.dhN };
  const loss = (h: Float64Array): number => {
    let sum = 0;
    for (let i = 0; i < h.length; i++) sum += h[i] * (local[i] + (t === T - 1 ? seeds.dhN![i] : 0));
    if (t === T - 1) return sum;
    const rest: SequenceBatch = { batch: B, steps: T - t - 1, x: steps(input.x, B, T, I, t + 1, T), h0: h };
    if (head.cN) rest.c0 = head.cN;
    return sum + seededLoss(referenceEngine.forward(model, rest), restSeeds);
  };
  const eps = 1e-3;
  let normSq = 0;
  for (let i = 0; i < ht.length; i++) {
    const at = (k: number) => {
      const h = ht.slice();
      h[i] += k * eps;
      return loss(h);
    };
    const d = (8 * (at(1) - at(-1)) - (at(2) - at(-2))) / (12 * eps);
    normSq += d * d;
  }
  return Math.sqrt(normSq);
}

describe('timestepGradNorms equal finite-difference norms of dL/dh_t', () => {
  const cases: SpecFields[] = [
    { arch: 'rnn' },
    { arch: 'rnn', nonlinearity: 'relu' },
    { arch: 'lstm' },
    { arch: 'gru' },
    { arch: 'elman' },
    { arch: 'gated', input_size: 3 },
  ];
  test.each(cases)('$arch $nonlinearity', (fields) => {
    const model = randomModel(fields, 21, 0.8);
    const input = randomInput(model.spec, { batch: 2, steps: 5, h0: true });
    const seeds = { dOutput: randomSeeds(model.spec, 2, 5).dOutput, dhN: randomSeeds(model.spec, 2, 5).dhN };
    const norms = referenceEngine.forward(model, input).backward(seeds).timestepGradNorms;
    expect(norms).toHaveLength(1);
    const expected = Array.from({ length: 5 }, (_, t) => finiteDifferenceNorm(model, input, seeds, t));
    expect(maxRelativeError(norms[0], expected)).toBeLessThan(1e-8);
    // Not a constant: the gradient changes along the sequence.
    expect(Math.max(...expected) - Math.min(...expected)).toBeGreaterThan(1e-3);
  });
});

/** Weights of layer `l` direction suffix `from`, renamed to the single-layer names (`_l0`), plus extras. */
function layerWeights(weights: Weights, l: number, from: '' | '_reverse', extra: string[] = []): Weights {
  const out: Weights = {};
  for (const kind of ['weight_ih', 'weight_hh', 'bias_ih', 'bias_hh']) {
    const t = weights[`${kind}_l${l}${from}`];
    if (t) out[`${kind}_l0`] = t;
  }
  for (const name of extra) out[name] = weights[name];
  return out;
}

describe('bidirectional and stacked norms rebuild from separate single-direction models', () => {
  test('a bidirectional gru layer is a forward gru plus a gru over the reversed sequence', () => {
    const B = 2, T = 4, H = 3, I = 2;
    const model = randomModel({ arch: 'gru', input_size: I, hidden_size: H, bidirectional: true }, 8);
    const input = randomInput(model.spec, { batch: B, steps: T, h0: true });
    const seeds = randomSeeds(model.spec, B, T);
    const pass = referenceEngine.forward(model, input);
    const grads = pass.backward(seeds);

    const one = makeSpec({ arch: 'gru', input_size: I, hidden_size: H });
    const fw: Model = { spec: one, weights: layerWeights(model.weights, 0, '') };
    const bw: Model = { spec: one, weights: layerWeights(model.weights, 0, '_reverse') };
    const fwPass = referenceEngine.forward(fw, { batch: B, steps: T, x: input.x, h0: input.h0!.slice(0, B * H) });
    const bwPass = referenceEngine.forward(bw, { batch: B, steps: T, x: reversed(input.x, B, T, I), h0: input.h0!.slice(B * H) });
    expect(maxRelativeError(columns(pass.output, 2 * H, 0, H), fwPass.output)).toBeLessThan(1e-14);
    expect(maxRelativeError(columns(pass.output, 2 * H, H, H), reversed(bwPass.output, B, T, H))).toBeLessThan(1e-14);

    const dOut = seeds.dOutput!;
    const fwGrads = fwPass.backward({ dOutput: columns(dOut, 2 * H, 0, H), dhN: seeds.dhN!.slice(0, B * H) });
    const bwGrads = bwPass.backward({
      dOutput: reversed(columns(dOut, 2 * H, H, H), B, T, H),
      dhN: seeds.dhN!.slice(B * H),
    });
    const expected = Array.from({ length: T }, (_, t) =>
      Math.hypot(fwGrads.timestepGradNorms[0][t], bwGrads.timestepGradNorms[0][T - 1 - t]),
    );
    expect(maxRelativeError(grads.timestepGradNorms[0], expected)).toBeLessThan(1e-12);
    expect(maxRelativeError(grads.params['weight_hh_l0_reverse'], bwGrads.params['weight_hh_l0'])).toBeLessThan(1e-12);
  });

  test('a 2-layer lstm with dropout is layer 0, the mask, then layer 1 with the head', () => {
    const B = 2, T = 4, H = 3, I = 2;
    const model = randomModel({ arch: 'lstm', input_size: I, hidden_size: H, num_layers: 2, dropout: 0.4, output_size: 2, output_activation: 'softmax' }, 9);
    const input = randomInput(model.spec, { batch: B, steps: T, h0: true, c0: true });
    const [mask] = randomDropoutMasks(model.spec, B, T);
    const seeds = randomSeeds(model.spec, B, T);
    const pass = referenceEngine.forward(model, input, { training: true, dropoutMasks: [mask] });
    const grads = pass.backward(seeds);

    const m0: Model = { spec: makeSpec({ arch: 'lstm', input_size: I, hidden_size: H }), weights: layerWeights(model.weights, 0, '') };
    const m1: Model = {
      spec: makeSpec({ arch: 'lstm', input_size: H, hidden_size: H, output_size: 2, output_activation: 'softmax' }),
      weights: layerWeights(model.weights, 1, '', ['head.weight', 'head.bias']),
    };
    const rows = B * H;
    const p0 = referenceEngine.forward(m0, { batch: B, steps: T, x: input.x, h0: input.h0!.slice(0, rows), c0: input.c0!.slice(0, rows) });
    const x1 = p0.output.map((v, i) => v * mask[i]);
    const p1 = referenceEngine.forward(m1, { batch: B, steps: T, x: x1, h0: input.h0!.slice(rows), c0: input.c0!.slice(rows) });
    expect(maxRelativeError(pass.y!, p1.y!)).toBeLessThan(1e-14);
    expect(maxRelativeError(pass.layerStates[0], p0.output)).toBeLessThan(1e-14);

    const g1 = p1.backward({ dY: seeds.dY, dYPre: seeds.dYPre, dOutput: seeds.dOutput, dhN: seeds.dhN!.slice(rows), dcN: seeds.dcN!.slice(rows) });
    const g0 = p0.backward({ dOutput: g1.dx.map((v, i) => v * mask[i]), dhN: seeds.dhN!.slice(0, rows), dcN: seeds.dcN!.slice(0, rows) });
    expect(maxRelativeError(grads.timestepGradNorms[0], g0.timestepGradNorms[0])).toBeLessThan(1e-12);
    expect(maxRelativeError(grads.timestepGradNorms[1], g1.timestepGradNorms[0])).toBeLessThan(1e-12);
    expect(maxRelativeError(grads.dx, g0.dx)).toBeLessThan(1e-12);
    expect(maxRelativeError(grads.dc0!, new Float64Array([...g0.dc0!, ...g1.dc0!]))).toBeLessThan(1e-12);
  });
});

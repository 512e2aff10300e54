// Losses against torch (MSELoss, BCEWithLogitsLoss, CrossEntropyLoss; masked means via reduction='none'),
// value and gradient to 1e-12 relative; the seeds drive an engine's backward to the loss's true gradient;
// accuracy counts; one-line errors for inputs of the wrong shape.
import { describe, expect, it } from 'vitest';
import { InputShapeError } from '../../src-main/core/errors';
import { referenceEngine } from '../../src-main/core/engine/reference/index';
import { initWeights } from '../../src-main/core/spec/init';
import { parseModelSpec } from '../../src-main/core/spec/schema';
import {
  bceWithLogitsLoss,
  binaryAccuracy,
  categoricalAccuracy,
  computeLoss,
  crossEntropyLoss,
  mseLoss,
  type LossKind,
  type LossTargets,
} from '../../src-main/core/train/losses';
import { expectRelClose, lossCases, type LossCase } from './torch-fixtures';

function targetsOf(c: LossCase): LossTargets {
  return {
    batch: c.batch,
    steps: c.steps,
    outputs: c.outputs,
    at: c.target_at,
    target: c.target,
    targetKind: c.target_kind,
    mask: c.mask ?? undefined,
  };
}

function run(c: LossCase): { loss: number; grad: Float64Array } {
  const input = Float64Array.from(c.input);
  const targets = targetsOf(c);
  if (c.loss === 'mse') {
    const r = mseLoss(input, targets);
    return { loss: r.loss, grad: r.dY };
  }
  const r = (c.loss === 'bce' ? bceWithLogitsLoss : crossEntropyLoss)(input, targets);
  return { loss: r.loss, grad: r.dYPre };
}

const cases = lossCases();

describe('losses match torch', () => {
  it('covers every loss with and without masks, per-step and last-step targets, classes and distributions', () => {
    const kinds = new Set(cases.map((c) => `${c.loss}/${c.target_at}/${c.mask ? 'mask' : 'all'}`));
    for (const k of ['mse/each/all', 'mse/each/mask', 'mse/last/mask', 'bce/each/mask', 'bce/last/mask', 'ce/each/mask', 'ce/last/all']) {
      expect(kinds).toContain(k);
    }
    expect(cases.filter((c) => c.loss === 'ce').map((c) => c.target_kind)).toEqual(expect.arrayContaining(['class', 'values']));
  });

  for (const c of cases) {
    it(`${c.name}: loss and gradient`, () => {
      const { loss, grad } = run(c);
      expectRelClose([loss], [c.expected.loss], 'loss');
      expectRelClose(grad, c.expected.grad, 'gradient');
    });
  }

  it('large logits (|z| = 800) give finite losses and gradients', () => {
    for (const c of cases.filter((x) => x.name.endsWith('large-logits'))) {
      const { loss, grad } = run(c);
      expect(Number.isFinite(loss)).toBe(true);
      expect(grad.every(Number.isFinite)).toBe(true);
    }
  });
});

describe('the seeds drive backward() to the gradient of the loss', () => {
  // A finite difference of the loss through the reference engine's forward equals sum(dL/dy * dy/dw) from backward.
  const table: [LossKind, string, Record<string, unknown>][] = [
    ['mse', 'none', { at: 'each', target: [0.3, -0.2, 0.5, 0.1, -0.4, 0.2, 0.0, 0.6, -0.1, 0.2, 0.3, -0.5] }],
    ['bce', 'sigmoid', { at: 'last', target: [1, 0, 0, 1] }],
    ['ce', 'softmax', { at: 'each', target: [0, 1, 1, 0, 1, 0], targetKind: 'class', mask: [1, 1, 1, 1, 1, 0] }],
  ];
  for (const [kind, activation, target] of table) {
    it(`${kind} with a ${activation} head: directional derivative agrees to 1e-7`, () => {
      const outputs = 2;
      const spec = parseModelSpec({ arch: 'rnn', input_size: 2, hidden_size: 3, output_size: outputs, output_activation: activation, init: { seed: 3 } });
      const model = { spec, weights: initWeights(spec) };
      const batch = 2;
      const steps = 3;
      const x = Float64Array.from({ length: batch * steps * 2 }, (_, i) => Math.sin(1.7 * i));
      const targets = { batch, steps, outputs, ...target } as LossTargets;
      if (kind === 'bce') targets.target = Float64Array.from({ length: batch * outputs }, (_, i) => (i % 3 === 0 ? 1 : 0));
      const engine = referenceEngine;
      const lossAt = () => computeLoss(kind, engine.forward(model, { batch, steps, x }), targets).loss;
      const pass = engine.forward(model, { batch, steps, x });
      const grads = pass.backward(computeLoss(kind, pass, targets).seeds).params;
      const w = model.weights['weight_hh_l0'].data;
      const direction = Float64Array.from(w, (_, i) => Math.cos(i + 0.5));
      const h = 1e-5;
      const shift = (scale: number) => direction.forEach((d, i) => (w[i] += scale * d));
      shift(h);
      const plus = lossAt();
      shift(-2 * h);
      const minus = lossAt();
      shift(h);
      const numeric = (plus - minus) / (2 * h);
      const analytic = grads['weight_hh_l0'].reduce((s, g, i) => s + g * direction[i], 0);
      expect(Math.abs(numeric - analytic)).toBeLessThan(1e-7 * Math.max(1, Math.abs(analytic)));
      expect(Math.abs(analytic)).toBeGreaterThan(1e-4);
    });
  }
});

describe('accuracy', () => {
  // B = 2 sequences, T = 3 steps, O = 2; the second sequence's last step is padding.
  const mask = [1, 1, 1, 1, 1, 0];
  it('binary: element counts over real steps, sequences all right or not', () => {
    const logits = Float64Array.from([2, -1, 0.5, 0.3, -3, 1, /* b1 */ 1, 1, -2, -1, 9, 9]);
    const target = [1, 0, 1, 1, 0, 1, /* b1 */ 1, 0, 0, 0, 0, 0];
    const r = binaryAccuracy(logits, { batch: 2, steps: 3, outputs: 2, at: 'each', target, mask });
    expect(r).toEqual({ correct: 9, total: 10, perSequence: Uint8Array.of(1, 0), sequences: 2, sequencesCorrect: 1 });
    const probs = logits.map((z) => 1 / (1 + Math.exp(-z)));
    expect(binaryAccuracy(probs, { batch: 2, steps: 3, outputs: 2, at: 'each', target, mask }, 0.5)).toEqual(r);
  });

  it('categorical: arg-max against class indices or a distribution, at the last real step', () => {
    const logits = Float64Array.from([0, 1, 0, 0, 5, 1, /* b1 */ 2, 1, 0, 3, 7, 7]);
    const byClass = categoricalAccuracy(logits, { batch: 2, steps: 3, outputs: 2, at: 'last', target: [0, 0], targetKind: 'class', mask });
    expect(byClass).toMatchObject({ correct: 1, total: 2, sequencesCorrect: 1 });
    expect(Array.from(byClass.perSequence)).toEqual([1, 0]);
    const byDist = categoricalAccuracy(logits, { batch: 2, steps: 3, outputs: 2, at: 'last', target: [0.2, 0.8, 0.3, 0.7], mask });
    expect(byDist.correct).toBe(1);
  });
});

describe('errors are one line saying what was expected and found', () => {
  const base = { batch: 2, steps: 2, outputs: 2, at: 'each' as const, target: new Float64Array(8) };
  const y = new Float64Array(8);
  const table: [string, () => unknown, string][] = [
    ['outputs of another size', () => mseLoss(new Float64Array(6), base), 'MSE loss: expected outputs of (B, T, O) = (2, 2, 2), 8 values, found 6'],
    ['no head', () => crossEntropyLoss(null, base), "cross-entropy: expected the model's head output, found a model without a head"],
    ['targets of another size', () => bceWithLogitsLoss(y, { ...base, at: 'last' }), 'binary cross-entropy: expected last-step targets of (B, O), 4 values, found 8'],
    ['class targets of another size', () => crossEntropyLoss(y, { ...base, targetKind: 'class' }), 'cross-entropy: expected per-step targets of (B, T), 4 values, found 8'],
    ['class out of range', () => crossEntropyLoss(y, { ...base, target: [0, 1, 2, 1], targetKind: 'class' }), 'cross-entropy: expected class indices from 0 to 1, found 2 in target row 2'],
    ['class targets for MSE', () => mseLoss(y, { ...base, targetKind: 'class' }), 'MSE loss: expected target values, found class indices (only cross-entropy takes them)'],
    ['mask of another size', () => mseLoss(y, { ...base, mask: [1, 1, 1] }), 'MSE loss: expected a step mask of (B, T), 4 values, found 3'],
    ['mask not 0/1', () => mseLoss(y, { ...base, mask: [1, 0.5, 1, 1] }), 'MSE loss: expected a step mask of 0 and 1, found 0.5 at index 1'],
    ['all padding', () => mseLoss(y, { ...base, mask: [0, 0, 0, 0] }), 'MSE loss: expected at least one real step, found a mask of zeros'],
    ['an empty sequence with last-step targets', () => mseLoss(y, { ...base, at: 'last', target: new Float64Array(4), mask: [1, 1, 0, 0] }),
      'MSE loss: expected at least one real step in sequence 1, found none in its mask'],
  ];
  for (const [what, call, message] of table) {
    it(what, () => expect(call).toThrow(new InputShapeError(message)));
  }
});

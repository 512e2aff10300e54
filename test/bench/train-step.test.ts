// The benchmarked training step is a real gradient step: the MSE gradient is right, the SGD update follows the
// true gradient of the loss (first-order check), and a step lowers the loss, on every engine that loads.
import { describe, expect, it } from 'vitest';
import { benchSpec, parseBenchConfig } from '../../src-main/core/bench/config';
import { makeBenchProblem, mseLoss, trainStep, type BenchProblem } from '../../src-main/core/bench/train-step';
import { loadNativeEngine } from '../../src-main/core/engine/native/index';
import { referenceEngine } from '../../src-main/core/engine/reference/index';
import type { Engine } from '../../src-main/core/engine/types';
import { cloneWeights } from '../../src-main/core/tensor';

function evalLoss(engine: Engine, problem: BenchProblem): number {
  const y = engine.forward(problem.model, problem.input, { precision: 'float64' }).y;
  return mseLoss(y!, problem.targets).loss;
}

function tinyProblem(arch: 'rnn' | 'lstm' | 'gru', numLayers = 1): BenchProblem {
  const config = parseBenchConfig({ arch, input_size: 3, hidden_size: 5, num_layers: numLayers, seq_len: 6, batch: 4 });
  return makeBenchProblem(benchSpec(config), config.batch, config.seq_len, 3);
}

describe('mseLoss', () => {
  it('returns the mean squared error and its gradient 2(y - t)/N', () => {
    const y = Float64Array.from([1, 2, -1, 0.5]);
    const t = Float64Array.from([0, 2, 1, 0]);
    const { loss, dY } = mseLoss(y, t);
    expect(loss).toBeCloseTo((1 + 0 + 4 + 0.25) / 4, 15);
    expect(Array.from(dY)).toEqual([0.5, 0, -1, 0.25]);
    for (let i = 0; i < y.length; i++) {
      const h = 1e-6;
      const up = Float64Array.from(y);
      const down = Float64Array.from(y);
      up[i] += h;
      down[i] -= h;
      expect((mseLoss(up, t).loss - mseLoss(down, t).loss) / (2 * h)).toBeCloseTo(dY[i], 8);
    }
    expect(() => mseLoss(y, t.subarray(1))).toThrow('expected targets and dY of length 4 like y, found 3 and 4');
  });
});

const native = loadNativeEngine();
const engines: [string, Engine | null][] = [
  ['reference', referenceEngine],
  ['native', native.ok ? native.engine : null],
];

describe.each(engines)('trainStep on the %s engine', (_name, maybeEngine) => {
  const available = maybeEngine !== null;
  const engine = maybeEngine as Engine;

  it.skipIf(!available).each([['rnn', 1], ['lstm', 2], ['gru', 1]] as const)(
    '%s L=%i: the update is -lr * dLoss/dw (first-order loss change matches lr*|g|^2)',
    (arch, layers) => {
      const problem = tinyProblem(arch, layers);
      const before = cloneWeights(problem.model.weights);
      const lr = 1e-4;
      const loss0 = trainStep(engine, problem, lr, { precision: 'float64' });
      expect(loss0).toBeCloseTo(evalLoss(engine, { ...problem, model: { ...problem.model, weights: before } }), 12);
      let step2 = 0; // ||w0 - w1||^2 = lr^2 |g|^2
      for (const [k, t] of Object.entries(before)) {
        for (let i = 0; i < t.data.length; i++) step2 += (t.data[i] - problem.model.weights[k].data[i]) ** 2;
      }
      expect(step2).toBeGreaterThan(0);
      const predictedDrop = step2 / lr; // lr * |g|^2
      const actualDrop = loss0 - evalLoss(engine, problem);
      expect(actualDrop / predictedDrop).toBeCloseTo(1, 3);
    },
  );

  it.skipIf(!available).each(['float64', 'float32'] as const)('%s: steps with a usable learning rate keep lowering the loss', (precision) => {
    const problem = tinyProblem('lstm');
    const losses = Array.from({ length: 5 }, () => trainStep(engine, problem, 0.5, { precision }));
    losses.push(evalLoss(engine, problem));
    for (let i = 1; i < losses.length; i++) expect(losses[i]).toBeLessThan(losses[i - 1]);
  });

});

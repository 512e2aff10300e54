// The cloze task does what it claims with real networks: a small bidirectional RNN trained with Adam on the
// reference engine fills in the blank, the same network run forward-only stays at chance on unseen strings.
import { describe, expect, it } from 'vitest';
import { referenceEngine } from '../../src-main/core/engine/reference/index';
import type { Model } from '../../src-main/core/engine/types';
import { initWeights } from '../../src-main/core/spec/init';
import { parseModelSpec } from '../../src-main/core/spec/schema';
import { makeBatches, padBatch, toSequenceBatch, unbatchOutputs } from '../../src-main/core/tasks/batching';
import { clozeTask } from '../../src-main/core/tasks/cloze';
import { Random } from '../../src-main/core/random';
import type { Sequence, TaskData } from '../../src-main/core/tasks/types';

/** Minimal masked softmax-cross-entropy training with Adam (lr 0.03); the real training loop lives elsewhere. */
function train(model: Model, data: TaskData, steps: number): void {
  const { inputSize: I, outputSize: O } = data;
  const moments = Object.fromEntries(Object.entries(model.weights).map(([k, t]) => [k, [new Float64Array(t.data.length), new Float64Array(t.data.length)]]));
  const random = new Random(1);
  let batches: number[][] = [];
  for (let step = 1; step <= steps; step++) {
    if (batches.length === 0) batches = makeBatches(data.train, 32, { random, equalLengths: true });
    const batch = padBatch((batches.pop() as number[]).map((i) => data.train[i]), I, O);
    const pass = referenceEngine.forward(model, toSequenceBatch(batch));
    const y = pass.y as Float64Array;
    const dYPre = new Float64Array(y.length);
    const scored = batch.lossMask.reduce((a, b) => a + b, 0);
    for (let row = 0; row < batch.lossMask.length; row++) {
      if (!batch.lossMask[row]) continue;
      for (let k = 0; k < O; k++) dYPre[row * O + k] = (y[row * O + k] - batch.target[row * O + k]) / scored;
    }
    const grads = pass.backward({ dYPre }).params;
    for (const [name, tensor] of Object.entries(model.weights)) {
      const [m, v] = moments[name];
      const g = grads[name];
      for (let i = 0; i < g.length; i++) {
        m[i] = 0.9 * m[i] + 0.1 * g[i];
        v[i] = 0.999 * v[i] + 0.001 * g[i] * g[i];
        const mHat = m[i] / (1 - 0.9 ** step);
        const vHat = v[i] / (1 - 0.999 ** step);
        tensor.data[i] -= (0.03 * mHat) / (Math.sqrt(vHat) + 1e-8);
      }
    }
  }
}

function predict(model: Model, split: Sequence[], data: TaskData) {
  const batch = padBatch(split, data.inputSize, data.outputSize);
  return unbatchOutputs(referenceEngine.forward(model, toSequenceBatch(batch)).y as Float64Array, batch.lengths, data.outputSize);
}

describe('cloze with real networks', () => {
  const data = clozeTask.generate({ symbols: 2, length: 6, offset: 2, trainSize: 256, validationSize: 10, testSize: 400 }, 3);

  it.each([
    [true, 0.95, 1.01],
    [false, 0.4, 0.6],
  ])('bidirectional %s: test accuracy in [%f, %f)', (bidirectional, low, high) => {
    const spec = parseModelSpec({
      arch: 'rnn', input_size: 3, hidden_size: 8, bidirectional, output_size: 2, output_activation: 'softmax', init: { seed: 5 },
    });
    const model = { spec, weights: initWeights(spec) };
    train(model, data, 250);
    const accuracy = clozeTask.evaluate(predict(model, data.test, data), data.test).scalars.accuracy;
    expect(accuracy).toBeGreaterThanOrEqual(low);
    expect(accuracy).toBeLessThan(high);
  });
});

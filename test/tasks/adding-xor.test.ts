// Adding problem and temporal XOR: targets recomputed from the inputs, marker placement, masks, and metrics.
import { describe, expect, it } from 'vitest';
import { addingTask } from '../../src-main/core/tasks/adding';
import { temporalXorTask } from '../../src-main/core/tasks/temporal-xor';

describe('adding problem', () => {
  const data = addingTask.generate({ length: 20, testLength: 40, trainSize: 200, validationSize: 50, testSize: 300 }, 6);

  it('the target is the sum of the two marked values, one marker in each half', () => {
    for (const s of [...data.train, ...data.test]) {
      const T = s.length;
      const marked = Array.from({ length: T }, (_, t) => t).filter((t) => s.x[t * 2 + 1] === 1);
      expect(marked.length).toBe(2);
      expect(marked[0]).toBeLessThan(Math.floor(T / 2));
      expect(marked[1]).toBeGreaterThanOrEqual(Math.floor(T / 2));
      expect(s.target[T - 1]).toBe(s.x[marked[0] * 2] + s.x[marked[1] * 2]);
      expect([...s.targetMask].reduce((a, b) => a + b, 0)).toBe(1);
      expect(s.targetMask[T - 1]).toBe(1);
      for (let t = 0; t < T; t++) {
        expect(s.x[t * 2]).toBeGreaterThanOrEqual(0);
        expect(s.x[t * 2]).toBeLessThan(1);
      }
    }
    expect(data.train[0].length).toBe(20);
    expect(data.test[0].length).toBe(40);
  });

  it('MSE is 0 for exact sums and about 1/6 for always answering 1', () => {
    const exact = data.test.map((s) => s.target.slice());
    expect(addingTask.evaluate(exact, data.test).scalars).toMatchObject({ mse: 0, solved_fraction: 1 });
    const ones = data.test.map((s) => new Float64Array(s.length).fill(1));
    const m = addingTask.evaluate(ones, data.test);
    // Var(U1 + U2) = 1/6; 300 samples put the estimate within about 0.03.
    expect(Math.abs(m.scalars.mse - 1 / 6)).toBeLessThan(0.04);
    expect(Math.abs(m.scalars.baseline_mse - 1 / 6)).toBeLessThan(0.04);
  });
});

describe('temporal XOR', () => {
  const data = temporalXorTask.generate({ length: 30, trainSize: 20, validationSize: 5, testSize: 5 }, 3);

  it('every third bit is the XOR of the two before it; the target is the next bit', () => {
    for (const s of data.train) {
      const bits = [...s.x, s.target[s.length - 1]];
      for (let i = 2; i < bits.length; i += 3) expect(bits[i]).toBe(bits[i - 2] ^ bits[i - 1]);
      for (let t = 0; t < s.length; t++) expect(s.target[t]).toBe(bits[t + 1]);
      expect([...(s.meta?.deterministic ?? [])]).toEqual(Array.from({ length: 30 }, (_, t) => (t % 3 === 1 ? 1 : 0)));
      expect([...s.targetMask].every((m) => m === 1)).toBe(true);
    }
  });

  it('can put the loss on the predictable steps only', () => {
    const only = temporalXorTask.generate({ length: 9, trainSize: 2, validationSize: 1, testSize: 1, lossOnDeterministicOnly: true }, 3);
    expect([...only.train[0].targetMask]).toEqual([0, 1, 0, 0, 1, 0, 0, 1, 0]);
  });

  it('an XOR oracle is right on every predictable step and at chance on the others', () => {
    const oracle = data.test.map((s) => Float64Array.from({ length: s.length }, (_, t) => (t % 3 === 1 ? s.x[t - 1] ^ s.x[t] : 0.5)));
    const m = temporalXorTask.evaluate(oracle, data.test);
    expect(m.primary).toEqual({ name: 'xor_accuracy', value: 1, higherIsBetter: true });
    expect(m.scalars.mse_predicting_xor_bit).toBe(0);
    expect(m.scalars.mse_predicting_first_bit).toBe(0.25);
    expect(m.scalars.mse_predicting_second_bit).toBe(0.25);
  });
});

// SGD, Adam and RMSprop against torch.optim (1.13, float64) over six steps with per-step learning rates,
// every option, and parameters skipped when they have no gradient. Options not in a case take the settings'
// defaults, which must be torch's.
import { describe, expect, it } from 'vitest';
import { expectRelClose, gradsAt, optimizerCases, optimizerFor, weightsOf } from './torch-fixtures';

const cases = optimizerCases();

describe('optimisers match torch.optim', () => {
  it('covers every optimiser and option', () => {
    const kinds = new Set(cases.map((c) => c.optimizer));
    expect([...kinds].sort()).toEqual(['adam', 'rmsprop', 'sgd']);
    const options = new Set(cases.flatMap((c) => Object.keys(c.options)));
    for (const o of ['momentum', 'dampening', 'nesterov', 'weight_decay', 'beta1', 'beta2', 'eps', 'amsgrad', 'alpha', 'centered']) {
      expect(options).toContain(o);
    }
    expect(cases.some((c) => c.grads.some((g) => Object.keys(g).length < Object.keys(c.params).length))).toBe(true);
  });

  for (const c of cases) {
    it(`${c.name}: parameters after each of ${c.lrs.length} steps`, () => {
      const weights = weightsOf(c);
      const optimizer = optimizerFor(c);
      c.lrs.forEach((lr, step) => {
        optimizer.step(weights, gradsAt(c, step), lr);
        for (const [name, expected] of Object.entries(c.expected[step])) {
          expectRelClose(weights[name].data, expected, `step ${step + 1}, ${name}`);
        }
      });
    });
  }
});

// BackwardOptions.inputGradient = false on the native engine: dx comes back empty and every other gradient (params,
// dh0, dc0, dy0, per-step norms) is exactly what a backward computing dx gives, for every family (the scan families
// skip the product; jordan and gated compute it and drop it), on every GEMM variant. The reference engine ignores it.
import { describe, expect, it } from 'vitest';
import { referenceEngine } from '../../src-main/core/engine/reference/index';
import type { Gradients } from '../../src-main/core/engine/types';
import { cpuVariants, engineWithVariant } from '../kernel/variants';
import { makeSpec, randomInput, randomModel, randomSeeds, type SpecFields } from '../helpers/random-model';

const FAMILIES: SpecFields[] = [
  { arch: 'rnn', hidden_size: 16, num_layers: 2, bidirectional: true },
  { arch: 'lstm', hidden_size: 32, input_size: 4 },
  { arch: 'gru', hidden_size: 8 },
  { arch: 'elman', output_size: 2, shortcut: true },
  { arch: 'jordan', output_size: 2 },
  { arch: 'gated', input_size: 3, output_size: 2 },
];

function sameExceptDx(a: Gradients, b: Gradients): void {
  for (const name of Object.keys(b.params)) expect(Array.from(a.params[name]), name).toEqual(Array.from(b.params[name]));
  expect(Array.from(a.dh0)).toEqual(Array.from(b.dh0));
  expect(a.dc0 && Array.from(a.dc0)).toEqual(b.dc0 && Array.from(b.dc0));
  expect(a.dy0 && Array.from(a.dy0)).toEqual(b.dy0 && Array.from(b.dy0));
  a.timestepGradNorms.forEach((n, l) => expect(Array.from(n)).toEqual(Array.from(b.timestepGradNorms[l])));
}

describe.each(cpuVariants())('backward without dx (gemm %s)', (variant) => {
  for (const fields of FAMILIES) {
    it(`${fields.arch}: dx empty, the rest unchanged`, () => {
      const spec = makeSpec(fields);
      const model = randomModel(spec, 5);
      const input = randomInput(spec, { batch: 5, steps: 6, oneHot: fields.arch === 'gated' });
      const seeds = randomSeeds(spec, 5, 6);
      for (const precision of ['float32', 'float64'] as const) {
        const pass = engineWithVariant(variant).forward(model, input, { precision });
        const full = pass.backward(seeds);
        const lean = pass.backward(seeds, { inputGradient: false });
        expect(full.dx.length).toBe(5 * 6 * spec.input_size);
        expect(lean.dx.length).toBe(0);
        sameExceptDx(lean, full);
      }
    });
  }
});

it('the reference engine computes dx whatever the option', () => {
  const spec = makeSpec({ arch: 'rnn' });
  const pass = referenceEngine.forward(randomModel(spec), randomInput(spec));
  expect(pass.backward(randomSeeds(spec, 2, 3), { inputGradient: false }).dx.length).toBe(2 * 3 * spec.input_size);
});

// ForwardPass.release on the native engine: a released pass's cache buffer is reused by the next forward pass of the
// same size (the results are those of a pass on a fresh buffer), arrays read before release stay valid, and using a
// released pass throws one clear line instead of reading another pass's memory. The reference engine has no release.
import { describe, expect, it } from 'vitest';
import { referenceEngine } from '../../src-main/core/engine/reference/index';
import type { ForwardOptions } from '../../src-main/core/engine/types';
import { engineWithVariant, widestVariant } from '../kernel/variants';
import { makeSpec, randomInput, randomModel, randomSeeds } from '../helpers/random-model';

const engine = engineWithVariant(widestVariant());
const OPTIONS: ForwardOptions = { training: true, precision: 'float32', threads: 1 };

function problem(arch: 'rnn' | 'lstm' | 'gru', seed: number) {
  const spec = makeSpec({ arch, output_size: 2 });
  return { model: randomModel(spec, seed), input: randomInput(spec, { batch: 3, steps: 5, seed: seed + 1 }), spec };
}

describe('ForwardPass.release (native engine)', () => {
  it('a pass on a reused buffer gives the results of a pass on a fresh one', () => {
    for (const arch of ['rnn', 'lstm', 'gru'] as const) {
      const a = problem(arch, 11);
      const b = problem(arch, 29);
      const seeds = randomSeeds(a.spec, 3, 5, 7);
      const fresh = engine.forward(b.model, b.input, OPTIONS);
      const wantY = fresh.y!.slice();
      const wantGrads = fresh.backward(seeds);
      // Another model of the same sizes runs first and releases its buffer, which the next pass then takes.
      const first = engine.forward(a.model, a.input, OPTIONS);
      first.backward(seeds);
      first.release!();
      const reused = engine.forward(b.model, b.input, OPTIONS);
      expect(Array.from(reused.y!)).toEqual(Array.from(wantY));
      const grads = reused.backward(seeds);
      for (const name of Object.keys(wantGrads.params)) {
        expect(Array.from(grads.params[name]), `${arch} ${name}`).toEqual(Array.from(wantGrads.params[name]));
      }
      expect(Array.from(grads.dx)).toEqual(Array.from(wantGrads.dx));
      reused.release!();
    }
  });

  it('keeps what was read before release and refuses backward and unread results after it', () => {
    const { model, input, spec } = problem('lstm', 3);
    const pass = engine.forward(model, input, OPTIONS);
    const y = pass.y!;
    const grads = pass.backward(randomSeeds(spec, 3, 5, 4));
    const dW = grads.params.weight_hh_l0.slice();
    pass.release!();
    pass.release!(); // a second release is a no-op
    // The next pass takes the released buffer; what was read from the old one is unchanged.
    const other = engine.forward(problem('lstm', 8).model, input, OPTIONS);
    expect(pass.y).toBe(y);
    expect(Array.from(grads.params.weight_hh_l0)).toEqual(Array.from(dW));
    expect(() => pass.backward(randomSeeds(spec, 3, 5, 4))).toThrow(/expected a forward pass that was not released/);
    expect(() => pass.hN).toThrow(/expected a forward pass that was not released/);
    other.release!();
  });

  it('a buffer of another size is not reused: passes of another shape still run', () => {
    const { model, input, spec } = problem('gru', 5);
    engine.forward(model, input, OPTIONS).release!();
    const longer = randomInput(spec, { batch: 3, steps: 9, seed: 2 });
    const pass = engine.forward(model, longer, OPTIONS);
    const want = referenceEngine.forward(model, longer, { training: true });
    const worst = Math.max(...Array.from(pass.y!, (v, i) => Math.abs(v - want.y![i])));
    expect(worst).toBeLessThan(1e-4);
  });

  it('the reference engine has no release (callers write pass.release?.())', () => {
    const { model, input } = problem('rnn', 1);
    expect(referenceEngine.forward(model, input).release).toBeUndefined();
  });
});

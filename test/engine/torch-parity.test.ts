// Parity with PyTorch: every engine reproduces the torch fixtures' forward values and BPTT gradients to 1e-6.
// The fixtures (test/fixtures/torch, see its README) hold torch 1.13's float64 results for all six families.
import { describe, expect, it } from 'vitest';
import { loadNativeEngine } from '../../src-main/core/engine/native/index';
import { referenceEngine } from '../../src-main/core/engine/reference/index';
import type { Engine } from '../../src-main/core/engine/types';
import { paramLayout } from '../../src-main/core/spec/params';
import { ARCHITECTURES, TORCH_ARCHITECTURES } from '../../src-main/core/spec/types';
import { loadTorchFixtures, type TorchFixture } from '../helpers/fixtures';

/** The engines held to PyTorch: the reference engine and the native kernel (float64), which must be built. */
async function enginesUnderTest(): Promise<Engine[]> {
  const native = loadNativeEngine();
  if (!native.ok) throw new Error(`the native kernel must be built for the torch parity tests: ${native.reason}`);
  return [referenceEngine, native.engine];
}

/**
 * Tolerance, relative to the largest magnitude of the expected array: |got_i - want_i| <= TOL * max_j |want_j|.
 * Both sides compute in float64, so honest differences are rounding (~1e-15 of the array's scale). Scaling by the
 * array's norm rather than each entry keeps near-zero entries (gradients that cancel to ~1e-17 in a different
 * summation order, dead ReLU units) from failing on noise, while any real bug (wrong gate, missing term, wrong
 * direction or time step) moves entries by a sizeable fraction of that scale. An all-zero expected array (an
 * unused parameter) falls back to an absolute bound of TOL * ZERO_SCALE.
 */
const TOL = 1e-6;
const ZERO_SCALE = 1e-6;

interface Mismatch {
  what: string;
  /** Worst |got - want| divided by the expected array's scale. */
  error: number;
  detail: string;
}

function compare(what: string, got: ArrayLike<number> | null | undefined, want: Float64Array): Mismatch {
  if (!got) return { what, error: Infinity, detail: 'missing from the engine result' };
  if (got.length !== want.length) {
    return { what, error: Infinity, detail: `expected ${want.length} numbers, found ${got.length}` };
  }
  let scale = ZERO_SCALE;
  for (const v of want) scale = Math.max(scale, Math.abs(v));
  let worst = 0;
  let at = 0;
  for (let i = 0; i < want.length; i++) {
    const diff = Math.abs(got[i] - want[i]);
    if (!(diff <= worst)) [worst, at] = [diff, i]; // NaN counts as the worst
  }
  const error = Number.isNaN(worst) ? Infinity : worst / scale;
  return { what, error, detail: `[${at}] got ${got[at]}, want ${want[at]}` };
}

function runFixture(engine: Engine, fx: TorchFixture): Mismatch[] {
  const pass = engine.forward(fx.model, fx.input, {
    training: fx.training,
    dropoutMasks: fx.dropoutMasks,
    precision: 'float64',
  });
  const grads = pass.backward(fx.seeds);
  const want = fx.expected;
  const results = [compare('output', pass.output, want.output), compare('h_n', pass.hN, want.hN)];
  if (want.y) results.push(compare('y', pass.y, want.y));
  if (want.cN) results.push(compare('c_n', pass.cN, want.cN));
  for (const [name, g] of Object.entries(want.grads)) results.push(compare(`grad ${name}`, grads.params[name], g));
  results.push(compare('dx', grads.dx, want.dx));
  if (want.dh0) results.push(compare('dh0', grads.dh0, want.dh0));
  if (want.dc0) results.push(compare('dc0', grads.dc0, want.dc0));
  if (want.dy0) results.push(compare('dy0', grads.dy0, want.dy0));
  return results;
}

const fixtures = loadTorchFixtures();
const engines = await enginesUnderTest();

describe.each(engines)('$name engine matches PyTorch', (engine) => {
  it.each(fixtures)('$name', (fx) => {
    const results = runFixture(engine, fx);
    const worst = results.reduce((a, b) => (b.error > a.error ? b : a));
    const failing = results.filter((r) => !(r.error <= TOL)).map((r) => `${r.what} ${r.error.toExponential(2)}`);
    const summary =
      `${fx.name}: worst ${worst.what} relative error ${worst.error.toExponential(2)} ${worst.detail}` +
      (failing.length ? `; over ${TOL.toExponential(0)}: ${failing.join(', ')}` : '');
    expect(worst.error, summary).toBeLessThanOrEqual(TOL);
  });
});

describe('torch fixture set', () => {
  it('names its parameters exactly as paramLayout does, with gradients for each', () => {
    for (const fx of fixtures) {
      const layout = paramLayout(fx.model.spec).map((p) => `${p.name} [${p.shape}]`);
      const stored = Object.entries(fx.model.weights).map(([name, t]) => `${name} [${t.shape}]`);
      expect(stored, fx.name).toEqual(layout);
      expect(Object.keys(fx.expected.grads), fx.name).toEqual(Object.keys(fx.model.weights));
    }
  });

  // What the set must keep covering, so deleting a fixture cannot silently shrink the parity test.
  const isTorch = (fx: TorchFixture) => (TORCH_ARCHITECTURES as readonly string[]).includes(fx.model.spec.arch);
  const oneHot = (fx: TorchFixture) => fx.input.x.every((v) => v === 0 || v === 1);
  type Feature = [string, (fx: TorchFixture) => boolean];
  const coverage: Feature[] = [
    ...ARCHITECTURES.map((a): Feature => [`arch ${a}`, (fx) => fx.model.spec.arch === a]),
    ...TORCH_ARCHITECTURES.flatMap((a) =>
      [1, 2, 3].map((l): Feature => [
        `${a} with ${l} layer(s)`,
        (fx) => fx.model.spec.arch === a && fx.model.spec.num_layers === l,
      ]),
    ),
    ...TORCH_ARCHITECTURES.flatMap((a): Feature[] => [
      [`${a} bidirectional`, (fx) => fx.model.spec.arch === a && fx.model.spec.bidirectional],
      [`${a} without bias`, (fx) => fx.model.spec.arch === a && !fx.model.spec.bias],
      [`${a} built time-major`, (fx) => fx.model.spec.arch === a && !fx.model.spec.batch_first],
      [`${a} with h0`, (fx) => fx.model.spec.arch === a && fx.input.h0 !== undefined],
      [`${a} with a head`, (fx) => fx.model.spec.arch === a && fx.model.spec.output_size > 0],
      [`${a} with dropout masks`, (fx) => fx.model.spec.arch === a && (fx.dropoutMasks?.length ?? 0) > 0],
    ]),
    ['rnn relu', (fx) => fx.model.spec.arch === 'rnn' && fx.model.spec.nonlinearity === 'relu'],
    ['lstm with c0', (fx) => fx.input.c0 !== undefined],
    ['a torch family without h0', (fx) => isTorch(fx) && fx.input.h0 === undefined],
    ['T = 1', (fx) => fx.input.steps === 1],
    ['B = 1', (fx) => fx.input.batch === 1],
    ['head none', (fx) => fx.model.spec.output_size > 0 && fx.model.spec.output_activation === 'none'],
    ['head sigmoid', (fx) => fx.model.spec.output_activation === 'sigmoid'],
    ['head softmax', (fx) => fx.model.spec.output_activation === 'softmax'],
    ['elman relu', (fx) => fx.model.spec.arch === 'elman' && fx.model.spec.nonlinearity === 'relu'],
    ['elman shortcut', (fx) => fx.model.spec.shortcut],
    ['elman without bias', (fx) => fx.model.spec.arch === 'elman' && !fx.model.spec.bias],
    ['jordan with y0', (fx) => fx.input.y0 !== undefined],
    ['jordan with y0 = 0', (fx) => fx.model.spec.arch === 'jordan' && fx.input.y0 === undefined],
    ['gated learned h0', (fx) => fx.model.spec.learn_h0 && fx.input.h0 === undefined],
    ['gated learned h0 overridden by input', (fx) => fx.model.spec.learn_h0 && fx.input.h0 !== undefined],
    ['gated one-hot input', (fx) => fx.model.spec.arch === 'gated' && oneHot(fx)],
    ['gated real-valued input', (fx) => fx.model.spec.arch === 'gated' && !oneHot(fx)],
  ];
  it.each(coverage)('includes %s', (_what, predicate) => {
    expect(fixtures.filter(predicate).map((fx) => fx.name)).not.toEqual([]);
  });
});

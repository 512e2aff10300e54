// Bad calls into the kernel binding throw catchable TypeError/RangeError naming what was expected and what was
// found: short buffers, wrong dtypes, negative/NaN/fractional sizes, wrong types, foreign or truncated caches.
// The process survives every one of them and the addon still computes afterwards.
import { beforeAll, describe, expect, it } from 'vitest';
import { loadAddon, type KernelAddon, type KernelModel } from '../../src-main/core/engine/native/addon';

let addon: KernelAddon;
let model: KernelModel;
// rnn, I=3, H=32, one layer, head of 2 outputs: weight_hh_l0 is (32, 32).
const config = { arch: 0, input: 3, hidden: 32, layers: 1, directions: 1, output: 2, bias: true, relu: false, outAct: 0, shortcut: false, learnH0: false };
const B = 2;
const T = 4;

function goodWeights(): Float64Array[] {
  return [new Float64Array(96), new Float64Array(1024), new Float64Array(32), new Float64Array(32), new Float64Array(64), new Float64Array(2)];
}

function forwardArgs(overrides: Record<number, unknown> = {}): unknown[] {
  const cache = new ArrayBuffer(model.cacheBytes(B, T, false, 1, false, false));
  const args: unknown[] = [cache, goodWeights(), new Float64Array(B * T * 3), B, T, null, null, null, null, false, 1];
  for (const [i, v] of Object.entries(overrides)) args[Number(i)] = v;
  return args;
}

function callForward(args: unknown[]): void {
  (model.forward as (...a: unknown[]) => void)(...args);
}

beforeAll(() => {
  const load = loadAddon();
  if (!load.ok) throw new Error(`the native kernel must be built for these tests: ${load.reason}`);
  addon = load.addon;
  model = new addon.Model(config);
});

describe('kernel binding rejects bad calls with catchable errors', () => {
  const cases: { name: string; overrides: Record<number, unknown>; error: typeof TypeError | typeof RangeError; message: RegExp }[] = [
    { name: 'a short weight', overrides: { 1: [new Float64Array(96), new Float64Array(1000), ...goodWeights().slice(2)] }, error: RangeError, message: /^weight_hh_l0: expected 1024 float64 values \(shape \[32, 32\]\), found 1000$/ },
    { name: 'a float32 weight', overrides: { 1: [new Float32Array(96), ...goodWeights().slice(1)] }, error: TypeError, message: /^weight_ih_l0: expected a Float64Array, found a Float32Array$/ },
    { name: 'too few weights', overrides: { 1: goodWeights().slice(1) }, error: RangeError, message: /^weights: expected 6 tensors, found 5$/ },
    { name: 'weights not an array', overrides: { 1: 'weights' }, error: TypeError, message: /^weights: expected an array of Float64Array, found a string$/ },
    { name: 'a short x', overrides: { 2: new Float64Array(B * T * 3 - 1) }, error: RangeError, message: /^x: expected 24 float64 values \(shape \[2, 4, 3\]\), found 23$/ },
    { name: 'x as a plain array', overrides: { 2: [1, 2, 3] }, error: TypeError, message: /^x: expected a Float64Array, found an array$/ },
    { name: 'a negative batch', overrides: { 3: -2 }, error: RangeError, message: /^batch: expected a whole number from 1 to \d+, found -2$/ },
    { name: 'a NaN batch', overrides: { 3: NaN }, error: RangeError, message: /^batch: expected a whole number from 1 to \d+, found NaN$/ },
    { name: 'a fractional step count', overrides: { 4: 2.5 }, error: RangeError, message: /^steps: expected a whole number from 1 to \d+, found 2.5$/ },
    { name: 'an infinite step count', overrides: { 4: Infinity }, error: RangeError, message: /^steps: expected a whole number/ },
    { name: 'steps as a string', overrides: { 4: '4' }, error: TypeError, message: /^steps: expected a number, found a string$/ },
    { name: 'a wrong-sized h0', overrides: { 5: new Float64Array(5) }, error: RangeError, message: /^h0: expected 64 float64 values \(shape \[1, 2, 32\]\), found 5$/ },
    { name: 'masks on a one-layer model', overrides: { 8: [new Float64Array(1)] }, error: RangeError, message: /^masks: expected 0 dropout masks/ },
    { name: 'float32 flag as a number', overrides: { 9: 1 }, error: TypeError, message: /^float32: expected true or false, found the number 1$/ },
    { name: 'zero threads', overrides: { 10: 0 }, error: RangeError, message: /^threads: expected a whole number from 1 to 256, found 0$/ },
    { name: 'a cache of the wrong size', overrides: { 0: new ArrayBuffer(16) }, error: RangeError, message: /^cache: expected an ArrayBuffer of \d+ bytes \(model.cacheBytes\), found 16$/ },
    { name: 'a cache that is not an ArrayBuffer', overrides: { 0: new Float64Array(8) }, error: TypeError, message: /^cache: expected an ArrayBuffer, found a Float64Array$/ },
    { name: 'a huge batch', overrides: { 3: 2 ** 30 }, error: RangeError, message: /^batch \* steps \* width: expected at most 2\^31 - 1 values per array/ },
  ];
  for (const c of cases) {
    it(`forward with ${c.name} throws ${c.error.name}`, () => {
      let thrown: unknown = null;
      try {
        callForward(forwardArgs(c.overrides));
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(c.error);
      expect((thrown as Error).message).toMatch(c.message);
    });
  }

  it('rejects bad model configs', () => {
    expect(() => new addon.Model({ ...config, hidden: -1 })).toThrow(RangeError);
    expect(() => new addon.Model({ ...config, layers: NaN })).toThrow(/layers: expected a whole number from 1 to 1024, found NaN/);
    expect(() => new addon.Model({ ...config, bias: 1 as unknown as boolean })).toThrow(TypeError);
    expect(() => new addon.Model({ ...config, arch: 4, output: 0 })).toThrow(/Model: a jordan network needs output_size >= 1/);
    expect(() => new (addon.Model as unknown as new (c: unknown) => unknown)(null)).toThrow(/expected a config object, found null/);
  });

  it('read and backward check the cache and every output buffer', () => {
    const args = forwardArgs();
    callForward(args);
    const cache = args[0] as ArrayBuffer;
    const out = (n: number) => new Float64Array(n);
    expect(() => model.read(cache, 2, 0, out(B * T * 32 - 1))).toThrow(/^read: out: expected 256 float64 values \(shape \[2, 4, 32\]\), found 255$/);
    expect(() => model.read(cache, 4, 0, out(64))).toThrow(/read: output 4 does not exist for this model/);
    expect(() => model.read(cache, 9, 0, out(64))).toThrow(RangeError);
    expect(() => model.read(new ArrayBuffer(cache.byteLength), 2, 0, out(256))).toThrow(/cache: expected a forward cache written by model.forward, found other bytes/);
    expect(() => model.read(cache.slice(0, 200), 2, 0, out(256))).toThrow(/cache: expected a forward cache of full size, found a truncated buffer/);
    const other = new addon.Model({ ...config, hidden: 31 });
    expect(() => other.read(cache, 2, 0, out(248))).toThrow(/found another model's/);
    const grads = (dParams: Float64Array) => model.backward(cache, null, null, null, null, null, dParams, out(24), out(64), null, null, out(T));
    expect(() => grads(out(10))).toThrow(/^dParams: expected 1250 float64 values \(shape \[1250\]\), found 10$/);
    expect(() => model.backward(cache, new Float64Array(3), null, null, null, null, out(1250), out(24), out(64), null, null, out(T))).toThrow(/^dY: expected 16 float64 values/);
  });

  it('refuses a cache whose header was tampered with (sizes are bounded before any array is placed)', () => {
    const args = forwardArgs();
    callForward(args);
    const cache = args[0] as ArrayBuffer;
    const header = new Int32Array(cache, 16, 6); // batch, steps, float32, slices, h0Given, masks
    const y = new Float64Array(B * T * 2);
    for (const [field, value] of [[0, 2 ** 30], [1, 2 ** 30], [0, -1], [2, 7], [3, 1000], [5, 2]]) {
      const saved = header[field];
      header[field] = value;
      expect(() => model.read(cache, 0, 0, y)).toThrow(/^cache: expected a forward cache, found a corrupt header$/);
      header[field] = saved;
    }
    header[1] = T + 1; // larger than the buffer holds
    expect(() => model.read(cache, 0, 0, y)).toThrow(/found a truncated buffer/);
    header[1] = T;
    expect(() => model.read(cache, 0, 0, y)).not.toThrow();
  });

  it('still computes correctly after all the rejected calls', () => {
    const args = forwardArgs();
    callForward(args);
    const y = new Float64Array(B * T * 2);
    model.read(args[0] as ArrayBuffer, 0, 0, y);
    expect(Array.from(y)).toEqual(new Array(B * T * 2).fill(0)); // all-zero weights: y = 0
  });
});

// The fused small-H steps' float32 sigmoid and tanh (AVX-512: 2^t through fastmath.h's kExp2P polynomial in
// small_steps.h's sigmoid_vec/tanh_vec and lstm_fused_avx512.cpp's sigmoid16_of_t/tanh16_of_t; AVX2: the rational
// forms of fastmath.h in small_steps.h) against double precision over x = -20 .. 20 (step 1e-5), compiled from
// activation-accuracy/accuracy.cpp with the kernel's flags. The backward reads the stored gate values, so this forward error is the only error the activations add.
// Skipped, saying so, off x86-64 or without g++; the AVX-512 half also without AVX-512 on this CPU.
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error -- a plain .mjs script without type declarations
import { available } from '../../scripts/kernel-harness.mjs';
import { cpuVariants } from './variants';

const root = process.cwd();
const source = path.join(root, 'test/kernel/activation-accuracy/accuracy.cpp');
const include = path.join(root, 'src-main/kernel/src');
const COMMON = ['-O3', '-std=c++17', '-fno-trapping-math', '-fno-math-errno', '-Wall', '-Wextra', '-Werror', '-ffp-contract=fast'];
const FLAGS = {
  avx2: ['-mavx2', '-mfma'],
  avx512: ['-mavx512f', '-mavx512vl', '-mavx512bw', '-mavx512dq', '-mfma', '-mprefer-vector-width=512'],
};
const variants = cpuVariants();
const canBuild = process.arch === 'x64' && available('g++');

interface Measured {
  errors: Map<string, number>;
  specials: Map<string, number[]>;
}

/** Compiles accuracy.cpp for `width`, runs it and parses its lines. */
function measure(width: 'avx2' | 'avx512'): Measured {
  const binary = path.join(mkdtempSync(path.join(os.tmpdir(), 'rnnlab-activations-')), width);
  const built = spawnSync('g++', [...COMMON, ...FLAGS[width], `-I${include}`, source, '-o', binary], { encoding: 'utf8' });
  expect(built.status, built.stderr).toBe(0);
  const run = spawnSync(binary, [], { encoding: 'utf8' });
  expect(run.status, run.stderr).toBe(0);
  const errors = new Map<string, number>();
  const specials = new Map<string, number[]>();
  for (const line of run.stdout.trim().split('\n')) {
    const [name, kind, ...rest] = line.split(' ');
    if (kind === 'max_abs_error') errors.set(name, Number(rest[0]));
    else if (kind === 'specials') specials.set(name, rest.map(Number));
  }
  return { errors, specials };
}

// Inputs of the specials line: 0, -0, 20, -20, 1e30, -1e30, inf, -inf, NaN.
function expectSigmoidSpecials(out: number[] | undefined) {
  expect(out).toHaveLength(9);
  const [zero, minusZero, p20, m20, big, minusBig, inf, minusInf, nan] = out as number[];
  expect([zero, minusZero]).toEqual([0.5, 0.5]);
  expect(p20).toBe(1);
  expect(Math.abs(m20 - 1 / (1 + Math.exp(20)))).toBeLessThan(3e-8); // the rational form gives 0 below x = -18
  expect([big, inf]).toEqual([1, 1]);
  expect(minusBig).toBeLessThan(1e-37);
  expect(minusInf).toBeLessThan(1e-37);
  expect(nan).toBeNaN();
}

function expectTanhSpecials(out: number[] | undefined) {
  expect(out).toHaveLength(9);
  const [zero, minusZero, ...rest] = out as number[];
  expect(Math.abs(zero)).toBe(0);
  expect(Math.abs(minusZero)).toBe(0);
  expect(rest.slice(0, 6)).toEqual([1, -1, 1, -1, 1, -1]);
  expect(rest[6]).toBeNaN();
}

// Float32 rounding of values near 1 is 6e-8 (half an ulp): the bounds allow about two of those.
const SIGMOID_BOUND = 1.2e-7;
const TANH_BOUND = 1.6e-7;

describe.skipIf(!canBuild || !variants.includes('avx2'))(
  canBuild ? 'fused-step activations, AVX2 build' : 'fused-step activations (SKIPPED: needs x86-64 and g++)',
  () => {
    it('sigmoid_vec and tanh_vec are the rational forms there, within fastmath.h\'s stated bounds on [-20, 20]', { timeout: 120_000 }, () => {
      const m = measure('avx2');
      expect(m.errors.get('small_steps.avx2.sigmoid_vec')).toBeLessThan(2.3e-7);
      expect(m.errors.get('small_steps.avx2.tanh_vec')).toBeLessThan(4e-7);
      expectSigmoidSpecials(m.specials.get('small_steps.avx2.sigmoid_vec'));
      expectTanhSpecials(m.specials.get('small_steps.avx2.tanh_vec'));
    });
  },
);

describe.skipIf(!canBuild || !variants.includes('avx512'))(
  canBuild && variants.includes('avx512')
    ? 'fused-step activations, AVX-512 build'
    : 'fused-step activations, AVX-512 build (SKIPPED: needs x86-64, g++ and AVX-512)',
  () => {
    it('small_steps.h and the fused LSTM stay within float32 rounding of the double functions on [-20, 20]', { timeout: 120_000 }, () => {
      const m = measure('avx512');
      for (const name of ['small_steps.avx512.sigmoid_vec', 'lstm_fused.sigmoid16_of_t']) {
        expect(m.errors.get(name), name).toBeLessThan(SIGMOID_BOUND);
        // No less accurate than the rational form they replaced (still fastmath.h's fast_sigmoid).
        expect(m.errors.get(name), name).toBeLessThanOrEqual(m.errors.get('fastmath.fast_sigmoid') as number);
        expectSigmoidSpecials(m.specials.get(name));
      }
      for (const name of ['small_steps.avx512.tanh_vec', 'lstm_fused.tanh16_of_t.g', 'lstm_fused.tanh16_of_t.c']) {
        expect(m.errors.get(name), name).toBeLessThan(TANH_BOUND);
        expect(m.errors.get(name), name).toBeLessThanOrEqual(m.errors.get('fastmath.fast_tanh') as number);
        expectTanhSpecials(m.specials.get(name));
      }
    });
  },
);

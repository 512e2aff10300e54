// The native GEMM (binding test entries `gemm` and `gemmPacked`) against a JS triple loop: all four transpose
// pairs, padded strides, sizes 0/1/odd/past every cache block, general alpha/beta, float32 and float64, for every
// variant this CPU runs. Each variant runs in a child process because RNNLAB_GEMM is read once at start-up.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Random } from '../../src-main/core/random';
import { cpuVariants, widestVariant } from './variants';

const addonPath = path.resolve(process.cwd(), 'build/Release/rnnlab_kernel.node');

interface GemmCase {
  dtype: 'f32' | 'f64';
  packed: boolean;
  ta: boolean;
  tb: boolean;
  M: number;
  N: number;
  K: number;
  lda: number;
  ldb: number;
  ldc: number;
  alpha: number;
  beta: number;
  A: number[];
  B: number[];
  C: number[]; // NaN where nanC: beta == 0 must overwrite them
  nanC: boolean;
}

// Reads cases as JSON on stdin, runs them through the addon, prints {variant, outputs}.
const childScript = `
const k = require(process.argv[1]);
const cases = JSON.parse(require('fs').readFileSync(0, 'utf8'));
const outputs = cases.map((c) => {
  const Arr = c.dtype === 'f64' ? Float64Array : Float32Array;
  const C = Arr.from(c.C, (v) => (c.nanC ? NaN : v));
  (c.packed ? k.gemmPacked : k.gemm)(c.ta, c.tb, c.M, c.N, c.K, c.alpha, Arr.from(c.A), c.lda, Arr.from(c.B), c.ldb,
    c.beta, C, c.ldc);
  return Array.from(C, (v) => (Number.isNaN(v) ? 'NaN' : v));
});
process.stdout.write(JSON.stringify({ variant: k.gemmVariant(), outputs }));
`;

function makeCase(rng: Random, shape: Omit<GemmCase, 'A' | 'B' | 'C' | 'lda' | 'ldb' | 'ldc' | 'nanC'>, pad: number) {
  const { ta, tb, M, N, K } = shape;
  const round = shape.dtype === 'f32' ? Math.fround : (v: number) => v;
  const lda = (ta ? M : K) + pad;
  const ldb = (tb ? K : N) + pad;
  const ldc = N + pad;
  const fill = (n: number) => Array.from(rng.uniformArray(n, -1, 1), round);
  const A = fill((ta ? K : M) * lda);
  const B = fill((tb ? N : K) * ldb);
  const C = fill(M * ldc);
  return { ...shape, lda, ldb, ldc, A, B, C, nanC: shape.beta === 0 && M * N > 0 };
}

// Reference C and, per element, the error bound 2 * (K + 2) * eps * (|alpha| sum_k |a b| + |beta c|).
function reference(c: GemmCase): { value: number[]; bound: number[] } {
  const eps = c.dtype === 'f32' ? 2 ** -24 : 2 ** -53;
  const value = c.C.map((v) => (c.nanC ? NaN : v));
  const bound = value.map(() => 0);
  for (let i = 0; i < c.M; i++) {
    for (let j = 0; j < c.N; j++) {
      let acc = 0;
      let mag = 0;
      for (let k = 0; k < c.K; k++) {
        const a = c.ta ? c.A[k * c.lda + i] : c.A[i * c.lda + k];
        const prod = a * (c.tb ? c.B[j * c.ldb + k] : c.B[k * c.ldb + j]);
        acc += prod;
        mag += Math.abs(prod);
      }
      const at = i * c.ldc + j;
      const old = c.beta === 0 ? 0 : c.beta * value[at];
      value[at] = c.alpha * acc + old;
      bound[at] = 2 * (c.K + 2) * eps * (Math.abs(c.alpha) * mag + Math.abs(old)) + 1e-300;
    }
  }
  return { value, bound };
}

function buildCases(): GemmCase[] {
  const rng = new Random(20261126);
  const cases: GemmCase[] = [];
  // [M, N, K]: empty, single, tile edges (MR 4/6, NR 4..16), the direct-loop path, and past KC=256, MC=72/144,
  // NC=1024/2048 (the blocks of the AVX2 and generic kernels).
  const shapes = [
    [0, 3, 4], [3, 0, 4], [3, 4, 0], [1, 1, 1], [1, 17, 9], [9, 1, 17], [2, 33, 5], [5, 7, 3], [6, 16, 8], [7, 17, 9],
    [12, 32, 31], [13, 15, 40], [33, 65, 20], [64, 96, 64], [150, 20, 300], [80, 24, 520], [5, 2100, 3],
  ];
  let n = 0;
  for (const [M, N, K] of shapes) {
    for (const dtype of ['f32', 'f64'] as const) {
      for (const packed of [false, true]) {
        const ta = (n & 1) === 1;
        const tb = (n & 2) === 2;
        const alpha = [1, -0.75, 2.5][n % 3];
        const beta = [0, 1, 0.5, -1.25][(n >> 1) % 4];
        cases.push(makeCase(rng, { dtype, packed, ta, tb, M, N, K, alpha, beta }, n % 3));
        n++;
      }
    }
  }
  // Every transpose pair and beta kind on a shape that needs edge tiles in both directions, where op(A) is read in
  // place (narrow N); then shapes for each path: two rows and three columns (direct loops), 16 x 8 (half-width
  // tiles), and wide and deep enough (N >= 16 NR, K >= 128) that op(A) gets packed; then the narrow loops of
  // gemm_narrow.h: dot rows (N <= 8, a K tail, 5-8 columns in two groups, a one-column head) and outer sums
  // (op(A) = A^T: N <= 8 with an M tail and depth past one 128-row block, and M <= 4 rows).
  const pathShapes = [
    [2, 9, 13], [40, 3, 17], [16, 8, 8], [13, 300, 140],
    [37, 4, 131], [35, 7, 40], [50, 1, 33], [131, 6, 300], [3, 45, 290],
  ];
  for (const dtype of ['f32', 'f64'] as const) {
    for (let t = 0; t < 4; t++) {
      const [ta, tb] = [t >= 2, t % 2 === 1];
      for (const beta of [0, 1, -0.5])
        cases.push(makeCase(rng, { dtype, packed: t % 2 === 0, ta, tb, M: 19, N: 21, K: 23, alpha: 0.5, beta }, 1));
      for (const [M, N, K] of pathShapes)
        for (const packed of [false, true])
          cases.push(makeCase(rng, { dtype, packed, ta, tb, M, N, K, alpha: -1, beta: packed ? 0 : 0.25 }, 2));
    }
  }
  // Random shapes, flags and strides (seeded, so a failure replays).
  for (let r = 0; r < 40; r++) {
    const [M, N, K] = [rng.int(0, 70), rng.int(0, 70), rng.int(0, 300)];
    const flags = { ta: rng.int(0, 1) === 1, tb: rng.int(0, 1) === 1, packed: rng.int(0, 1) === 1 };
    const scalars = { alpha: rng.uniform(-2, 2), beta: [0, 1, rng.uniform(-2, 2)][rng.int(0, 2)] };
    cases.push(makeCase(rng, { dtype: r % 2 ? 'f64' : 'f32', ...flags, M, N, K, ...scalars }, rng.int(0, 5)));
  }
  // alpha == 0 with beta == 0 must zero C, not propagate NaN.
  const zero = { dtype: 'f64', packed: false, ta: false, tb: false, M: 20, N: 20, K: 20, alpha: 0, beta: 0 } as const;
  cases.push(makeCase(rng, zero, 2));
  return cases;
}

interface ChildResult {
  variant: string;
  outputs: (number | 'NaN')[][];
}

function runVariant(variant: string | undefined, cases: GemmCase[]): ChildResult {
  const env = { ...process.env };
  delete env.RNNLAB_GEMM;
  if (variant) env.RNNLAB_GEMM = variant;
  const input = JSON.stringify(cases);
  const out = execFileSync(process.execPath, ['-e', childScript, addonPath], { env, input, maxBuffer: 1 << 28 });
  return JSON.parse(out.toString());
}


describe('native gemm', () => {
  it('finds the built addon', () => {
    expect(existsSync(addonPath), `expected the addon at ${addonPath}; build it with npm run build:kernel`).toBe(true);
  });

  const cases = buildCases();
  const expected = cases.map(reference);
  const variants: [string | undefined, string][] = [
    [undefined, widestVariant()],
    ['naive', 'naive'],
    ...cpuVariants().map((v): [string, string] => [v, v]),
  ];
  for (const [forced, name] of variants) {
    it(`matches the triple loop with RNNLAB_GEMM=${forced ?? '(unset)'} (${name})`, () => {
      const result = runVariant(forced, cases);
      expect(result.variant).toBe(name);
      const mismatches: string[] = [];
      cases.forEach((c, index) => {
        const got = result.outputs[index].map((v) => (v === 'NaN' ? NaN : v));
        const { value, bound } = expected[index];
        for (let e = 0; e < value.length; e++) {
          const ok = Number.isNaN(value[e]) ? Number.isNaN(got[e]) : Math.abs(got[e] - value[e]) <= bound[e];
          if (!ok && mismatches.length < 5) {
            const where = `${c.dtype} packed=${c.packed} ta=${c.ta} tb=${c.tb} M=${c.M} N=${c.N} K=${c.K} C[${e}]`;
            mismatches.push(`${where}: expected ${value[e]} within ${bound[e]}, found ${got[e]}`);
          }
        }
      });
      expect(mismatches).toEqual([]);
    });
  }
});

#!/usr/bin/env node
// GEMM benchmark: GFLOP/s of each variant (avx512, avx2, generic, naive) on the products an RNN training step is made of,
// one thread, through the addon's test entries. Each variant runs in a child process (RNNLAB_GEMM is read once).
// Usage: node scripts/bench-gemm.mjs [--no-naive] [--f64] [--addon path/to/rnnlab_kernel.node]
import { execFileSync } from 'node:child_process';
import console from 'node:console';
import { createRequire } from 'node:module';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import process from 'node:process';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const option = (name) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const addonPath = path.resolve(option('--addon') ?? path.join(root, 'build/Release/rnnlab_kernel.node'));

// [label, transA, transB, M, N, K, packed]: the roofline rows (rnn I=64 H=512, lstm I=64 H=256, B=64 T=100) and
// the everyday small rows (rnn H=8 B=16, rnn/lstm H=32 B=32). "x W_ih^T" is the hoisted input projection,
// "h W_hh^T" the per-step recurrent product, "dg W_hh" the per-step backward, "dg^T H" the weight gradient.
const shapes = [
  ['rnn512  x W_ih^T', false, true, 6400, 512, 64, false],
  ['rnn512  h W_hh^T', false, true, 64, 512, 512, false],
  ['rnn512  h W_hh^T packed', false, true, 64, 512, 512, true],
  ['rnn512  dg W_hh', false, false, 64, 512, 512, false],
  ['rnn512  dg^T H', true, false, 512, 512, 6400, false],
  ['rnn512  dg W_ih', false, false, 6400, 64, 512, false],
  ['lstm256 x W_ih^T', false, true, 6400, 1024, 64, false],
  ['lstm256 h W_hh^T packed', false, true, 64, 1024, 256, true],
  ['lstm256 dg W_hh', false, false, 64, 256, 1024, false],
  ['lstm256 dg^T H', true, false, 1024, 256, 6400, false],
  ['rnn8    h W_hh^T packed', false, true, 16, 8, 8, true],
  ['rnn32   h W_hh^T', false, true, 32, 32, 32, false],
  ['rnn32   h W_hh^T packed', false, true, 32, 32, 32, true],
  ['lstm32  h W_hh^T packed', false, true, 32, 128, 32, true],
  ['lstm32  dg W_hh', false, false, 32, 32, 128, false],
];

// Child: time every shape with the variant this process picked; print JSON [{gflops, us}] per shape.
function measure(dtype) {
  const kernel = createRequire(import.meta.url)(addonPath);
  const Arr = dtype === 'f64' ? Float64Array : Float32Array;
  const skipSlow = kernel.gemmVariant() === 'naive';
  const results = shapes.map(([, ta, tb, M, N, K, packed]) => {
    const flops = 2 * M * N * K;
    if (skipSlow && flops > 5e8) return null; // the naive loop would take seconds per call
    const A = Arr.from({ length: M * K }, (_, i) => ((i * 7) % 13) / 13 - 0.5);
    const B = Arr.from({ length: K * N }, (_, i) => ((i * 5) % 11) / 11 - 0.5);
    const C = new Arr(M * N);
    const run = packed ? kernel.gemmPacked : kernel.gemm;
    const call = (repeat) => run(ta, tb, M, N, K, 1, A, ta ? M : K, B, tb ? K : N, 0, C, N, repeat);
    // ~1 ms of work or more per timed call; a packed product repeats 20+ times so packing B once is amortised.
    const repeat = Math.max(packed ? 20 : 1, Math.round(1e8 / flops));
    call(repeat); // warm-up: scratch buffers, caches, clocks
    // CPU time of this process, not wall time: the machine may be shared, and a descheduled slice is not ours.
    const seconds = [];
    const budgetEnd = performance.now() + 400;
    while (seconds.length < 5 || (performance.now() < budgetEnd && seconds.length < 50)) {
      const start = process.cpuUsage();
      call(repeat);
      const used = process.cpuUsage(start);
      seconds.push((used.user + used.system) / 1e6 / repeat);
    }
    seconds.sort((a, b) => a - b);
    const median = seconds[seconds.length >> 1];
    return { gflops: flops / median / 1e9, us: median * 1e6 };
  });
  return { variant: kernel.gemmVariant(), results };
}

if (args[0] === '--child') {
  process.stdout.write(JSON.stringify(measure(args[1])));
} else {
  const variants = ['', 'avx2', 'generic', ...(args.includes('--no-naive') ? [] : ['naive'])];
  const dtypes = ['f32', ...(args.includes('--f64') ? ['f64'] : [])];
  const columns = [];
  for (const dtype of dtypes) {
    for (const forced of variants) {
      const env = { ...process.env, RNNLAB_GEMM: forced };
      if (!forced) delete env.RNNLAB_GEMM;
      const script = fileURLToPath(import.meta.url);
      const out = execFileSync(process.execPath, [script, '--child', dtype, '--addon', addonPath], { env });
      const { variant, results } = JSON.parse(out.toString());
      columns.push({ title: `${variant} ${dtype}`, results });
    }
  }
  const pad = (text, width) => String(text).padStart(width);
  console.log(`GEMM GFLOP/s, one thread, median CPU time of repeated calls (${addonPath})`);
  console.log(`${'product'.padEnd(24)} ${pad('M', 5)} ${pad('N', 5)} ${pad('K', 5)} ` +
    columns.map((c) => pad(c.title, 13)).join(' ') + ` ${pad('us/call', 9)}`);
  shapes.forEach(([label, , , M, N, K], row) => {
    const cells = columns.map((c) => pad(c.results[row] ? c.results[row].gflops.toFixed(1) : '-', 13));
    console.log(`${label.padEnd(24)} ${pad(M, 5)} ${pad(N, 5)} ${pad(K, 5)} ${cells.join(' ')} ` +
      pad(columns[0].results[row].us.toFixed(2), 9));
  });
  console.log('us/call: the first column. "-": the naive loop is skipped on products over 0.5 GFLOP.');
}

#!/usr/bin/env node
// `npm run bench`: the standard benchmark rows of issue 3 for the native engine, PyTorch 1.13 (when
// /usr/bin/python3 has torch) and the reference engine, run side by side row by row, printed as one Markdown table.
// Each measurement is a fresh process (`rnnlab bench --json`, `scripts/bench_torch.py`). Not a test: no assertions.
//
//   node scripts/bench.mjs [--quick] [--rows 1,2,5] [--threads N] [--rounds R] [--reference small|all|none] [--out FILE]
// --rounds R runs native and PyTorch R times per row, interleaved, and keeps each side's lowest median (shared machine).
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import process from 'node:process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const PYTHON = '/usr/bin/python3';
const print = (text) => process.stdout.write(`${text}\n`);

// The table of issue 3. `small` rows are the everyday models (framework overhead rules); the rest are the roofline.
const ROWS = [
  { arch: 'rnn', input_size: 1, hidden_size: 8, num_layers: 1, seq_len: 50, batch: 16, target: 10, small: true },
  { arch: 'rnn', input_size: 4, hidden_size: 32, num_layers: 1, seq_len: 100, batch: 32, target: 10, small: true },
  { arch: 'lstm', input_size: 4, hidden_size: 32, num_layers: 1, seq_len: 100, batch: 32, target: 10, small: true },
  { arch: 'gru', input_size: 4, hidden_size: 32, num_layers: 1, seq_len: 100, batch: 32, target: 10, small: true },
  { arch: 'rnn', input_size: 32, hidden_size: 128, num_layers: 2, seq_len: 100, batch: 32, target: 1, small: false },
  { arch: 'rnn', input_size: 64, hidden_size: 512, num_layers: 1, seq_len: 100, batch: 64, target: 1, small: false },
  { arch: 'lstm', input_size: 64, hidden_size: 256, num_layers: 1, seq_len: 100, batch: 64, target: 1, small: false },
];

function parseArgs(argv) {
  const args = { quick: false, rows: ROWS.map((_, i) => i + 1), threads: 1, rounds: 1, reference: 'small', out: null };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) fail(`${flag}: expected a value, found the end of the arguments`);
      return argv[++i];
    };
    if (flag === '--quick') args.quick = true;
    else if (flag === '--rows') args.rows = value().split(',').map((s) => Number(s));
    else if (flag === '--threads') args.threads = Number(value());
    else if (flag === '--rounds') args.rounds = Number(value());
    else if (flag === '--reference') args.reference = value();
    else if (flag === '--out') args.out = value();
    else if (flag === '--help' || flag === '-h') {
      const lines = readFileSync(fileURLToPath(import.meta.url), 'utf8').split('\n').slice(1);
      print(lines.slice(0, lines.findIndex((l) => !l.startsWith('//'))).join('\n'));
      process.exit(0);
    } else fail(`unknown option '${flag}': expected --quick, --rows, --threads, --rounds, --reference or --out`);
  }
  const bad = args.rows.find((r) => !Number.isInteger(r) || r < 1 || r > ROWS.length);
  if (bad !== undefined) fail(`--rows: expected row numbers from 1 to ${ROWS.length}, found ${bad}`);
  if (!Number.isInteger(args.threads) || args.threads < 1) fail(`--threads: expected a whole number >= 1, found ${args.threads}`);
  if (!Number.isInteger(args.rounds) || args.rounds < 1) fail(`--rounds: expected a whole number >= 1, found ${args.rounds}`);
  if (!['small', 'all', 'none'].includes(args.reference)) fail(`--reference: expected small, all or none, found ${args.reference}`);
  return args;
}

function fail(message) {
  process.stderr.write(`bench: ${message}\n`);
  process.exit(2);
}

/** Warm-up and timed repeats per row: enough for a stable median, bounded to keep the run to a few minutes. */
function repeats(row, engine, quick) {
  if (engine === 'reference') return row.small ? { warmup: 2, repeat: quick ? 3 : 10 } : { warmup: 0, repeat: 1 };
  // Small rows keep a long warm-up even with --quick: V8 needs ~50 steps before the JS side of a step settles.
  if (row.small) return quick ? { warmup: 50, repeat: 100 } : { warmup: 50, repeat: 300 };
  return quick ? { warmup: 2, repeat: 5 } : { warmup: 5, repeat: 30 };
}

function run(command, args, env = {}) {
  const r = spawnSync(command, args, { cwd: root, encoding: 'utf8', env: { ...process.env, ...env }, maxBuffer: 1 << 24 });
  if (r.error) return { ok: false, error: r.error.message };
  if (r.status !== 0) return { ok: false, error: (r.stderr || r.stdout).trim().split('\n').pop() };
  try {
    return { ok: true, value: JSON.parse(r.stdout), stderr: r.stderr.trim() };
  } catch {
    return { ok: false, error: `expected JSON on stdout, found '${r.stdout.slice(0, 80)}'` };
  }
}

function rowFlags(row, threads, { warmup, repeat }) {
  return [
    '--arch', row.arch, '--input-size', row.input_size, '--hidden-size', row.hidden_size,
    '--num-layers', row.num_layers, '--seq-len', row.seq_len, '--batch', row.batch, '--threads', threads,
    '--warmup', warmup, '--repeat', repeat,
  ].map(String);
}

function benchLab(row, engine, threads, quick) {
  const flags = [...rowFlags(row, threads, repeats(row, engine, quick)), '--engine', engine, '--json'];
  const r = run(process.execPath, [path.join(root, 'bin/rnnlab.js'), 'bench', ...flags]);
  if (r.ok && r.value.engine !== engine) {
    return { ok: false, error: r.value.warnings?.join('; ') || `ran on ${r.value.engine} instead` };
  }
  return r;
}

function benchTorch(row, threads, quick) {
  const threadEnv = { OMP_NUM_THREADS: String(threads), OPENBLAS_NUM_THREADS: String(threads) };
  const { warmup, repeat } = repeats(row, 'native', quick);
  const torchRepeat = row.small ? { warmup: Math.min(warmup, 20), repeat: Math.min(repeat, 100) } : { warmup, repeat };
  return run(PYTHON, [path.join(root, 'scripts/bench_torch.py'), ...rowFlags(row, threads, torchRepeat)], threadEnv);
}

function hasTorch() {
  return spawnSync(PYTHON, ['-c', 'import torch'], { stdio: 'ignore' }).status === 0;
}

function cpuModel() {
  try {
    const line = readFileSync('/proc/cpuinfo', 'utf8').split('\n').find((l) => l.startsWith('model name'));
    if (line) return line.split(':')[1].trim();
  } catch {
    /* not Linux: fall back to what Node knows */
  }
  return os.cpus()[0]?.model ?? 'unknown CPU';
}

const ms = (v) => (v === undefined ? '—' : v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2));

function tableRow(row, native, torch, reference) {
  const n = native.ok ? native.value : null;
  const t = torch?.ok ? torch.value : null;
  const ratio = n && t ? t.train_step_ms / n.train_step_ms : null;
  const refCell = reference === null ? 'not run' : reference.ok
    ? `${ms(reference.value.train_step_ms)}${reference.value.repeat < 3 ? ` (${reference.value.repeat} run)` : ''}`
    : 'failed';
  return [
    row.arch, row.input_size, row.hidden_size, row.num_layers, row.seq_len, row.batch,
    n ? ms(n.train_step_ms) : 'n/a', t ? ms(t.train_step_ms) : 'n/a',
    ratio === null ? '—' : `${ratio.toFixed(1)}x`, `>= ${row.target}x`,
    ratio === null ? '—' : ratio >= row.target ? 'yes' : 'no',
    n && t ? `${(t.train_step_min_ms / n.train_step_min_ms).toFixed(1)}x` : '—',
    n ? ms(n.forward_ms) : 'n/a', t ? ms(t.forward_ms) : 'n/a', n?.ort_forward_ms != null ? ms(n.ort_forward_ms) : 'n/a',
    n && !row.small ? n.gflops.toFixed(1) : '—', refCell,
  ];
}

const HEADER = [
  'arch', 'I', 'H', 'L', 'T', 'B', 'native train ms', 'torch train ms', 'torch/native', 'target', 'met?', 'ratio of minima',
  'native fwd ms', 'torch fwd ms', 'onnxruntime fwd ms', 'native GFLOP/s', 'reference train ms',
];

/** Of several runs of one side, the one with the lowest median (the least disturbed by other load). */
function best(a, b) {
  if (!a?.ok) return b ?? a;
  if (!b?.ok) return a;
  return b.value.train_step_ms < a.value.train_step_ms ? b : a;
}

function measureRows(args) {
  const torchAvailable = hasTorch();
  const results = args.rows.map((index) => ({ index, row: ROWS[index - 1], native: null, torch: null, reference: null }));
  for (let round = 1; round <= args.rounds; round++) {
    for (const r of results) {
      process.stderr.write(`bench: round ${round}/${args.rounds}, row ${r.index}: ${r.row.arch} I=${r.row.input_size} H=${r.row.hidden_size}\n`);
      r.native = best(r.native, benchLab(r.row, 'native', args.threads, args.quick));
      if (torchAvailable) r.torch = best(r.torch, benchTorch(r.row, args.threads, args.quick));
      const runReference = args.reference === 'all' || (args.reference === 'small' && r.row.small);
      if (round === 1 && runReference) r.reference = benchLab(r.row, 'reference', args.threads, args.quick);
    }
  }
  return results;
}

function main() {
  const args = parseArgs(process.argv.slice(2));
  const build = spawnSync(process.execPath, [path.join(root, 'scripts/build-cli.mjs')], { cwd: root, encoding: 'utf8' });
  if (build.status !== 0) fail(`building the CLI failed: ${(build.stderr || build.stdout).trim()}`);
  const loadBefore = os.loadavg()[0];
  const results = measureRows(args);
  const loadAfter = os.loadavg()[0];
  const someNative = results.find((r) => r.native?.ok)?.native.value;
  const someTorch = results.find((r) => r.torch?.ok)?.torch.value;
  const settings = [`${args.threads} thread(s)`, args.quick ? '--quick' : null, args.rounds > 1 ? `best of ${args.rounds} rounds` : null];
  print(`Benchmark ${new Date().toISOString()} — ${cpuModel()}, ${os.cpus().length} logical cores, ` +
    `${settings.filter(Boolean).join(', ')}; 1-minute load average ${loadBefore.toFixed(2)} before, ${loadAfter.toFixed(2)} after`);
  print(`native: ${someNative ? `${someNative.precision}, GEMM ${someNative.gemm_variant ?? 'unknown'}` : 'unavailable'}; ` +
    `PyTorch: ${someTorch ? `${someTorch.torch_version} ${someTorch.precision}, BLAS ${someTorch.blas}` : 'unavailable'}; ` +
    'reference: TypeScript float64. Times are medians of one training step in ms; ' +
    '"ratio of minima" compares the fastest single steps (less sensitive to other load).\n');
  print(`| ${HEADER.join(' | ')} |`);
  print(`|${HEADER.map(() => '---').join('|')}|`);
  for (const r of results) print(`| ${tableRow(r.row, r.native, r.torch, r.reference).join(' | ')} |`);
  const failures = results.flatMap((r) =>
    ['native', 'torch', 'reference'].filter((side) => r[side] && !r[side].ok).map((side) => `row ${r.index} ${side}: ${r[side].error}`),
  );
  if (failures.length) print(`\n${failures.map((f) => `- ${f}`).join('\n')}`);
  if (args.out) writeFileSync(args.out, JSON.stringify(results, null, 2) + '\n');
}

main();

#!/usr/bin/env node
// `npm run bench`: the standard benchmark rows of issue 3 for the native engine, PyTorch 1.13 (when
// /usr/bin/python3 has torch) and the reference engine, run side by side row by row, printed as one Markdown table.
// Each measurement is a fresh process (`rnnlab bench --json`, `scripts/bench_torch.py`). Not a test: no assertions.
//
//   node scripts/bench.mjs [--quick] [--rows 1,2,5] [--threads N] [--rounds R] [--min-time S] [--reference small|all|none]
//                          [--out FILE]
// Each measurement times for at least --min-time seconds (default 1; --quick 0.3) after a warm-up of a fifth of that.
// --rounds R runs native and PyTorch R times per row, interleaved, and keeps each side's lowest median (shared machine).
// --threads N is a limit: the native engine picks its count per model size (the "threads used" column).
// Unless --no-compare, each row also runs the native engine with 2 threads allowed and with RNNLAB_GEMM=avx2 (when the
// default variant is wider), for the "2 threads" and "avx2" columns.
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
  const args = { quick: false, rows: ROWS.map((_, i) => i + 1), threads: 1, rounds: 1, reference: 'small', out: null, minTime: null, compare: true };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) fail(`${flag}: expected a value, found the end of the arguments`);
      return argv[++i];
    };
    if (flag === '--quick') args.quick = true;
    else if (flag === '--no-compare') args.compare = false;
    else if (flag === '--rows') args.rows = value().split(',').map((s) => Number(s));
    else if (flag === '--threads') args.threads = Number(value());
    else if (flag === '--rounds') args.rounds = Number(value());
    else if (flag === '--reference') args.reference = value();
    else if (flag === '--min-time') args.minTime = Number(value());
    else if (flag === '--out') args.out = value();
    else if (flag === '--help' || flag === '-h') {
      const lines = readFileSync(fileURLToPath(import.meta.url), 'utf8').split('\n').slice(1);
      print(lines.slice(0, lines.findIndex((l) => !l.startsWith('//'))).join('\n'));
      process.exit(0);
    } else fail(`unknown option '${flag}': expected --quick, --no-compare, --rows, --threads, --rounds, --min-time, --reference or --out`);
  }
  const bad = args.rows.find((r) => !Number.isInteger(r) || r < 1 || r > ROWS.length);
  if (bad !== undefined) fail(`--rows: expected row numbers from 1 to ${ROWS.length}, found ${bad}`);
  if (!Number.isInteger(args.threads) || args.threads < 1) fail(`--threads: expected a whole number >= 1, found ${args.threads}`);
  if (!Number.isInteger(args.rounds) || args.rounds < 1) fail(`--rounds: expected a whole number >= 1, found ${args.rounds}`);
  if (args.minTime === null) args.minTime = args.quick ? 0.3 : 1;
  if (!Number.isFinite(args.minTime) || args.minTime < 0) fail(`--min-time: expected seconds >= 0, found ${args.minTime}`);
  if (!['small', 'all', 'none'].includes(args.reference)) fail(`--reference: expected small, all or none, found ${args.reference}`);
  return args;
}

function fail(message) {
  process.stderr.write(`bench: ${message}\n`);
  process.exit(2);
}

/** Minimum warm-up and timed counts and the time budget per row; the budget decides on all but the slowest rows. */
function repeats(row, engine, minTime) {
  // The reference engine takes tens of seconds per step on the large rows: one step there, a short budget elsewhere.
  if (engine === 'reference') return row.small ? { warmup: 2, repeat: 3, minTime: Math.min(minTime, 0.5) } : { warmup: 0, repeat: 1, minTime: 0 };
  // V8 needs ~50 steps before the JS side of a small step settles.
  return row.small ? { warmup: 50, repeat: 20, minTime } : { warmup: 3, repeat: 10, minTime };
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

function rowFlags(row, threads, { warmup, repeat, minTime }) {
  return [
    '--arch', row.arch, '--input-size', row.input_size, '--hidden-size', row.hidden_size,
    '--num-layers', row.num_layers, '--seq-len', row.seq_len, '--batch', row.batch, '--threads', threads,
    '--warmup', warmup, '--repeat', repeat, '--min-time', minTime,
  ].map(String);
}

function benchLab(row, engine, threads, minTime, env = {}) {
  const flags = [...rowFlags(row, threads, repeats(row, engine, minTime)), '--engine', engine, '--json'];
  const r = run(process.execPath, [path.join(root, 'bin/rnnlab.js'), 'bench', ...flags], env);
  if (r.ok && r.value.engine !== engine) {
    return { ok: false, error: r.value.warnings?.join('; ') || `ran on ${r.value.engine} instead` };
  }
  return r;
}

function benchTorch(row, threads, minTime) {
  const threadEnv = { OMP_NUM_THREADS: String(threads), OPENBLAS_NUM_THREADS: String(threads) };
  const { warmup, repeat } = repeats(row, 'native', minTime);
  return run(PYTHON, [path.join(root, 'scripts/bench_torch.py'), ...rowFlags(row, threads, { warmup: Math.min(warmup, 20), repeat, minTime })], threadEnv);
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

/** "time (speed-up of the main native run over it)" for a comparison run, or a dash. */
function compareCell(main, other) {
  if (!other) return '—';
  if (!other.ok || !main) return 'failed';
  const o = other.value;
  const note = o.threads_used === main.threads_used && o.gemm_variant === main.gemm_variant ? ' (same run config)' : '';
  return `${ms(o.train_step_ms)} (${(o.train_step_ms / main.train_step_ms).toFixed(2)}x)${note}`;
}

function tableRow({ row, native, torch, reference, twoThreads, avx2 }) {
  const n = native.ok ? native.value : null;
  const t = torch?.ok ? torch.value : null;
  const ratio = n && t ? t.train_step_ms / n.train_step_ms : null;
  const fastestOther = [t?.forward_ms, n?.ort_forward_ms].filter((v) => typeof v === 'number');
  const fwdRatio = n && fastestOther.length ? Math.min(...fastestOther) / n.forward_ms : null;
  const twoCell = twoThreads?.ok && n ? `${ms(twoThreads.value.train_step_ms)} on ${twoThreads.value.threads_used} (${(n.train_step_ms / twoThreads.value.train_step_ms).toFixed(2)}x)` : twoThreads ? 'failed' : '—';
  const refCell = reference === null ? 'not run' : reference.ok
    ? `${ms(reference.value.train_step_ms)}${reference.value.repeat < 3 ? ` (${reference.value.repeat} run)` : ''}`
    : 'failed';
  return [
    row.arch, row.input_size, row.hidden_size, row.num_layers, row.seq_len, row.batch,
    n ? `${n.threads_used}` : 'n/a', n?.gemm_variant ?? 'n/a',
    n ? ms(n.train_step_ms) : 'n/a', t ? ms(t.train_step_ms) : 'n/a',
    ratio === null ? '—' : `${ratio.toFixed(1)}x`, `>= ${row.target}x`,
    ratio === null ? '—' : ratio >= row.target ? 'yes' : 'no',
    n && t ? `${(t.train_step_min_ms / n.train_step_min_ms).toFixed(1)}x` : '—',
    n ? ms(n.forward_ms) : 'n/a', t ? ms(t.forward_ms) : 'n/a', n?.ort_forward_ms != null ? ms(n.ort_forward_ms) : 'n/a',
    fwdRatio === null ? '—' : `${fwdRatio.toFixed(2)}x`,
    n ? n.gflops.toFixed(1) : '—', twoCell, compareCell(n, avx2), refCell,
  ];
}

const HEADER = [
  'arch', 'I', 'H', 'L', 'T', 'B', 'threads used', 'GEMM', 'native train ms', 'torch train ms', 'torch/native', 'target',
  'met?', 'ratio of minima', 'native fwd ms', 'torch fwd ms', 'onnxruntime fwd ms', 'fwd: fastest other/native',
  'native GFLOP/s', 'train ms, 2 threads allowed (speed-up)', 'train ms, RNNLAB_GEMM=avx2 (its time/main)',
  'reference train ms',
];

/** Of several runs of one side, the one with the lowest median (the least disturbed by other load). */
function best(a, b) {
  if (!a?.ok) return b ?? a;
  if (!b?.ok) return a;
  return b.value.train_step_ms < a.value.train_step_ms ? b : a;
}

function measureRows(args) {
  const torchAvailable = hasTorch();
  const results = args.rows.map((index) => ({
    index, row: ROWS[index - 1], native: null, torch: null, reference: null, twoThreads: null, avx2: null,
  }));
  for (let round = 1; round <= args.rounds; round++) {
    for (const r of results) {
      process.stderr.write(`bench: round ${round}/${args.rounds}, row ${r.index}: ${r.row.arch} I=${r.row.input_size} H=${r.row.hidden_size}\n`);
      r.native = best(r.native, benchLab(r.row, 'native', args.threads, args.minTime));
      if (torchAvailable) r.torch = best(r.torch, benchTorch(r.row, args.threads, args.minTime));
      if (args.compare && args.threads === 1) r.twoThreads = best(r.twoThreads, benchLab(r.row, 'native', 2, args.minTime));
      const wider = r.native?.ok && !['avx2', 'generic', 'naive'].includes(r.native.value.gemm_variant);
      if (args.compare && wider) r.avx2 = best(r.avx2, benchLab(r.row, 'native', args.threads, args.minTime, { RNNLAB_GEMM: 'avx2' }));
      const runReference = args.reference === 'all' || (args.reference === 'small' && r.row.small);
      if (round === 1 && runReference) r.reference = benchLab(r.row, 'reference', args.threads, args.minTime);
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
  const settings = [
    `${args.threads} thread(s) allowed`, `${args.minTime} s per measurement`, args.quick ? '--quick' : null,
    args.rounds > 1 ? `best of ${args.rounds} rounds` : null,
  ];
  print(`Benchmark ${new Date().toISOString()} — ${cpuModel()}, ${os.cpus().length} logical cores, ` +
    `${settings.filter(Boolean).join(', ')}; 1-minute load average ${loadBefore.toFixed(2)} before, ${loadAfter.toFixed(2)} after`);
  print(`native: ${someNative ? `${someNative.precision}, GEMM ${someNative.gemm_variant ?? 'unknown'}` : 'unavailable'}; ` +
    `PyTorch: ${someTorch ? `${someTorch.torch_version} ${someTorch.precision}, BLAS ${someTorch.blas}` : 'unavailable'}; ` +
    'reference: TypeScript float64. Times are medians of one training step in ms; ' +
    '"ratio of minima" compares the fastest single steps (less sensitive to other load).\n');
  print(`| ${HEADER.join(' | ')} |`);
  print(`|${HEADER.map(() => '---').join('|')}|`);
  for (const r of results) print(`| ${tableRow(r).join(' | ')} |`);
  const failures = results.flatMap((r) =>
    ['native', 'torch', 'reference', 'twoThreads', 'avx2'].filter((side) => r[side] && !r[side].ok).map((side) => `row ${r.index} ${side}: ${r[side].error}`),
  );
  if (failures.length) print(`\n${failures.map((f) => `- ${f}`).join('\n')}`);
  // Debian's python3-torch links whichever libblas.so.3 the alternatives system gives; without OpenBLAS that is the
  // reference BLAS, 10-20x slower on the large rows, which would flatter every ratio.
  if (someTorch && /^libblas/.test(String(someTorch.blas))) {
    print('\nwarning: PyTorch ran on the reference BLAS (' + someTorch.blas + '), not OpenBLAS: its times are not a fair ' +
      'comparison; install OpenBLAS (Debian: apt-get install libopenblas0-openmp) and rerun.');
  }
  if (args.out) writeFileSync(args.out, JSON.stringify(results, null, 2) + '\n');
}

main();

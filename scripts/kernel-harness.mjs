#!/usr/bin/env node
// Builds the kernel's plain C++ (no N-API) into the command-line harness of src-main/kernel/test-harness/, natively
// or cross-compiled for aarch64 (Debian g++-aarch64-linux-gnu, run under qemu-aarch64 from qemu-user), and runs it.
//   node scripts/kernel-harness.mjs build [--target x64|aarch64] [--out FILE]    prints the binary's path
//   node scripts/kernel-harness.mjs check [--target x64|aarch64]                 checks against the committed fixture
//   node scripts/kernel-harness.mjs write                                        rewrites the fixture (x86 only)
//   node scripts/kernel-harness.mjs step [--target ...] -- ARCH I H T B ITERS     times forward+backward
//   node scripts/kernel-harness.mjs forward [--target ...] -- ARCH I H T B ITERS  times inference forward
//   node scripts/kernel-harness.mjs peak                                         float32 FMA peak (256/512-bit)
//   node scripts/kernel-harness.mjs count [--target ...] -- ARGS...             guest instructions of `harness ARGS`
//     under qemu (aarch64: -d in_asm,exec,nochain, every executed translation block times its instruction count)
// Flags: -O3 like binding.gyp. On x86-64 the AVX2 and AVX-512 objects get their -m flags, as in the addon.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import readline from 'node:readline';
import os from 'node:os';
import path from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const kernel = path.join(root, 'src-main/kernel');
export const FIXTURE = path.join(root, 'test/kernel/fixtures/kernel-reference.txt');

const COMMON = [
  'src/model.cpp', 'src/scan_forward.cpp', 'src/scan_backward.cpp', 'src/head.cpp', 'src/jordan.cpp', 'src/gated.cpp',
  'src/network.cpp', 'src/pass.cpp', 'src/thread_pool.cpp', 'src/elementwise.cpp', 'gemm/gemm_dispatch.cpp', 'gemm/gemm_generic.cpp',
  'gemm/gemm_naive.cpp', 'test-harness/harness.cpp',
];
// x86-64 only: [source, its SIMD flags, the define that tells the dispatchers it is linked in].
const AVX512 = ['-mavx512f', '-mavx512vl', '-mavx512bw', '-mavx512dq', '-mfma'];
const X64_ONLY = [
  ['gemm/gemm_avx2.cpp', ['-mavx2', '-mfma'], '-DRNNLAB_GEMM_HAVE_AVX2'],
  ['src/elementwise_avx2.cpp', ['-mavx2', '-mfma', '-ffp-contract=fast'], '-DRNNLAB_KERNEL_HAVE_AVX2'],
  ['gemm/gemm_avx512.cpp', AVX512, '-DRNNLAB_GEMM_HAVE_AVX512'],
  ['src/elementwise_avx512.cpp', [...AVX512, '-ffp-contract=fast', '-mprefer-vector-width=512'], '-DRNNLAB_KERNEL_HAVE_AVX512'],
  ['src/lstm_fused_avx512.cpp', AVX512, '-DRNNLAB_KERNEL_HAVE_AVX512'],
].filter(([file]) => existsSync(path.join(kernel, file)));
const X64_DEFINES = [...new Set(X64_ONLY.map(([, , define]) => define))];
// aarch64 only: the NEON GEMM (baseline ISA there, no flags).
const AARCH64_ONLY = [['gemm/gemm_neon.cpp', [], '-DRNNLAB_GEMM_HAVE_NEON']];
const AARCH64_DEFINES = AARCH64_ONLY.map(([, , define]) => define);
const FLAGS = ['-O3', '-std=c++17', '-fno-trapping-math', '-fno-math-errno', '-Wall', '-Wextra', '-Werror', '-g'];

/** The compiler for a target, and how to run its binaries (an emulator prefix, or none). */
export function toolchain(target) {
  if (target === 'aarch64') {
    return { cxx: 'aarch64-linux-gnu-g++', run: ['qemu-aarch64'], link: ['-static', '-pthread'] };
  }
  return { cxx: process.env.CXX || 'g++', run: [], link: ['-pthread'] };
}

/** Whether `command --version` runs: the cross tools are optional. */
export function available(command) {
  const r = spawnSync(command, ['--version'], { stdio: 'ignore' });
  return !r.error && r.status === 0;
}

function sh(command, args) {
  const r = spawnSync(command, args, { cwd: root, encoding: 'utf8' });
  if (r.error) throw new Error(`${command}: ${r.error.message}`);
  if (r.status !== 0) throw new Error(`${command} ${args.slice(-3).join(' ')} failed:\n${r.stderr || r.stdout}`);
  return r.stdout;
}

/** A stable place per checkout and target, so a rebuild compiles only what changed. */
export function defaultBinary(target) {
  const tag = createHash('sha1').update(root).digest('hex').slice(0, 8);
  return path.join(os.tmpdir(), `rnnlab-harness-${tag}`, target);
}

/** Newest modification time of the kernel's headers: an object older than it (or than its source) is rebuilt. */
function newestHeader() {
  const dirs = ['src', 'gemm', 'test-harness'].map((d) => path.join(kernel, d));
  return Math.max(...dirs.flatMap((d) => readdirSync(d).filter((f) => /\.h$/.test(f)).map((f) => statSync(path.join(d, f)).mtimeMs)));
}

const stale = (obj, source, headers) =>
  !existsSync(obj) || statSync(obj).mtimeMs < Math.max(statSync(source).mtimeMs, headers);

/** Compiles (what changed) and links the harness for `target`; returns the binary's path. */
export function buildHarness(target = 'x64', out = defaultBinary(target)) {
  const { cxx, link } = toolchain(target);
  const objDir = `${out}.obj`;
  mkdirSync(path.dirname(out), { recursive: true });
  mkdirSync(objDir, { recursive: true });
  const x64 = target === 'x64' && process.arch === 'x64';
  const arm64 = target === 'aarch64';
  const units = COMMON.map((f) => [f, []]).concat(x64 ? X64_ONLY : arm64 ? AARCH64_ONLY : []);
  const defines = x64 ? X64_DEFINES : arm64 ? AARCH64_DEFINES : [];
  const include = ['-I', path.join(kernel, 'gemm'), '-I', path.join(kernel, 'src')];
  const headers = newestHeader();
  const objects = units.map(([file, simd]) => {
    const obj = path.join(objDir, file.replace(/[/.]/g, '_') + '.o');
    if (!stale(obj, path.join(kernel, file), headers)) return obj;
    sh(cxx, [...FLAGS, ...defines, ...simd, ...include, '-c', path.join(kernel, file), '-o', obj]);
    return obj;
  });
  sh(cxx, [...objects, ...link, '-o', out]);
  return out;
}

/** Runs a built harness (under the target's emulator); returns { status, output }. */
export function runHarness(target, binary, args, env = {}) {
  const { run } = toolchain(target);
  const [command, ...lead] = run.length ? run : [binary];
  const r = spawnSync(command, [...lead, ...(run.length ? [binary] : []), ...args], {
    cwd: root, encoding: 'utf8', env: { ...process.env, ...env },
  });
  return { status: r.status ?? -1, output: `${r.stdout ?? ''}${r.stderr ?? ''}${r.error ? r.error.message : ''}` };
}

/**
 * Guest instructions executed by `harness ARGS` under qemu-aarch64: qemu logs each translation block once when it
 * translates it (in_asm: its instructions) and each time it runs it (exec, with chaining off so no run is skipped);
 * the count is the sum over runs of the block's length. Emulated instruction counts, not times: independent of load.
 */
export async function countInstructions(binary, args, env = {}) {
  const log = path.join(os.tmpdir(), `rnnlab-qemu-${process.pid}-${Date.now()}.log`);
  try {
    const r = spawnSync('qemu-aarch64', ['-d', 'in_asm,exec,nochain', '-D', log, binary, ...args], {
      cwd: root, encoding: 'utf8', env: { ...process.env, ...env },
    });
    if (r.status !== 0) throw new Error(`qemu-aarch64 ${args.join(' ')} failed: ${r.stderr || r.error?.message}`);
    const blockLength = new Map();
    let current = null, total = 0;
    const lines = readline.createInterface({ input: createReadStream(log), crlfDelay: Infinity });
    for await (const line of lines) {
      if (line.startsWith('IN:')) { current = { pc: null, n: 0 }; continue; }
      if (current && /^0x[0-9a-f]+:/.test(line)) {
        if (current.pc === null) current.pc = BigInt(line.slice(0, line.indexOf(':')));
        current.n += 1;
        continue;
      }
      if (current && current.pc !== null) blockLength.set(current.pc, current.n);
      current = null;
      if (line.startsWith('Trace ')) {
        const fields = line.slice(line.indexOf('[') + 1, line.indexOf(']')).split('/');
        total += blockLength.get(BigInt(`0x${fields[1]}`)) ?? 0;
      }
    }
    return { total, output: r.stdout };
  } finally {
    rmSync(log, { force: true });  // about 100 bytes per block run: gigabytes for a large model's step
  }
}

async function main(argv) {
  const [command, ...rest] = argv;
  const flag = (name, fallback) => {
    const i = rest.indexOf(name);
    return i >= 0 ? rest[i + 1] : fallback;
  };
  const target = flag('--target', 'x64');
  const binary = buildHarness(target, flag('--out', undefined));
  const passThrough = rest.includes('--') ? rest.slice(rest.indexOf('--') + 1) : [];
  if (command === 'count') {
    if (target !== 'aarch64') throw new Error('count runs the harness under qemu-aarch64: pass --target aarch64');
    const { total, output } = await countInstructions(binary, passThrough);
    return void process.stdout.write(`${output}guest instructions: ${total}\n`);
  }
  const args = command === 'build' ? null : command === 'write' ? ['write', FIXTURE] : command === 'check' ? ['check', FIXTURE] : command === 'peak' ? ['peak'] : ['forward', 'gemm'].includes(command) ? [command, ...passThrough] : ['step', ...passThrough];
  if (!args) return void process.stdout.write(`${binary}\n`);
  const r = runHarness(target, binary, args);
  process.stdout.write(r.output);
  process.exitCode = r.status;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    await main(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`kernel-harness: ${error.message}\n`);
    process.exitCode = 1;
  }
}

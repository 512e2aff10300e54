// The native engine once per GEMM variant this CPU runs (generic always; avx2 and avx512 when /proc/cpuinfo has them),
// for parity and gradient-check tests. RNNLAB_GEMM is read once per loaded addon, so each variant loads its own copy
// of the addon file (a separate shared object with its own choice) with the variable set while it chooses.
import { copyFileSync, existsSync, mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { findAddonPath, loadNativeEngine, type NativeEngine } from '../../src-main/core/engine/native/index';

export type Variant = 'generic' | 'avx2' | 'avx512';

function cpuFlags(): string {
  if (process.arch !== 'x64' || !existsSync('/proc/cpuinfo')) return '';
  return readFileSync('/proc/cpuinfo', 'utf8');
}

/** The SIMD variants this CPU runs, widest last ('generic' on every CPU). */
export function cpuVariants(): Variant[] {
  const flags = cpuFlags();
  const has = (...names: string[]) => names.every((n) => new RegExp(`\\b${n}\\b`).test(flags));
  const out: Variant[] = ['generic'];
  if (has('avx2', 'fma')) out.push('avx2');
  if (has('avx512f', 'avx512vl', 'avx512bw', 'avx512dq', 'fma')) out.push('avx512');
  return out;
}

/** The default variant: the widest the CPU runs. */
export function widestVariant(): Variant {
  return cpuVariants().at(-1) as Variant;
}

const loaded = new Map<Variant, NativeEngine>();

/** The native engine with RNNLAB_GEMM forced to `variant`; throws when the addon is not built or ignores the choice. */
export function engineWithVariant(variant: Variant): NativeEngine {
  const known = loaded.get(variant);
  if (known) return known;
  const source = findAddonPath();
  if (!source || !existsSync(source)) throw new Error('the native kernel must be built for these tests: npm run build:kernel');
  const copy = path.join(mkdtempSync(path.join(os.tmpdir(), `rnnlab-${variant}-`)), 'rnnlab_kernel.node');
  copyFileSync(source, copy);
  const before = process.env.RNNLAB_GEMM;
  process.env.RNNLAB_GEMM = variant;
  try {
    const load = loadNativeEngine(copy); // createNativeEngine asks gemmVariant(): the choice is made here
    if (!load.ok) throw new Error(`the native kernel must be built for these tests: ${load.reason}`);
    if (load.engine.gemmVariant !== variant) throw new Error(`RNNLAB_GEMM=${variant} gave ${load.engine.gemmVariant}`);
    loaded.set(variant, load.engine);
    return load.engine;
  } finally {
    if (before === undefined) delete process.env.RNNLAB_GEMM;
    else process.env.RNNLAB_GEMM = before;
  }
}

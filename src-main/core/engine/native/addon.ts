// Finding and loading the compiled kernel (build/Release/rnnlab_kernel.node under the package root), and the
// TypeScript shape of what it exports. Loading never throws: a missing or broken addon gives a reason instead.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { findPackageRoot } from '../../util/package-root';

export const ADDON_RELATIVE_PATH = path.join('build', 'Release', 'rnnlab_kernel.node');

/** Codes the binding uses for the architecture and the output activation. */
export const ARCH_CODES = { rnn: 0, lstm: 1, gru: 2, elman: 3, jordan: 4, gated: 5 } as const;
export const OUTPUT_ACTIVATION_CODES = { none: 0, sigmoid: 1, softmax: 2 } as const;
/** What `KernelModel.read` returns. */
export const READ = { y: 0, yPre: 1, output: 2, hN: 3, cN: 4, layerState: 5, layerCellState: 6 } as const;

export interface KernelModelConfig {
  arch: number;
  input: number;
  hidden: number;
  layers: number;
  directions: number;
  output: number;
  bias: boolean;
  relu: boolean;
  outAct: number;
  shortcut: boolean;
  learnH0: boolean;
}

type Maybe = Float64Array | null;

/**
 * One model's sizes in the kernel. A forward pass's cache lives in a caller-owned ArrayBuffer of cacheBytes(...)
 * bytes, so the garbage collector frees it like any array (native finalizers would wait for the event loop).
 */
export interface KernelModel {
  paramNames(): string[];
  cacheBytes(batch: number, steps: number, float32: boolean, threads: number, h0Given: boolean, withMasks: boolean): number;
  forward(
    cache: ArrayBuffer, weights: Float64Array[], x: Float64Array, batch: number, steps: number, h0: Maybe, c0: Maybe,
    y0: Maybe, masks: Float64Array[] | null, float32: boolean, threads: number,
  ): void;
  read(cache: ArrayBuffer, what: number, layer: number, out: Float64Array): void;
  backward(
    cache: ArrayBuffer, dY: Maybe, dYPre: Maybe, dOutput: Maybe, dhN: Maybe, dcN: Maybe,
    dParams: Float64Array, dx: Maybe, dh0: Float64Array, dc0: Maybe, dy0: Maybe, norms: Float64Array,
  ): void;
}

export interface KernelAddon {
  Model: new (config: KernelModelConfig) => KernelModel;
  gemmVariant(): string;
}

export type AddonLoad = { ok: true; addon: KernelAddon; path: string } | { ok: false; reason: string };

/** The addon path under the installed `rnn-lab` package root, or null when no root is found. */
export function findAddonPath(): string | null {
  const root = findPackageRoot();
  return root ? path.join(root, ADDON_RELATIVE_PATH) : null;
}

function isAddon(value: unknown): value is KernelAddon {
  const v = value as Partial<KernelAddon> | null;
  return !!v && typeof v.Model === 'function' && typeof v.gemmVariant === 'function';
}

/** Loads the addon from `addonPath` (default: found under the package root). Never throws. */
export function loadAddon(addonPath: string | null = findAddonPath()): AddonLoad {
  if (!addonPath) return { ok: false, reason: 'package root with build/Release/rnnlab_kernel.node not found' };
  if (!existsSync(addonPath)) return { ok: false, reason: `${addonPath} not found; run npm run build:kernel` };
  try {
    const loaded: unknown = createRequire(path.join(path.dirname(addonPath), 'noop.js'))(addonPath);
    if (!isAddon(loaded)) return { ok: false, reason: `${addonPath} is not the RNN Lab kernel (no Model export)` };
    return { ok: true, addon: loaded, path: addonPath };
  } catch (error) {
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
    return { ok: false, reason: `${addonPath} failed to load: ${message}` };
  }
}

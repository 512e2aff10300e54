// The native engine: the Engine contract over the C++ kernel. Validates like the reference engine (same messages),
// hands the kernel one array per parameter and keeps the forward cache in an ArrayBuffer that backward reuses.
// Results are float64 whatever the precision, converted from the kernel's cache on first access (a training step
// that reads only y never pays for output, hN or the per-layer states). A released pass (ForwardPass.release) hands
// its cache buffer back, and the next forward pass of the same cache size writes into it instead of a fresh one.
import { paramLayout, shapeSize } from '../../spec/params';
import { numDirections, type ModelSpec } from '../../spec/types';
import { resolveDropoutMasks } from '../reference/dropout';
import { chooseThreads } from './threads';
import { validateInput, validateSeeds, validateWeights } from '../reference/validate';
import type { BackwardOptions, BackwardSeeds, Engine, ForwardOptions, ForwardPass, Gradients, Model, SequenceBatch } from '../types';
import {
  ARCH_CODES, OUTPUT_ACTIVATION_CODES, READ, type KernelAddon, type KernelModel,
} from './addon';

export interface NativeEngine extends Engine {
  readonly name: 'native';
  /** The GEMM variant the kernel picked at start-up ("avx2", "generic", ...). */
  readonly gemmVariant: string;
  /** The automatic thread count for a pass of this shape, at most `limit` (default: every core). */
  threadsFor(spec: ModelSpec, batch: number, steps: number, limit?: number): number;
}

interface PreparedModel {
  kernel: KernelModel;
  names: string[];
  /** Offsets of each parameter in the packed gradient buffer, in `names` order. */
  offsets: number[];
  total: number;
}

function kernelConfig(spec: ModelSpec) {
  return {
    arch: ARCH_CODES[spec.arch],
    input: spec.input_size,
    hidden: spec.hidden_size,
    layers: spec.num_layers,
    directions: numDirections(spec),
    output: spec.output_size,
    bias: spec.bias,
    relu: spec.nonlinearity === 'relu',
    outAct: OUTPUT_ACTIVATION_CODES[spec.output_activation],
    shortcut: spec.shortcut,
    learnH0: spec.learn_h0,
  };
}

function prepare(addon: KernelAddon, spec: ModelSpec): PreparedModel {
  const kernel = new addon.Model(kernelConfig(spec));
  const layout = paramLayout(spec);
  const names = kernel.paramNames();
  if (names.join() !== layout.map((p) => p.name).join()) {
    throw new Error(`native kernel layout drift: expected ${layout.map((p) => p.name).join(', ')}, found ${names.join(', ')}`);
  }
  const offsets: number[] = [];
  let total = 0;
  for (const p of layout) {
    offsets.push(total);
    total += shapeSize(p.shape);
  }
  return { kernel, names, offsets, total };
}

/**
 * The cache buffer of the last released pass, kept for the next forward pass of the same byte size (a training loop
 * runs the same shape step after step). One buffer, not a pool: a loop has one pass alive at a time, and a large
 * model's cache is tens of MB.
 */
class SpareCache {
  private buffer: ArrayBuffer | null = null;

  /** The spare buffer when it has exactly `bytes`, else a fresh uninitialised one. */
  take(bytes: number): ArrayBuffer {
    const spare = this.buffer;
    if (spare !== null && spare.byteLength === bytes) {
      this.buffer = null;
      return spare;
    }
    return uninitialisedBuffer(bytes);
  }

  give(buffer: ArrayBuffer): void {
    this.buffer = buffer;
  }
}

class NativeForwardPass implements ForwardPass {
  private readonly memo = new Map<string, Float64Array | Float64Array[] | null>();
  /** Null once released: the buffer may then hold another pass. */
  private cacheBuffer: ArrayBuffer | null;

  constructor(
    private readonly spec: ModelSpec,
    private readonly prepared: PreparedModel,
    cache: ArrayBuffer,
    private readonly B: number,
    private readonly T: number,
    private readonly spare: SpareCache,
  ) {
    this.cacheBuffer = cache;
  }

  get y(): Float64Array | null {
    return this.once('y', () => (this.spec.output_size > 0 ? this.read(READ.y, 0, this.B * this.T * this.spec.output_size) : null));
  }

  get yPre(): Float64Array | null {
    return this.once('yPre', () => (this.spec.output_size > 0 ? this.read(READ.yPre, 0, this.B * this.T * this.spec.output_size) : null));
  }

  get output(): Float64Array {
    return this.once('output', () => this.read(READ.output, 0, this.sequenceSize()));
  }

  get hN(): Float64Array {
    return this.once('hN', () => this.read(READ.hN, 0, this.stateSize()));
  }

  get cN(): Float64Array | null {
    return this.once('cN', () => (this.spec.arch === 'lstm' ? this.read(READ.cN, 0, this.stateSize()) : null));
  }

  /** Hidden states of every layer, (B, T, D*H) each. */
  get layerStates(): Float64Array[] {
    return this.once('layerStates', () => this.readLayers(READ.layerState));
  }

  get layerCellStates(): Float64Array[] | null {
    return this.once('layerCellStates', () => (this.spec.arch === 'lstm' ? this.readLayers(READ.layerCellState) : null));
  }

  backward(seeds: BackwardSeeds, options: BackwardOptions = {}): Gradients {
    const { spec, B, T, prepared } = this;
    validateSeeds(spec, B, T, seeds);
    const H = spec.hidden_size;
    const stateSize = spec.num_layers * numDirections(spec) * B * H;
    const lstm = spec.arch === 'lstm';
    const jordan = spec.arch === 'jordan';
    // The parameter gradients and dh0/dc0/dy0 share one allocation (each new array costs ~3 us, a tenth of a small
    // model's step); dx and the norms, which callers may keep per step, stay arrays of their own.
    const dy0Size = jordan ? B * spec.output_size : 0;
    const block = new Float64Array(prepared.total + stateSize * (lstm ? 2 : 1) + dy0Size);
    const packed = block.subarray(0, prepared.total);
    const dh0 = block.subarray(prepared.total, prepared.total + stateSize);
    const dc0 = lstm ? block.subarray(prepared.total + stateSize, prepared.total + 2 * stateSize) : null;
    const dy0 = jordan ? block.subarray(prepared.total + stateSize) : null;
    const dx = new Float64Array(options.inputGradient === false ? 0 : B * T * spec.input_size);
    const norms = new Float64Array(spec.num_layers * T);
    prepared.kernel.backward(
      this.cache(), seeds.dY ?? null, seeds.dYPre ?? null, seeds.dOutput ?? null, seeds.dhN ?? null, lstm ? (seeds.dcN ?? null) : null,
      packed, dx.length > 0 ? dx : null, dh0, dc0, dy0, norms,
    );
    const params: Record<string, Float64Array> = {};
    prepared.names.forEach((name, i) => {
      const end = i + 1 < prepared.offsets.length ? prepared.offsets[i + 1] : prepared.total;
      params[name] = packed.subarray(prepared.offsets[i], end);
    });
    const timestepGradNorms = Array.from({ length: spec.num_layers }, (_, l) => norms.subarray(l * T, (l + 1) * T));
    return { params, dx, dh0, dc0, dy0, timestepGradNorms };
  }

  release(): void {
    if (this.cacheBuffer === null) return;
    this.spare.give(this.cacheBuffer);
    this.cacheBuffer = null;
  }

  private cache(): ArrayBuffer {
    if (this.cacheBuffer === null) {
      throw new Error('native engine: expected a forward pass that was not released, found one used after release()');
    }
    return this.cacheBuffer;
  }

  private once<V extends Float64Array | Float64Array[] | null>(key: string, make: () => V): V {
    if (!this.memo.has(key)) this.memo.set(key, make());
    return this.memo.get(key) as V;
  }

  private sequenceSize(): number {
    return this.B * this.T * numDirections(this.spec) * this.spec.hidden_size;
  }

  private stateSize(): number {
    return this.spec.num_layers * numDirections(this.spec) * this.B * this.spec.hidden_size;
  }

  private read(what: number, layer: number, size: number): Float64Array {
    const out = new Float64Array(size);
    this.prepared.kernel.read(this.cache(), what, layer, out);
    return out;
  }

  private readLayers(what: number): Float64Array[] {
    return Array.from({ length: this.spec.num_layers }, (_, l) => this.read(what, l, this.sequenceSize()));
  }
}

/**
 * An ArrayBuffer of `bytes` that is not zero-filled: the kernel writes every cache byte it later reads, and zeroing
 * a fresh buffer per pass cost 4-6% of a small training step (a memset plus page faults).
 */
function uninitialisedBuffer(bytes: number): ArrayBuffer {
  return Buffer.allocUnsafeSlow(bytes).buffer as ArrayBuffer;
}

export function createNativeEngine(addon: KernelAddon): NativeEngine {
  // One kernel model per spec object: specs are immutable once parsed, and the kernel model only holds sizes.
  const prepared = new WeakMap<ModelSpec, PreparedModel>();
  const gemmVariant = addon.gemmVariant();
  const spare = new SpareCache();
  return {
    name: 'native',
    gemmVariant,
    threadsFor: chooseThreads,
    forward(model: Model, input: SequenceBatch, options: ForwardOptions = {}): ForwardPass {
      const { spec, weights } = model;
      validateWeights(spec, weights);
      validateInput(spec, input, options);
      let p = prepared.get(spec);
      if (!p) prepared.set(spec, (p = prepare(addon, spec)));
      const masks = resolveDropoutMasks(spec, input.batch, input.steps, options);
      const float32 = options.precision === 'float32';
      const { batch, steps } = input;
      // Without options.threads the count is chosen per model size (one thread for small models); given, it is obeyed.
      const threads =
        options.threads === undefined ? chooseThreads(spec, batch, steps) : Math.max(1, Math.min(256, Math.floor(options.threads)));
      const cache = spare.take(p.kernel.cacheBytes(batch, steps, float32, threads, input.h0 !== undefined, masks !== null));
      p.kernel.forward(
        cache, p.names.map((name) => weights[name].data), input.x, batch, steps,
        input.h0 ?? null, input.c0 ?? null, input.y0 ?? null, masks, float32, threads,
      );
      return new NativeForwardPass(spec, p, cache, batch, steps, spare);
    },
  };
}

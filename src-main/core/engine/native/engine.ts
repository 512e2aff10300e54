// The native engine: the Engine contract over the C++ kernel. Validates like the reference engine (same messages),
// hands the kernel one array per parameter and keeps the forward cache in an ArrayBuffer that backward reuses.
// Results are float64 whatever the precision; the per-layer states are converted only when read.
import { paramLayout, shapeSize } from '../../spec/params';
import { numDirections, type ModelSpec } from '../../spec/types';
import { resolveDropoutMasks } from '../reference/dropout';
import { validateInput, validateSeeds, validateWeights } from '../reference/validate';
import type { BackwardSeeds, Engine, ForwardOptions, ForwardPass, Gradients, Model, SequenceBatch } from '../types';
import {
  ARCH_CODES, OUTPUT_ACTIVATION_CODES, READ, type KernelAddon, type KernelModel,
} from './addon';

export interface NativeEngine extends Engine {
  readonly name: 'native';
  /** The GEMM variant the kernel picked at start-up ("avx2", "generic", ...). */
  readonly gemmVariant: string;
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

class NativeForwardPass implements ForwardPass {
  readonly y: Float64Array | null;
  readonly yPre: Float64Array | null;
  readonly output: Float64Array;
  readonly hN: Float64Array;
  readonly cN: Float64Array | null;
  private states: Float64Array[] | null = null;
  private cellStates: Float64Array[] | null = null;

  constructor(
    private readonly spec: ModelSpec,
    private readonly prepared: PreparedModel,
    private readonly cache: ArrayBuffer,
    private readonly B: number,
    private readonly T: number,
  ) {
    const O = spec.output_size;
    const seq = B * T * numDirections(spec) * spec.hidden_size;
    const stateSize = spec.num_layers * numDirections(spec) * B * spec.hidden_size;
    this.y = O > 0 ? this.read(READ.y, 0, B * T * O) : null;
    this.yPre = O > 0 ? this.read(READ.yPre, 0, B * T * O) : null;
    this.output = this.read(READ.output, 0, seq);
    this.hN = this.read(READ.hN, 0, stateSize);
    this.cN = spec.arch === 'lstm' ? this.read(READ.cN, 0, stateSize) : null;
  }

  /** Hidden states of every layer, (B, T, D*H) each; converted from the kernel's cache on first access. */
  get layerStates(): Float64Array[] {
    this.states ??= this.readLayers(READ.layerState);
    return this.states;
  }

  get layerCellStates(): Float64Array[] | null {
    if (this.spec.arch !== 'lstm') return null;
    this.cellStates ??= this.readLayers(READ.layerCellState);
    return this.cellStates;
  }

  backward(seeds: BackwardSeeds): Gradients {
    const { spec, B, T, prepared } = this;
    validateSeeds(spec, B, T, seeds);
    const H = spec.hidden_size;
    const stateSize = spec.num_layers * numDirections(spec) * B * H;
    const lstm = spec.arch === 'lstm';
    const jordan = spec.arch === 'jordan';
    const packed = new Float64Array(prepared.total);
    const dx = new Float64Array(B * T * spec.input_size);
    const dh0 = new Float64Array(stateSize);
    const dc0 = lstm ? new Float64Array(stateSize) : null;
    const dy0 = jordan ? new Float64Array(B * spec.output_size) : null;
    const norms = new Float64Array(spec.num_layers * T);
    prepared.kernel.backward(
      this.cache, seeds.dY ?? null, seeds.dYPre ?? null, seeds.dOutput ?? null, seeds.dhN ?? null, lstm ? (seeds.dcN ?? null) : null,
      packed, dx, dh0, dc0, dy0, norms,
    );
    const params: Record<string, Float64Array> = {};
    prepared.names.forEach((name, i) => {
      const end = i + 1 < prepared.offsets.length ? prepared.offsets[i + 1] : prepared.total;
      params[name] = packed.subarray(prepared.offsets[i], end);
    });
    const timestepGradNorms = Array.from({ length: spec.num_layers }, (_, l) => norms.subarray(l * T, (l + 1) * T));
    return { params, dx, dh0, dc0, dy0, timestepGradNorms };
  }

  private read(what: number, layer: number, size: number): Float64Array {
    const out = new Float64Array(size);
    this.prepared.kernel.read(this.cache, what, layer, out);
    return out;
  }

  private readLayers(what: number): Float64Array[] {
    const size = this.B * this.T * numDirections(this.spec) * this.spec.hidden_size;
    return Array.from({ length: this.spec.num_layers }, (_, l) => this.read(what, l, size));
  }
}

export function createNativeEngine(addon: KernelAddon): NativeEngine {
  // One kernel model per spec object: specs are immutable once parsed, and the kernel model only holds sizes.
  const prepared = new WeakMap<ModelSpec, PreparedModel>();
  const gemmVariant = addon.gemmVariant();
  return {
    name: 'native',
    gemmVariant,
    forward(model: Model, input: SequenceBatch, options: ForwardOptions = {}): ForwardPass {
      const { spec, weights } = model;
      validateWeights(spec, weights);
      validateInput(spec, input, options);
      let p = prepared.get(spec);
      if (!p) prepared.set(spec, (p = prepare(addon, spec)));
      const masks = resolveDropoutMasks(spec, input.batch, input.steps, options);
      const float32 = options.precision === 'float32';
      const threads = Math.max(1, Math.min(256, Math.floor(options.threads ?? 1)));
      const { batch, steps } = input;
      const cache = new ArrayBuffer(p.kernel.cacheBytes(batch, steps, float32, threads, input.h0 !== undefined, masks !== null));
      p.kernel.forward(
        cache, p.names.map((name) => weights[name].data), input.x, batch, steps,
        input.h0 ?? null, input.c0 ?? null, input.y0 ?? null, masks, float32, threads,
      );
      return new NativeForwardPass(spec, p, cache, batch, steps);
    },
  };
}

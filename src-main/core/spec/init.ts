// Weight initialisation: draws every parameter of a spec, by its role in `paramLayout`, from one seeded generator
// (core/random.ts), so the same spec and seed give bit-identical weights on every machine.
// Matches PyTorch's schemes in distribution, not PyTorch's random stream.
//
// Schemes (g = spec.init.gain, H = hidden size, "gate block" = the H rows of one gate, or one W_k of a gated net):
// - pytorch     every recurrent-layer tensor (input, recurrent, bias) U(-g/sqrt(H), g/sqrt(H)), as nn.RNN/LSTM/GRU;
//               head and shortcut weights and the head bias U(-g/sqrt(fan_in), g/sqrt(fan_in)), as nn.Linear.
// - xavier      every matrix Glorot-uniform U(-a, a), a = g*sqrt(6/(fan_in+fan_out)), per gate block
//               (fan_in = columns, fan_out = H); head/shortcut fan_out = output_size. Biases zero.
// - orthogonal  each recurrent gate block g*Q with Q a random orthogonal matrix (torch.nn.init.orthogonal_);
//               input, head and shortcut matrices Xavier with gain 1 (g sets the recurrent scale only). Biases zero.
// - identity    IRNN (Le, Jaitly & Hinton 2015): each recurrent gate block g*I; input weights N(0, 0.001^2) as in
//               the paper; head and shortcut Xavier with gain 1. Biases zero.
// Every scheme: a learned initial state (h0) starts at zero. With spec.init.spectral_radius set, every square
// recurrent block is then rescaled to exactly that spectral radius (to build exploding/vanishing demos on purpose).
import { Random } from '../random';
import { zeros, type Weights } from '../tensor';
import { fillIdentity, fillOrthogonal, rescaleToSpectralRadius } from './linalg-init';
import { paramLayout, type ParamInfo } from './params';
import { numDirections, type ModelSpec } from './types';

/** Standard deviation of IRNN input weights (Le et al. 2015, section 3). */
export const IRNN_INPUT_STD = 0.001;

export function initWeights(spec: ModelSpec): Weights {
  const rng = new Random(spec.init.seed);
  const weights: Weights = {};
  for (const p of paramLayout(spec)) {
    const tensor = zeros(p.shape);
    drawParameter(tensor.data, p, spec, rng);
    weights[p.name] = tensor;
  }
  const target = spec.init.spectral_radius;
  if (target !== null) {
    for (const p of paramLayout(spec)) {
      if (p.role !== 'recurrent') continue;
      forEachGateBlock(weights[p.name].data, p, (block, index, blockCount) => {
        const label = blockCount > 1 ? `${p.name} block ${index}` : p.name;
        rescaleToSpectralRadius(block, p.gateRows ?? 0, target, label);
      });
    }
  }
  return weights;
}

/**
 * Calls `visit` with each gate block of a matrix parameter: rows [k*H, (k+1)*H) of a (G*H, cols) matrix, or
 * W_k of a gated net's (K, H, H) tensor. Both are contiguous row-major slices of H*cols values.
 */
export function forEachGateBlock(
  data: Float64Array,
  p: ParamInfo,
  visit: (block: Float64Array, index: number, blockCount: number) => void,
): void {
  const cols = p.shape[p.shape.length - 1];
  const blockSize = (p.gateRows ?? p.shape[0]) * cols;
  const blockCount = data.length / blockSize;
  for (let k = 0; k < blockCount; k++) visit(data.subarray(k * blockSize, (k + 1) * blockSize), k, blockCount);
}

function drawParameter(out: Float64Array, p: ParamInfo, spec: ModelSpec, rng: Random): void {
  const { scheme, gain } = spec.init;
  if (p.role === 'state') return; // learned h0 starts at zero in every scheme
  if (scheme === 'pytorch') {
    const bound = gain / Math.sqrt(pytorchFanIn(p, spec));
    for (let i = 0; i < out.length; i++) out[i] = rng.uniform(-bound, bound);
    return;
  }
  if (p.role === 'bias' || p.role === 'head_bias') return; // zero in xavier, orthogonal, identity
  if (scheme === 'xavier') return fillXavier(out, p, gain, rng);
  if (p.role === 'recurrent') {
    const n = p.gateRows ?? p.shape[0];
    forEachGateBlock(out, p, (block) => (scheme === 'orthogonal' ? fillOrthogonal(block, n, gain, rng) : fillIdentity(block, n, gain)));
    return;
  }
  if (scheme === 'identity' && p.role === 'input') {
    for (let i = 0; i < out.length; i++) out[i] = IRNN_INPUT_STD * rng.normal();
    return;
  }
  fillXavier(out, p, 1, rng);
}

/** PyTorch's fan-in: H for every tensor of a recurrent layer, in_features for nn.Linear (head, shortcut). */
function pytorchFanIn(p: ParamInfo, spec: ModelSpec): number {
  if (p.role === 'head_bias') return numDirections(spec) * spec.hidden_size;
  if (p.role === 'head' || p.role === 'shortcut') return p.shape[p.shape.length - 1];
  return spec.hidden_size;
}

/** Glorot uniform per gate block: fan_in = columns, fan_out = rows of the block (H, or output_size for the head). */
function fillXavier(out: Float64Array, p: ParamInfo, gain: number, rng: Random): void {
  const fanIn = p.shape[p.shape.length - 1];
  const fanOut = p.gateRows ?? p.shape[0];
  const bound = gain * Math.sqrt(6 / (fanIn + fanOut));
  forEachGateBlock(out, p, (block) => {
    for (let i = 0; i < block.length; i++) block[i] = rng.uniform(-bound, bound);
  });
}

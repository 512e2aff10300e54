// Weight initialisation: draws every parameter of a spec from its seeded generator.
// Scheme 'pytorch' matches PyTorch's defaults in distribution (U(-1/sqrt(H), 1/sqrt(H)) for recurrent
// layers, U(-1/sqrt(fan_in), 1/sqrt(fan_in)) for the head), not PyTorch's random stream.
import { Random } from '../random';
import type { Weights } from '../tensor';
import { paramLayout, shapeSize } from './params';
import type { ModelSpec } from './types';

export function initWeights(spec: ModelSpec): Weights {
  const rng = new Random(spec.init.seed);
  const weights: Weights = {};
  const bound = spec.init.gain / Math.sqrt(spec.hidden_size);
  for (const p of paramLayout(spec)) {
    const n = shapeSize(p.shape);
    const fanIn = p.shape[p.shape.length - 1];
    const b = p.role === 'head' || p.role === 'head_bias' || p.role === 'shortcut' ? spec.init.gain / Math.sqrt(fanIn) : bound;
    weights[p.name] = { shape: [...p.shape], data: rng.uniformArray(n, -b, b) };
  }
  return weights;
}

// Dropout between stacked layers (PyTorch semantics): in training with p = spec.dropout > 0 and L > 1, the
// input of each layer 1..L-1 is multiplied by a mask (B, T, D*H) of 0 (probability p) or 1/(1-p).
// Never applied in eval mode nor after the last layer.
import { EngineError } from '../../errors';
import type { ModelSpec } from '../../spec/types';
import { numDirections } from '../../spec/types';
import type { ForwardOptions } from '../types';

export function dropoutActive(spec: ModelSpec, options: ForwardOptions): boolean {
  return options.training === true && spec.dropout > 0 && spec.num_layers > 1;
}

/**
 * Draws L-1 masks from a uniform [0,1) source, one value per element in batch-first order, mask by mask:
 * element = 0 when random() < p, else 1/(1-p).
 */
export function drawDropoutMasks(p: number, count: number, size: number, random: () => number): Float64Array[] {
  const keep = 1 / (1 - p);
  return Array.from({ length: count }, () => {
    const mask = new Float64Array(size);
    for (let i = 0; i < size; i++) mask[i] = random() < p ? 0 : keep;
    return mask;
  });
}

/** The batch-first masks of this forward pass: given, drawn, or null when dropout does not apply. */
export function resolveDropoutMasks(spec: ModelSpec, B: number, T: number, options: ForwardOptions): Float64Array[] | null {
  if (!dropoutActive(spec, options)) return null;
  if (options.dropoutMasks) return options.dropoutMasks;
  if (!options.random) {
    throw new EngineError(
      `dropout ${spec.dropout} in training needs options.dropoutMasks or options.random, found neither`,
    );
  }
  const size = B * T * numDirections(spec) * spec.hidden_size;
  return drawDropoutMasks(spec.dropout, spec.num_layers - 1, size, options.random);
}

// The optimisers of the training settings, built from their validated settings.
import { Adam } from './adam';
import { Rmsprop } from './rmsprop';
import { Sgd } from './sgd';
import type { Optimizer, OptimizerSettings } from './types';

export function createOptimizer(settings: OptimizerSettings): Optimizer {
  switch (settings.kind) {
    case 'sgd':
      return new Sgd(settings);
    case 'adam':
      return new Adam(settings);
    case 'rmsprop':
      return new Rmsprop(settings);
  }
}

export { Adam, ADAM_DEFAULTS } from './adam';
export { Rmsprop, RMSPROP_DEFAULTS } from './rmsprop';
export { Sgd, SGD_DEFAULTS } from './sgd';
export { decodeFloat64, encodeFloat64 } from './state-codec';
export * from './types';

// The reference engine: plain TypeScript in float64, the readable specification of every family's math.
// The native kernel must agree with it to 1e-10; both are checked against finite differences and PyTorch.
import type { Engine, ForwardOptions, ForwardPass, Model, SequenceBatch } from '../types';
import { forwardGated } from './gated';
import { forwardJordan } from './jordan';
import { forwardStacked } from './stacked';
import { validateInput, validateWeights } from './validate';

export { drawDropoutMasks } from './dropout';

export const referenceEngine: Engine = {
  name: 'reference',
  forward(model: Model, input: SequenceBatch, options: ForwardOptions = {}): ForwardPass {
    validateWeights(model.spec, model.weights);
    validateInput(model.spec, input, options);
    switch (model.spec.arch) {
      case 'rnn':
      case 'lstm':
      case 'gru':
      case 'elman':
        return forwardStacked(model, input, options);
      case 'jordan':
        return forwardJordan(model, input);
      case 'gated':
        return forwardGated(model, input);
    }
  },
};

// Built-in example models: classic networks from the literature and deliberate failure demos, as specs.
// Each spec goes through parseModelSpec when used, and a test checks every one of them is valid.
import type { ExampleInfo } from '../../api/lab-api';

export const EXAMPLES: readonly ExampleInfo[] = [
  {
    id: 'elman-temporal-xor',
    title: 'Elman SRN: temporal XOR',
    description:
      'Elman (1990): one input bit per step, predict the next bit, where every third bit is the XOR of the two before it.',
    spec: { arch: 'elman', input_size: 1, hidden_size: 2, output_size: 1, output_activation: 'sigmoid', init: { seed: 1 } },
  },
  {
    id: 'jordan-sequence',
    title: 'Jordan network: sequence production',
    description: 'Jordan (1986): the previous output feeds back into the hidden layer, so the net can replay a learned sequence.',
    spec: { arch: 'jordan', input_size: 2, hidden_size: 6, output_size: 2, output_activation: 'sigmoid', init: { seed: 2 } },
  },
  {
    id: 'gated-tomita',
    title: 'Second-order net: Tomita grammars',
    description:
      'Giles et al. (1992): the input symbol selects the recurrent matrix; classifies binary strings of a regular language.',
    spec: { arch: 'gated', input_size: 2, hidden_size: 4, output_size: 1, output_activation: 'sigmoid', learn_h0: true, init: { seed: 3 } },
  },
  {
    id: 'irnn-adding',
    title: 'IRNN: the adding problem',
    description: 'Le et al. (2015): ReLU units with an identity recurrent matrix carry a sum across long sequences.',
    spec: {
      arch: 'rnn', input_size: 2, hidden_size: 32, nonlinearity: 'relu', output_size: 1,
      init: { scheme: 'identity', seed: 4 },
    },
  },
  {
    id: 'lstm-language-model',
    title: 'LSTM character model',
    description: 'A two-layer LSTM over one-hot characters with a softmax readout: the classic next-character model.',
    spec: {
      arch: 'lstm', input_size: 28, hidden_size: 64, num_layers: 2, output_size: 28, output_activation: 'softmax',
      init: { seed: 5 },
    },
  },
  {
    id: 'rnn-exploding',
    title: 'Exploding gradients on purpose',
    description: 'A tanh RNN whose recurrent matrix has spectral radius 3: gradients through time grow until clipped.',
    spec: { arch: 'rnn', input_size: 1, hidden_size: 16, output_size: 1, init: { scheme: 'orthogonal', spectral_radius: 3, seed: 6 } },
  },
  {
    id: 'rnn-vanishing',
    title: 'Vanishing gradients on purpose',
    description: 'The same RNN with spectral radius 0.5: the gradient reaching early steps fades to nothing.',
    spec: { arch: 'rnn', input_size: 1, hidden_size: 16, output_size: 1, init: { scheme: 'orthogonal', spectral_radius: 0.5, seed: 6 } },
  },
];

// The example gallery's table: what the project files in resources/examples/ do not say themselves — a title, what
// to look at while it trains, and the alerts it is expected to raise. The paragraph comes from each file's task.
import type { AlertView } from '../../api/lab-api';

export interface ExampleEntry {
  /** File stem in resources/examples. */
  id: string;
  title: string;
  /** One sentence: where to look while it trains. */
  lookFor: string;
  expectedAlerts: AlertView['kind'][];
}

/** In gallery order: the vanishing/exploding story first, then the classics. */
export const EXAMPLES: readonly ExampleEntry[] = [
  {
    id: 'adding-srn',
    title: 'Vanishing gradients: a tanh RNN on the adding problem',
    lookFor: 'Watch the gradient-through-time heatmap go dark towards t = 1 and the loss stay flat at the 1/6 baseline, then try the remedy the vanishing alert offers.',
    expectedAlerts: ['vanishing'],
  },
  {
    id: 'adding-irnn',
    title: 'IRNN: ReLU and an identity matrix carry the gradient',
    lookFor: 'Compare the gradient-through-time heatmap with adding-srn: it stays bright down to t = 1, and the loss falls far below the baseline.',
    expectedAlerts: [],
  },
  {
    id: 'exploding-srn',
    title: 'Exploding gradients, tamed by clipping',
    lookFor: 'Watch the gradient norm sit above the explosion threshold from the first step while γ·σmax stays near 3 on the spectral chart; clipping keeps the loss falling.',
    expectedAlerts: ['exploding'],
  },
  {
    id: 'temporal-xor-elman',
    title: "Elman's temporal XOR",
    lookFor: 'Inspect a bit stream after training: the error drops on every third bit (the XOR) and stays at chance on the random ones.',
    expectedAlerts: [],
  },
  {
    id: 'tomita4-gated',
    title: 'Second-order network: Tomita grammar 4',
    lookFor: 'Open Trajectories after training: accepted and rejected strings end in separate clusters, the states of the automaton.',
    expectedAlerts: [],
  },
  {
    id: 'anbn-srn',
    title: 'Counting with an SRN: aⁿbⁿ',
    lookFor: 'Check the largest n solved on the test split: it stays near the trained 10, the contrast with anbn-lstm.',
    expectedAlerts: [],
  },
  {
    id: 'anbn-lstm',
    title: 'Counting with an LSTM: aⁿbⁿ far past training',
    lookFor: 'Watch the cell state in Trajectories rise with each a and fall with each b: a linear counter that works far past n = 10.',
    expectedAlerts: [],
  },
  {
    id: 'reber-gru',
    title: 'GRU: the embedded Reber grammar',
    lookFor: 'Inspect a string and look at the second-to-last step: the GRU still remembers whether the second symbol was T or P.',
    expectedAlerts: [],
  },
  {
    id: 'cloze-birnn',
    title: 'Bidirectional GRU: fill in the blank',
    lookFor: 'Compare the two directions in Trajectories: at the blank only the backward one has already seen the answer.',
    expectedAlerts: [],
  },
  {
    id: 'sine-jordan',
    title: 'Jordan network: predicting a mixture of sines',
    lookFor: 'Plot the prediction against the truth over the validation split: the output it feeds back is its only memory.',
    expectedAlerts: [],
  },
  {
    id: 'textlm-rnn',
    title: 'Character language model',
    lookFor: 'Sample text at a low temperature as the loss falls below ln(alphabet size): words and spacing appear.',
    expectedAlerts: [],
  },
];

// Regenerates the example projects resources/examples/*.rnnlab with the CLI (`rnnlab new`, then `rnnlab task set`),
// so each example is also a recipe a user can retype. Needs the built CLI (npm run build:cli).
//   node resources/examples/make-examples.mjs [name ...]
// The table is exported for the tests (test/examples/), which train the cheap ones for a few steps.
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import path from 'node:path';
import process from 'node:process';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const bin = path.join(here, '..', '..', 'bin', 'rnnlab.js');

/**
 * name, the `rnnlab new` flags (initSeed: the initialisation seed, default 0), the task (id, params, data seed), training settings, monitor settings, what it
 * shows (description), and the result `rnnlab train <file>` reaches with the stored settings (docs/EXPERIMENTS.md).
 */
export const EXAMPLES = [
  {
    name: 'tomita4-gated',
    model: ['--arch', 'gated', '--input-size', '2', '--hidden-size', '8', '--output-size', '1', '--output-activation', 'sigmoid'],
    task: { id: 'tomita', params: { grammar: 4 } },
    settings: { optimizer: 'adam', lr: 0.02, batch_size: 16, epochs: 8 },
    description:
      'A gated (second-order) network learns Tomita grammar 4, binary strings with no "000" substring, from strings ' +
      'of length 1 to 10, and keeps its accuracy on unseen strings of length 11 to 20: each input symbol selects its ' +
      'own recurrent matrix, so the network can hold the automaton\'s three states as three points in its state space.',
    expect: 'test accuracy 1.0 on lengths 11-20',
  },
  {
    name: 'anbn-srn',
    model: ['--arch', 'elman', '--input-size', '3', '--hidden-size', '8', '--output-size', '3', '--output-activation', 'sigmoid'],
    task: { id: 'anbn', params: { trainMaxN: 10, testMaxN: 40 } },
    settings: { optimizer: 'adam', lr: 0.01, batch_size: 16, epochs: 1000, clip: { mode: 'norm', max_norm: 1 }, schedule: { kind: 'cosine', t_max: 13000 } },
    description:
      'An Elman network (simple recurrent network) predicts the next symbol of S a^n b^n T, trained on n from 1 to 10. ' +
      'To predict where the b\'s end it must count; an SRN learns a counter that works on the trained range but ' +
      'drifts beyond it, so its generalisation range (largest n solved with every smaller n) stays near the training ' +
      'range: the contrast with anbn-lstm.',
    expect: 'largest n solved on the test split near 10',
  },
  {
    name: 'anbn-lstm',
    model: ['--arch', 'lstm', '--input-size', '3', '--hidden-size', '2', '--output-size', '3', '--output-activation', 'sigmoid'],
    initSeed: 8,
    task: { id: 'anbn', params: { trainMaxN: 10, testMaxN: 500 } },
    settings: { optimizer: 'adam', lr: 0.01, batch_size: 16, epochs: 2000, clip: { mode: 'norm', max_norm: 1 } },
    description:
      'An LSTM with 2 cells predicts the next symbol of S a^n b^n T, trained on n from 1 to 10 and tested on n up to ' +
      '500 (Gers & Schmidhuber 2001). Its cell state is a linear counter (the forget gate near 1 keeps it, the input ' +
      'gate adds to it), so it keeps counting far past the training range.',
    expect: 'largest n solved on the test split well above 10',
  },
  {
    name: 'temporal-xor-elman',
    model: ['--arch', 'elman', '--input-size', '1', '--hidden-size', '4', '--output-size', '1', '--output-activation', 'sigmoid', '--shortcut'],
    task: { id: 'temporal-xor', params: {} },
    settings: { optimizer: 'adam', lr: 0.02, batch_size: 16, epochs: 40 },
    description:
      'Elman\'s (1990) temporal XOR: a bit stream in which every third bit is the XOR of the two before it. Only that ' +
      'third bit is predictable; the network\'s error drops at those steps and stays at chance on the random ones. ' +
      'The input-to-output shortcut lets the readout see the current bit directly while the hidden layer remembers ' +
      'the previous one.',
    expect: 'accuracy on the predictable bits near 1.0, the others at chance',
  },
  {
    name: 'sine-jordan',
    model: ['--arch', 'jordan', '--input-size', '1', '--hidden-size', '16', '--output-size', '1'],
    task: { id: 'sine', params: {} },
    settings: { optimizer: 'adam', lr: 0.01, batch_size: 16, epochs: 300 },
    description:
      'A Jordan network predicts the next value of a mixture of two sines. Its recurrence runs through its own ' +
      'output: the previous prediction is fed back as the state, so the network must make its output carry what ' +
      'it needs to remember.',
    expect: 'test MSE far below the variance of the series',
  },
  {
    name: 'reber-gru',
    model: ['--arch', 'gru', '--input-size', '7', '--hidden-size', '24', '--output-size', '7', '--output-activation', 'sigmoid'],
    task: { id: 'reber', params: {} },
    settings: { optimizer: 'adam', lr: 0.003, batch_size: 8, epochs: 60 },
    description:
      'A GRU learns the embedded Reber grammar: predict the set of possible next symbols. The second symbol (T or P) ' +
      'must be remembered through the whole inner Reber string to predict the second-to-last symbol, a long-range ' +
      'dependency simple RNNs often miss and gated units hold with their update gate.',
    expect: 'every possible next symbol predicted on most strings',
  },
  {
    name: 'adding-srn',
    model: ['--arch', 'rnn', '--input-size', '2', '--hidden-size', '32', '--output-size', '1'],
    task: { id: 'adding', params: { length: 100 } },
    settings: { optimizer: 'adam', lr: 0.001, batch_size: 32, epochs: 200 },
    description:
      'The adding problem with T = 100 (Hochreiter & Schmidhuber 1997): add the two marked numbers of a long ' +
      'sequence. A tanh RNN with PyTorch\'s initialisation multiplies the gradient by a gain below 1 at every step ' +
      'back, so the gradient reaching the first steps is orders of magnitude smaller than at the last: the monitor ' +
      'flags vanishing gradients, and the loss stays at the baseline of always answering the mean (MSE about 1/6).',
    expect: 'vanishing alert; test MSE near the 0.167 baseline',
  },
  {
    name: 'adding-irnn',
    model: ['--arch', 'rnn', '--input-size', '2', '--hidden-size', '32', '--output-size', '1', '--nonlinearity', 'relu', '--init', 'identity'],
    task: { id: 'adding', params: { length: 100 } },
    // A small Adam step: at lr 1e-3 a run could sit at the baseline or be thrown off by a late spike (one seed in
    // three), at 2e-4 every seed tried learns (docs/EXPERIMENTS.md). 600 epochs = 19200 updates.
    settings: { optimizer: 'adam', lr: 0.0002, batch_size: 32, epochs: 600, clip: { mode: 'norm', max_norm: 1 } },
    description:
      'The same adding problem with an IRNN (Le, Jaitly & Hinton 2015): ReLU units and the recurrent matrix ' +
      'initialised to the identity. The identity passes the gradient back through time unchanged, so it reaches ' +
      'the first steps at full strength: the monitor raises no vanishing alert, and where the tanh RNN stays at the ' +
      'baseline the IRNN learns the sum: its error falls far below that baseline.',
    expect: 'no vanishing alert; test MSE far below the 0.17 baseline (under 0.01 from six native seeds)',
  },
  {
    name: 'exploding-srn',
    model: ['--arch', 'rnn', '--input-size', '2', '--hidden-size', '32', '--output-size', '1', '--spectral-radius', '3'],
    task: { id: 'adding', params: { length: 20 } },
    // Plain SGD, so an unclipped spike moves the weights by lr times its norm (Adam would bound the step itself).
    // At T = 30 the same settings stay at the baseline (seed 0: 0.166); T = 20 learns from every seed tried. 600
    // epochs, not 300: after 300 the test MSE of training seeds 0-5 spread over 0.31-0.70 of the baseline (0.20-0.91
    // on the kernel before), after 600 over 0.19-0.42 (docs/EXPERIMENTS.md).
    settings: { optimizer: 'sgd', lr: 0.05, batch_size: 16, epochs: 600, clip: { mode: 'norm', max_norm: 1 } },
    monitor: { exploding: { max_norm: 10 } },
    description:
      'A tanh RNN whose recurrent matrix is rescaled to spectral radius 3 (Pascanu et al. 2013: gamma * sigma_max ' +
      'far above 1 is needed for gradients to explode). On the adding problem (T = 20) its gradient norm passes ' +
      'the limit from the first update on and the monitor flags exploding gradients. Plain SGD without clipping is ' +
      'thrown to losses of 1e20 and beyond within a few dozen updates, until the numbers overflow and the run ' +
      'stops; with clipping at norm 1, set in this project, every update stays bounded and the run learns the ' +
      'sum: its error ends well below the baseline of always answering the mean.',
    expect: 'exploding alert at step 1; clipped: test MSE well below the 0.17 baseline; unclipped: non-finite',
  },
  {
    name: 'textlm-rnn',
    model: ['--arch', 'rnn', '--input-size', '60', '--hidden-size', '64', '--output-size', '60', '--output-activation', 'softmax'],
    task: { id: 'text', params: {} },
    settings: { optimizer: 'adam', lr: 0.005, batch_size: 32, epochs: 100, clip: { mode: 'norm', max_norm: 5 } },
    description:
      'A character-level language model on the small text bundled with RNN Lab: the network reads 50 characters ' +
      'and predicts each next one. Its cross-entropy falls well below that of guessing among the alphabet, and ' +
      'samples from it (at a low temperature) show words and spacing it has picked up.',
    expect: 'test cross-entropy well below ln(60) = 4.1',
  },
  {
    name: 'cloze-birnn',
    model: ['--arch', 'gru', '--input-size', '5', '--hidden-size', '16', '--output-size', '4', '--output-activation', 'softmax', '--bidirectional'],
    task: { id: 'cloze', params: {} },
    settings: { optimizer: 'adam', lr: 0.01, batch_size: 32, epochs: 15 },
    description:
      'Fill in the blank: the hidden symbol equals the one three positions after the blank. A bidirectional GRU ' +
      'reads the string from both ends, so at the blank its backward direction has already seen the answer; a ' +
      'forward-only model cannot do better than chance (1 in 4).',
    expect: 'test accuracy near 1.0 (chance: 0.25)',
  },
];

function rnnlab(args) {
  return execFileSync(process.execPath, [bin, ...args], { encoding: 'utf8' });
}

export function makeExample(example, file) {
  rmSync(file, { force: true });
  rnnlab(['new', ...example.model, '--seed', String(example.initSeed ?? 0), '--name', example.name, '-o', file]);
  const params = Object.entries(example.task.params).map(([k, v]) => ['--param', `${k}=${JSON.stringify(v)}`]).flat();
  rnnlab([
    'task', 'set', file, '--task', example.task.id, ...params, '--seed', String(example.task.seed ?? 0),
    '--description', example.description, '--settings', JSON.stringify(example.settings),
    ...(example.monitor ? ['--monitor', JSON.stringify(example.monitor)] : []),
  ]);
  rmSync(`${file}.bak`, { force: true });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const only = process.argv.slice(2);
  for (const example of EXAMPLES) {
    if (only.length > 0 && !only.includes(example.name)) continue;
    makeExample(example, path.join(here, `${example.name}.rnnlab`));
    process.stdout.write(`wrote ${example.name}.rnnlab\n`);
  }
}

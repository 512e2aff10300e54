// Fill in the blank, for bidirectional models: a string of random symbols with one position replaced by '_';
// the hidden symbol is a copy of the symbol `offset` positions AFTER the blank. The target (ce on softmax) is
// at the blank's step only. Everything before the blank is independent of the answer, so a forward-only model
// scores chance (1/K) at best; a bidirectional model's backward direction has already read the answer.
import { z } from 'zod';
import { Random } from '../random';
import { defineTask } from './define';
import { oneHotRows } from './encoding';
import { argmax, checkPredictions } from './metrics';
import { firstBrokenRule, intIn } from './params';
import { splitSizeFields } from './splits';
import type { Predictions, Sequence, TaskMetrics } from './types';

export const BLANK = '_';
const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

const clozeParamsSchema = z.strictObject({
  symbols: intIn('a number of symbols', 2, 26).default(4),
  length: intIn('a sequence length', 2, 1000).default(12),
  /** The answer is the symbol this many positions after the blank. */
  offset: intIn('an offset', 1, 999).default(3),
  ...splitSizeFields(1000, 200, 500),
});

export const clozeAlphabets = (symbols: number) => ({
  output: [...LETTERS.slice(0, symbols)],
  input: [...LETTERS.slice(0, symbols), BLANK],
});

export function clozeSequence(symbols: number, length: number, offset: number, random: Random): Sequence {
  const indices = Array.from({ length }, () => random.int(0, symbols - 1));
  const blank = random.int(0, length - 1 - offset);
  const answer = indices[blank + offset];
  indices[blank] = symbols; // the blank symbol, last in the input alphabet
  const target = new Float64Array(length * symbols);
  target[blank * symbols + answer] = 1;
  const targetMask = new Uint8Array(length);
  targetMask[blank] = 1;
  const { input } = clozeAlphabets(symbols);
  return { length, x: oneHotRows(indices, symbols + 1), target, targetMask, meta: { text: indices.map((k) => input[k]).join(''), group: blank } };
}

export function evaluateCloze(predictions: Predictions, split: Sequence[]): TaskMetrics {
  const K = split.length ? split[0].target.length / split[0].length : 1;
  checkPredictions(predictions, split, K);
  let right = 0;
  let nats = 0;
  split.forEach((s, i) => {
    const t = s.targetMask.indexOf(1);
    const answer = argmax(s.target, t * K, K);
    if (argmax(predictions[i], t * K, K) === answer) right++;
    nats -= Math.log(Math.max(predictions[i][t * K + answer], 1e-300));
  });
  const accuracy = right / split.length;
  return {
    primary: { name: 'accuracy', value: accuracy, higherIsBetter: true },
    // chance_accuracy: the best any forward-only model can expect; chance_cross_entropy = ln K likewise.
    scalars: { accuracy, cross_entropy: nats / split.length, chance_accuracy: 1 / K, chance_cross_entropy: Math.log(K) },
  };
}

export const clozeTask = defineTask({
  id: 'cloze',
  title: 'Fill in the blank',
  description:
    'One symbol of a random string is blanked out, and its value is a copy of a symbol a few positions later. ' +
    'A forward-only network has to answer before it has seen that symbol, so it can only guess (accuracy 1/K); ' +
    'a bidirectional network reads the string from both ends and can copy the answer. The task shows what the ' +
    'backward direction adds.',
  paramsSchema: clozeParamsSchema,
  check: (p) => firstBrokenRule([[p.offset < p.length, 'offset', `expected below the sequence length (${p.length})`, p.offset]]),
  generate(params, seed) {
    const random = new Random(seed);
    const make = (size: number) => Array.from({ length: size }, () => clozeSequence(params.symbols, params.length, params.offset, random));
    const { input, output } = clozeAlphabets(params.symbols);
    return {
      task: 'cloze',
      params,
      seed,
      inputSize: params.symbols + 1,
      outputSize: params.symbols,
      alphabet: input,
      outputAlphabet: output,
      loss: 'ce',
      outputActivation: 'softmax',
      targetMode: 'every',
      train: make(params.trainSize),
      validation: make(params.validationSize),
      test: make(params.testSize),
    };
  },
  evaluate: evaluateCloze,
});

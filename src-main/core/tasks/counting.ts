// a^n b^n and a^n b^n c^n next-symbol prediction with start and end markers (Gers & Schmidhuber 2001).
// Input S a^n b^n (c^n), one-hot over S,a,b(,c); the target at each step is the SET of symbols that may come
// next in the language {a^n b^n (c^n) : n >= 1}, multi-hot over a,b(,c),T, trained with bce on sigmoid
// outputs. Deterministic steps: after S (only a), and from the first b on (the count decides everything).
import { z } from 'zod';
import { Random } from '../random';
import { defineTask } from './define';
import { nextSymbolSequence, symbolIndices } from './encoding';
import { evaluateNextSymbol } from './next-symbol';
import { firstBrokenRule, intIn } from './params';
import { MAX_SPLIT_SIZE } from './splits';
import type { Sequence, Task } from './types';

export const MAX_N = 500;

export interface CountingLanguage {
  id: 'anbn' | 'anbncn';
  /** Letters after the start marker, in order: a,b or a,b,c. */
  letters: string[];
}

export const ANBN: CountingLanguage = { id: 'anbn', letters: ['a', 'b'] };
export const ANBNCN: CountingLanguage = { id: 'anbncn', letters: ['a', 'b', 'c'] };

export const countingAlphabets = (language: CountingLanguage) => ({
  input: ['S', ...language.letters],
  output: [...language.letters, 'T'],
});

/** The string S a^n b^n (c^n) T. */
export function countingString(language: CountingLanguage, n: number): string {
  return 'S' + language.letters.map((l) => l.repeat(n)).join('') + 'T';
}

/** Symbols (from a,b,(c),T) that may follow each proper prefix of S a^n b^n (c^n) T that ends before T. */
export function countingNextSets(language: CountingLanguage, n: number): string[][] {
  const sets: string[][] = [['a']];
  const [first, ...rest] = language.letters;
  // After a^k (k >= 1) another a or the first b may come: the string does not say which.
  for (let k = 1; k <= n; k++) sets.push([first, rest[0]]);
  // After a^n every later letter block is forced: the block continues until n, then the next block or T.
  const blocks = [...rest, 'T'];
  for (let b = 0; b < rest.length; b++) {
    for (let j = 1; j <= n; j++) sets.push([j < n ? rest[b] : blocks[b + 1]]);
  }
  return sets;
}

export function countingSequence(language: CountingLanguage, n: number): Sequence {
  const { input, output } = countingAlphabets(language);
  const text = countingString(language, n);
  const inputs = symbolIndices(text.slice(0, -1), input);
  const nextSets = countingNextSets(language, n).map((set) => symbolIndices(set, output));
  return nextSymbolSequence(inputs, nextSets, input.length, output.length, { text, group: n });
}

function countingTask(language: CountingLanguage, title: string, description: string, defaultTestMaxN: number): Task {
  const nIn = (what: string) => intIn(what, 1, MAX_N);
  const schema = z.strictObject({
    trainMinN: nIn('a smallest train n').default(1),
    trainMaxN: nIn('a largest train n').default(10),
    testMaxN: nIn('a largest test n').default(defaultTestMaxN),
    trainSize: intIn('a train split size', 1, MAX_SPLIT_SIZE).default(200),
  });
  const { input, output } = countingAlphabets(language);
  return defineTask({
    id: language.id,
    title,
    description,
    paramsSchema: schema,
    check: (p) =>
      firstBrokenRule([
        [p.trainMinN <= p.trainMaxN, 'trainMaxN', `expected at least trainMinN (${p.trainMinN})`, p.trainMaxN],
        [p.trainMaxN < p.testMaxN, 'testMaxN', `expected above trainMaxN (${p.trainMaxN}) to test generalisation`, p.testMaxN],
      ]),
    generate(params, seed) {
      const random = new Random(seed);
      const train = Array.from({ length: params.trainSize }, () =>
        countingSequence(language, random.int(params.trainMinN, params.trainMaxN)),
      );
      const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);
      return {
        task: language.id,
        params,
        seed,
        inputSize: input.length,
        outputSize: output.length,
        alphabet: input,
        outputAlphabet: output,
        loss: 'bce',
        outputActivation: 'sigmoid',
        targetMode: 'every',
        train,
        // Every trained n once; then every n from 1 to testMaxN once, so "largest n solved" reads directly.
        validation: range(params.trainMinN, params.trainMaxN).map((n) => countingSequence(language, n)),
        test: range(1, params.testMaxN).map((n) => countingSequence(language, n)),
      };
    },
    evaluate: (predictions, split) =>
      evaluateNextSymbol(predictions, split, { outputSize: output.length, activation: 'sigmoid', groupedBy: 'n' }),
  });
}

export const anbnTask = countingTask(
  ANBN,
  'a^n b^n',
  'Predict the next symbol of S a^n b^n T, a context-free language no finite automaton recognises: the network ' +
    'must count the a\'s and count down through the b\'s. Trained on n from 1 to 10 and tested on every n up to a ' +
    'larger bound; a string counts as correct when every prediction the language determines is right (Gers & ' +
    'Schmidhuber 2001). The score is the largest n for which it and every smaller n are correct.',
  50,
);

export const anbncnTask = countingTask(
  ANBNCN,
  'a^n b^n c^n',
  'Predict the next symbol of S a^n b^n c^n T, a context-sensitive language: two counts must be kept at once. ' +
    'Trained on small n and tested on larger n, scored by the largest n for which every smaller n is also ' +
    'predicted right at every deterministic step (Gers & Schmidhuber 2001).',
  30,
);

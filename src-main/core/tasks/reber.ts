// The (embedded) Reber grammar, next-symbol prediction over B,T,S,X,P,V,E (Reber 1967; Fahlman 1991;
// Hochreiter & Schmidhuber 1997). Every branch is taken with probability 1/2. Targets are the sets of legal next
// symbols (multi-hot, bce + sigmoid). In the embedded grammar B (T|P) <Reber string> (T|P) E, the symbol
// before the final E repeats the second one: the long-range dependency only a network with memory predicts.
import { z } from 'zod';
import { Random } from '../random';
import { defineTask } from './define';
import { nextSymbolSequence, symbolIndices } from './encoding';
import { evaluateNextSymbol, stepCorrect } from './next-symbol';
import { intIn } from './params';
import { drawAvoiding, splitSizeFields } from './splits';
import type { Predictions, Sequence, TaskMetrics } from './types';

export const REBER_ALPHABET = ['B', 'T', 'S', 'X', 'P', 'V', 'E'];

type Edges = [symbol: string, next: string][];

/** Reber's automaton: state k -> [symbol, next state]; 'end' after E. */
const REBER_EDGES: Record<string, Edges> = {
  r0: [['B', 'r1']],
  r1: [['T', 'r2'], ['P', 'r3']],
  r2: [['S', 'r2'], ['X', 'r4']],
  r3: [['T', 'r3'], ['V', 'r5']],
  r4: [['X', 'r3'], ['S', 'r6']],
  r5: [['P', 'r4'], ['V', 'r6']],
  r6: [['E', 'end']],
};

/** The embedded grammar: two copies of Reber's automaton, one per branch, each remembering its branch. */
function embeddedEdges(): Record<string, Edges> {
  const edges: Record<string, Edges> = { o0: [['B', 'o1']], o1: [['T', 'Tr0'], ['P', 'Pr0']], o2: [['E', 'end']] };
  for (const branch of ['T', 'P']) {
    for (const [state, out] of Object.entries(REBER_EDGES)) {
      edges[branch + state] = out.map(([symbol, next]) => [symbol, next === 'end' ? `${branch}exit` : branch + next]);
    }
    edges[`${branch}exit`] = [[branch, 'o2']];
  }
  return edges;
}

const EMBEDDED_EDGES = embeddedEdges();

export interface ReberWalk {
  text: string;
  /** Legal next symbols after each symbol but the last. */
  nextSets: string[][];
}

/** One random walk from the start state to the end. */
export function reberWalk(embedded: boolean, random: Random): ReberWalk {
  const edges = embedded ? EMBEDDED_EDGES : REBER_EDGES;
  let state = embedded ? 'o0' : 'r0';
  let text = '';
  const nextSets: string[][] = [];
  while (state !== 'end') {
    const out = edges[state];
    const [symbol, next] = out[out.length === 1 ? 0 : random.int(0, out.length - 1)];
    text += symbol;
    state = next;
    if (state !== 'end') nextSets.push(edges[state].map(([s]) => s));
  }
  return { text, nextSets };
}

const reberParamsSchema = z.strictObject({
  embedded: z.boolean({ error: 'expected true or false' }).default(true),
  maxLength: intIn('a maximum string length', 12, 200).default(40),
  ...splitSizeFields(1000, 200, 500),
});

function reberSequence(walk: ReberWalk): Sequence {
  const inputs = symbolIndices(walk.text.slice(0, -1), REBER_ALPHABET);
  const sets = walk.nextSets.map((set) => symbolIndices(set, REBER_ALPHABET));
  return nextSymbolSequence(inputs, sets, 7, 7, { text: walk.text, group: walk.text.length });
}

export function evaluateReber(predictions: Predictions, split: Sequence[]): TaskMetrics {
  const metrics = evaluateNextSymbol(predictions, split, { outputSize: 7, activation: 'sigmoid' });
  // The long-range step: predicting the branch symbol again after the inner E (embedded strings only).
  const embedded = split.filter((s) => s.meta?.text?.[1] === s.meta?.text?.at(-2));
  if (embedded.length === split.length && split.length) {
    const right = split.filter((s, i) => stepCorrect(predictions[i], s, s.length - 2, 7, 'sigmoid')).length;
    metrics.scalars.long_range_accuracy = right / split.length;
  }
  return metrics;
}

export const reberTask = defineTask({
  id: 'reber',
  title: 'Embedded Reber grammar',
  description:
    'Predict the next symbol of strings from Reber\'s finite-state grammar, embedded between a second and a ' +
    'second-to-last symbol that must match (B T ... T E or B P ... P E). Most steps only need the last few ' +
    'symbols; the matching symbol needs memory across the whole inner string, which is where simple recurrent ' +
    'networks fail and LSTM succeeds (Hochreiter & Schmidhuber 1997).',
  paramsSchema: reberParamsSchema,
  generate(params, seed) {
    const random = new Random(seed);
    const draw = () => {
      let walk = reberWalk(params.embedded, random);
      while (walk.text.length > params.maxLength) walk = reberWalk(params.embedded, random);
      return walk;
    };
    const train = Array.from({ length: params.trainSize }, draw);
    const seen = new Set(train.map((w) => w.text));
    // Held-out splits prefer strings the training split does not contain.
    const heldOut = (size: number) => Array.from({ length: size }, () => drawAvoiding(draw, (w) => w.text, seen));
    return {
      task: 'reber',
      params,
      seed,
      inputSize: 7,
      outputSize: 7,
      alphabet: REBER_ALPHABET,
      loss: 'bce',
      outputActivation: 'sigmoid',
      targetMode: 'every',
      train: train.map(reberSequence),
      validation: heldOut(params.validationSize).map(reberSequence),
      test: heldOut(params.testSize).map(reberSequence),
    };
  },
  evaluate: evaluateReber,
});

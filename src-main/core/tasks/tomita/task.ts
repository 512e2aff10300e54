// Tomita grammars 1-7: accept/reject binary strings, target at the last step (bce, sigmoid > 0.5 = accept).
// Train and validation use short strings, the test split longer ones; labels are balanced (label drawn first,
// then a length that has strings of that label). The empty string is left out: it has no step to read, and all
// seven languages accept it.
import { z } from 'zod';
import { Random } from '../../random';
import { defineTask } from '../define';
import { oneHotRows, symbolIndices } from '../encoding';
import { checkPredictions, GroupTally } from '../metrics';
import { firstBrokenRule, intIn, realIn } from '../params';
import { drawAvoiding, splitSizeFields } from '../splits';
import type { Predictions, Sequence, TaskMetrics } from '../types';
import { tomitaAccepts, tomitaLanguage, type TomitaLanguage } from './languages';
import { LabelledStringSampler } from './sampling';

export const TOMITA_ALPHABET = ['0', '1'];
export const TOMITA_MAX_LENGTH = 40;

const length = (what: string) => intIn(what, 1, TOMITA_MAX_LENGTH);

export const tomitaParamsSchema = z.strictObject({
  grammar: intIn('a Tomita grammar', 1, 7).default(4),
  trainMinLength: length('a minimum train length').default(1),
  trainMaxLength: length('a maximum train length').default(10),
  testMinLength: length('a minimum test length').default(11),
  testMaxLength: length('a maximum test length').default(20),
  positiveFraction: realIn('a fraction of accepted strings', 0, 1).default(0.5),
  ...splitSizeFields(1000, 200, 500),
});

export type TomitaParams = z.output<typeof tomitaParamsSchema>;

export function tomitaSequence(text: string, accepted: boolean): Sequence {
  const T = text.length;
  const target = new Float64Array(T);
  target[T - 1] = accepted ? 1 : 0;
  const targetMask = new Uint8Array(T);
  targetMask[T - 1] = 1;
  return { length: T, x: oneHotRows(symbolIndices(text, TOMITA_ALPHABET), 2), target, targetMask, meta: { text, group: T, label: accepted ? 1 : 0 } };
}

function drawSplit(
  language: TomitaLanguage,
  sampler: LabelledStringSampler,
  random: Random,
  size: number,
  [minLength, maxLength]: readonly [number, number],
  positiveFraction: number,
  avoid: ReadonlySet<string> = new Set(),
): Sequence[] {
  // Label first, then a length that has strings of that label: lengths holding one label only (Tomita 5 has
  // no accepted odd-length strings, Tomita 4 no rejected ones below length 3) would otherwise skew the balance.
  const lengthsWith = [true, false].map((accepted) => {
    const lengths: number[] = [];
    for (let len = minLength; len <= maxLength; len++) if (sampler.count(len, accepted) > 0) lengths.push(len);
    return lengths;
  });
  const draw = () => {
    let accepted = random.next() < positiveFraction;
    if (lengthsWith[accepted ? 0 : 1].length === 0) accepted = !accepted;
    const lengths = lengthsWith[accepted ? 0 : 1];
    return sampler.sample(lengths[random.int(0, lengths.length - 1)], accepted, random) as string;
  };
  return Array.from({ length: size }, () => {
    const text = drawAvoiding(draw, (t) => t, avoid);
    return tomitaSequence(text, tomitaAccepts(language, text));
  });
}

export function evaluateTomita(predictions: Predictions, split: Sequence[]): TaskMetrics {
  checkPredictions(predictions, split, 1);
  const byLength = new GroupTally();
  const byLabel = new GroupTally();
  split.forEach((s, i) => {
    const accepted = predictions[i][s.length - 1] > 0.5;
    const correct = accepted === (s.target[s.length - 1] === 1);
    byLength.add(s.length, correct);
    byLabel.add(s.target[s.length - 1], correct);
  });
  const accuracy = byLength.accuracy();
  const [rejected, acceptedRow] = [0, 1].map((label) => byLabel.rows().find((r) => r.group === label));
  return {
    primary: { name: 'accuracy', value: accuracy, higherIsBetter: true },
    scalars: {
      accuracy,
      accept_accuracy: acceptedRow ? acceptedRow.correct / acceptedRow.total : NaN,
      reject_accuracy: rejected ? rejected.correct / rejected.total : NaN,
    },
    groups: byLength.rows(),
    groupedBy: 'length',
  };
}

export const tomitaTask = defineTask({
  id: 'tomita',
  title: 'Tomita grammars',
  description:
    'Accept or reject binary strings of one of the seven regular languages Tomita (1982) used to test grammar ' +
    'induction (4: no 000 substring; 7: 0*1*0*1*). The network reads the string one symbol at a time and answers ' +
    'at the last symbol. It trains on short strings and is tested on longer ones: a network that found the ' +
    'automaton keeps its accuracy as strings grow, one that memorised does not.',
  paramsSchema: tomitaParamsSchema,
  check: (p) =>
    firstBrokenRule([
      [p.trainMinLength <= p.trainMaxLength, 'trainMaxLength', `expected at least trainMinLength (${p.trainMinLength})`, p.trainMaxLength],
      [p.trainMaxLength < p.testMinLength, 'testMinLength', `expected above trainMaxLength (${p.trainMaxLength}) so test strings are unseen`, p.testMinLength],
      [p.testMinLength <= p.testMaxLength, 'testMaxLength', `expected at least testMinLength (${p.testMinLength})`, p.testMaxLength],
    ]),
  generate(params, seed) {
    const random = new Random(seed);
    const language = tomitaLanguage(params.grammar);
    const sampler = new LabelledStringSampler(language, params.testMaxLength);
    const trainRange = [params.trainMinLength, params.trainMaxLength] as const;
    const train = drawSplit(language, sampler, random, params.trainSize, trainRange, params.positiveFraction);
    const seen = new Set(train.map((s) => s.meta?.text as string));
    const validation = drawSplit(language, sampler, random, params.validationSize, trainRange, params.positiveFraction, seen);
    const testRange = [params.testMinLength, params.testMaxLength] as const;
    const test = drawSplit(language, sampler, random, params.testSize, testRange, params.positiveFraction);
    return {
      task: 'tomita',
      params,
      seed,
      inputSize: 2,
      outputSize: 1,
      alphabet: TOMITA_ALPHABET,
      loss: 'bce',
      outputActivation: 'sigmoid',
      targetMode: 'last',
      train,
      validation,
      test,
    };
  },
  evaluate: evaluateTomita,
});

// Elman's temporal XOR (1990): a bit stream made of triples (a, b, a XOR b); the network reads one bit per step
// and predicts the next. Only every third prediction (the XOR bit, at steps t = 1, 4, 7, ...) is determined;
// the others are coin flips. Windows start at a triple boundary. bce on a sigmoid output.
import { z } from 'zod';
import { Random } from '../random';
import { defineTask } from './define';
import { checkPredictions, GroupTally } from './metrics';
import { intIn } from './params';
import { splitSizeFields } from './splits';
import type { Predictions, Sequence, TaskMetrics } from './types';

const temporalXorParamsSchema = z.strictObject({
  length: intIn('a window length', 3, 3000).default(30),
  /** Elman trained on every step; true puts the loss on the predictable steps only. */
  lossOnDeterministicOnly: z.boolean({ error: 'expected true or false' }).default(false),
  ...splitSizeFields(100, 50, 50),
});

/** `count` bits of the stream: triples (a, b, a XOR b). */
export function xorStream(count: number, random: Random): Uint8Array {
  const bits = new Uint8Array(count);
  for (let i = 0; i < count; i++) bits[i] = i % 3 === 2 ? bits[i - 2] ^ bits[i - 1] : random.int(0, 1);
  return bits;
}

/** Step t predicts bit t+1, which is an XOR bit when t % 3 === 1. */
export const xorStepIsDeterministic = (t: number) => t % 3 === 1;

export function temporalXorSequence(T: number, random: Random, lossOnDeterministicOnly: boolean): Sequence {
  const bits = xorStream(T + 1, random);
  const deterministic = Uint8Array.from({ length: T }, (_, t) => (xorStepIsDeterministic(t) ? 1 : 0));
  return {
    length: T,
    x: Float64Array.from(bits.subarray(0, T)),
    target: Float64Array.from(bits.subarray(1, T + 1)),
    targetMask: lossOnDeterministicOnly ? deterministic.slice() : new Uint8Array(T).fill(1),
    meta: { deterministic, text: [...bits.subarray(0, T)].join('') },
  };
}

export function evaluateTemporalXor(predictions: Predictions, split: Sequence[]): TaskMetrics {
  checkPredictions(predictions, split, 1);
  const xorSteps = new GroupTally();
  // Squared error by position in the triple: Elman's figure of error falling on every third step.
  const phaseSquares = [0, 0, 0];
  const phaseCounts = [0, 0, 0];
  split.forEach((s, i) => {
    for (let t = 0; t < s.length; t++) {
      const error = predictions[i][t] - s.target[t];
      phaseSquares[t % 3] += error * error;
      phaseCounts[t % 3]++;
      if (xorStepIsDeterministic(t)) xorSteps.add(0, predictions[i][t] > 0.5 === (s.target[t] === 1));
    }
  });
  const xorAccuracy = xorSteps.accuracy();
  return {
    primary: { name: 'xor_accuracy', value: xorAccuracy, higherIsBetter: true },
    scalars: {
      xor_accuracy: xorAccuracy,
      // Step t predicts bit t+1: phase 1 predicts the XOR bit, phases 0 and 2 predict random bits.
      mse_predicting_first_bit: phaseSquares[2] / phaseCounts[2],
      mse_predicting_second_bit: phaseSquares[0] / phaseCounts[0],
      mse_predicting_xor_bit: phaseSquares[1] / phaseCounts[1],
    },
  };
}

export const temporalXorTask = defineTask({
  id: 'temporal-xor',
  title: 'Temporal XOR',
  description:
    'A stream of bits in which every third bit is the XOR of the two before it (Elman 1990). Predicting the next ' +
    'bit is only possible on every third step, and only by remembering the previous two bits: the error falls ' +
    'on those steps and stays at chance on the others. XOR is not linearly separable, so the network needs its ' +
    'hidden layer.',
  paramsSchema: temporalXorParamsSchema,
  generate(params, seed) {
    const random = new Random(seed);
    const make = (size: number) =>
      Array.from({ length: size }, () => temporalXorSequence(params.length, random, params.lossOnDeterministicOnly));
    return {
      task: 'temporal-xor',
      params,
      seed,
      inputSize: 1,
      outputSize: 1,
      loss: 'bce',
      outputActivation: 'sigmoid',
      targetMode: 'every',
      train: make(params.trainSize),
      validation: make(params.validationSize),
      test: make(params.testSize),
    };
  },
  evaluate: evaluateTemporalXor,
});

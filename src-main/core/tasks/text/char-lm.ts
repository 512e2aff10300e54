// Character-level language model on a text: the alphabet is the sorted distinct characters (code points) of the
// whole text, capped; windows of `window` characters predict the next character at every step (ce on softmax).
// The text is cut into contiguous train / validation / test parts, so held-out windows are unseen text.
// Default text: resources/data/recurrent-networks.txt, written for this project.
import { z } from 'zod';
import { Random } from '../../random';
import { FileReadRefusal, readFileCapped } from '../../util/read-capped';
import { defineTask } from '../define';
import { TaskDataError } from '../errors';
import { oneHotRows, symbolIndices } from '../encoding';
import { argmax, checkPredictions } from '../metrics';
import { fraction, intIn } from '../params';
import { contiguousSplits } from '../splits';
import type { Predictions, Sequence, TaskMetrics } from '../types';
import { BUNDLED_TEXT, bundledDataPath } from './bundled';

export const MAX_TEXT_BYTES = 20 * 1024 * 1024;

const charLmParamsSchema = z.strictObject({
  /** Path of a UTF-8 text file; or `text` itself; neither means the bundled text. */
  file: z.string({ error: 'expected a file path' }).min(1, { error: 'expected a file path' }).nullable().default(null),
  text: z.string({ error: 'expected text' }).nullable().default(null),
  window: intIn('a window length', 2, 10_000).default(50),
  /** Characters between window starts; null means the window length (no overlap). */
  stride: intIn('a stride', 1, 10_000).nullable().default(null),
  maxAlphabet: intIn('an alphabet cap', 2, 4096).default(100),
  validationFraction: fraction('a validation fraction').default(0.1),
  testFraction: fraction('a test fraction').default(0.1),
});

export function readTextFile(path: string): string {
  // Read through the cap, not after a stat: stat says 0 bytes for /dev/zero, which would never end.
  try {
    return readFileCapped(path, MAX_TEXT_BYTES).toString('utf8');
  } catch (error) {
    if (error instanceof FileReadRefusal) {
      throw new TaskDataError(`expected a text file of at most ${MAX_TEXT_BYTES / 1024 / 1024} MB, found ${path}, which ${error.message}`);
    }
    throw new TaskDataError(`cannot read text file ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
}

/** Sorted distinct characters (by code point); throws when there are more than `cap`. */
export function textAlphabet(chars: readonly string[], cap: number): string[] {
  const alphabet = [...new Set(chars)].sort((a, b) => a.codePointAt(0)! - b.codePointAt(0)!);
  if (alphabet.length > cap) {
    throw new TaskDataError(`expected at most ${cap} distinct characters (maxAlphabet), found ${alphabet.length}; raise maxAlphabet or use plainer text`);
  }
  return alphabet;
}

function windows(indices: readonly number[], [from, to]: readonly [number, number], window: number, stride: number, K: number, chars: readonly string[]): Sequence[] {
  const out: Sequence[] = [];
  for (let start = from; start + window < to; start += stride) {
    const slice = indices.slice(start, start + window + 1);
    out.push({
      length: window,
      x: oneHotRows(slice.slice(0, window), K),
      target: oneHotRows(slice.slice(1), K),
      targetMask: new Uint8Array(window).fill(1),
      meta: { text: chars.slice(start, start + window + 1).join(''), group: start },
    });
  }
  return out;
}

export function evaluateCharLm(predictions: Predictions, split: Sequence[]): TaskMetrics {
  const K = split.length ? split[0].target.length / split[0].length : 1;
  checkPredictions(predictions, split, K);
  let nats = 0;
  let right = 0;
  let count = 0;
  split.forEach((s, i) => {
    for (let t = 0; t < s.length; t++) {
      if (!s.targetMask[t]) continue;
      const k = argmax(s.target, t * K, K);
      nats -= Math.log(Math.max(predictions[i][t * K + k], 1e-300));
      if (argmax(predictions[i], t * K, K) === k) right++;
      count++;
    }
  });
  const bits = nats / count / Math.LN2;
  return {
    primary: { name: 'bits_per_char', value: bits, higherIsBetter: false },
    scalars: { bits_per_char: bits, cross_entropy: nats / count, accuracy: right / count, uniform_bits_per_char: Math.log2(K) },
  };
}

export const charLmTask = defineTask({
  id: 'text',
  title: 'Character-level language model',
  description:
    'Predict the next character of a text, one character at a time, then sample new text from the network at a ' +
    'temperature. The default text is a few pages about recurrent networks written for this lab; any UTF-8 text ' +
    'file works. Scored in bits per character on text held out from training: 0 is perfect, and the uniform ' +
    'guess scores log2 of the alphabet size.',
  paramsSchema: charLmParamsSchema,
  generate(params, seed) {
    const raw = params.text ?? readTextFile(params.file ?? bundledDataPath(BUNDLED_TEXT));
    const chars = [...raw.replace(/\r\n/g, '\n')];
    const need = params.window + 1;
    const bounds = contiguousSplits(chars.length, params.validationFraction, params.testFraction);
    const shortest = Math.min(...Object.values(bounds).map(([a, b]) => b - a));
    if (shortest < need) {
      throw new TaskDataError(`expected a text long enough for one window of ${need} characters in each split, found ${chars.length} characters`);
    }
    const alphabet = textAlphabet(chars, params.maxAlphabet);
    const indices = symbolIndices(chars, alphabet);
    const stride = params.stride ?? params.window;
    const make = (range: readonly [number, number]) => windows(indices, range, params.window, stride, alphabet.length, chars);
    return {
      task: 'text',
      params,
      seed,
      inputSize: alphabet.length,
      outputSize: alphabet.length,
      alphabet,
      loss: 'ce',
      outputActivation: 'softmax',
      targetMode: 'every',
      train: new Random(seed).shuffle(make(bounds.train)),
      validation: make(bounds.validation),
      test: make(bounds.test),
    };
  },
  evaluate: evaluateCharLm,
});

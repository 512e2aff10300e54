// Fill in the blank: the answer is the symbol `offset` steps after the blank; nothing before the blank predicts
// it (prefix-only rules, even one fitted on half the data, score chance), while reading ahead scores 100%.
import { describe, expect, it } from 'vitest';
import { clozeTask } from '../../src-main/core/tasks/cloze';
import type { Sequence } from '../../src-main/core/tasks/types';

const K = 4;
const data = clozeTask.generate({ symbols: K, length: 10, offset: 3, trainSize: 6000, validationSize: 10, testSize: 10 }, 12);

/** Symbol indices of a sequence (K = the blank), the blank's position and the answer. */
function decode(s: Sequence) {
  const symbols = Array.from({ length: s.length }, (_, t) => s.x.subarray(t * (K + 1), (t + 1) * (K + 1)).indexOf(1));
  const blank = s.targetMask.indexOf(1);
  const answer = s.target.subarray(blank * K, blank * K + K).indexOf(1);
  return { symbols, blank, answer };
}

const examples = data.train.map(decode);
const CHANCE = 1 / K;
// 6000 draws at p = 1/4: standard deviation 0.0056; 0.025 is over 4 of them.
const TOLERANCE = 0.025;

describe('cloze', () => {
  it('the blank is marked in the input and the answer is the symbol offset steps later', () => {
    for (const { symbols, blank, answer } of examples) {
      expect(symbols[blank]).toBe(K);
      expect(symbols.filter((k) => k === K).length).toBe(1);
      expect(symbols[blank + 3]).toBe(answer);
    }
    expect(data.alphabet).toEqual(['a', 'b', 'c', 'd', '_']);
    expect(data.outputAlphabet).toEqual(['a', 'b', 'c', 'd']);
  });

  it('answers are uniform and no rule reading only the prefix beats chance', () => {
    const counts = new Array(K).fill(0);
    for (const e of examples) counts[e.answer]++;
    for (const c of counts) expect(Math.abs(c / examples.length - CHANCE)).toBeLessThan(TOLERANCE);

    const withPrefix = examples.filter((e) => e.blank > 0);
    const copyPrevious = withPrefix.filter((e) => e.symbols[e.blank - 1] === e.answer).length / withPrefix.length;
    expect(Math.abs(copyPrevious - CHANCE)).toBeLessThan(TOLERANCE);

    // The best lookup table from (blank position, previous two symbols) to an answer, fitted on one half and
    // scored on the other: if the prefix carried information, this would find it.
    const key = (e: (typeof examples)[number]) => `${e.blank}:${e.symbols[e.blank - 1] ?? '-'}:${e.symbols[e.blank - 2] ?? '-'}`;
    const half = examples.length / 2;
    const table = new Map<string, number[]>();
    for (const e of examples.slice(0, half)) {
      const row = table.get(key(e)) ?? new Array(K).fill(0);
      row[e.answer]++;
      table.set(key(e), row);
    }
    const fitted = examples.slice(half).filter((e) => {
      const row = table.get(key(e));
      return row !== undefined && row.indexOf(Math.max(...row)) === e.answer;
    }).length / half;
    expect(Math.abs(fitted - CHANCE)).toBeLessThan(2 * TOLERANCE);
  });

  it('reading ahead solves it; the metric reports chance for guessing', () => {
    const test = data.train.slice(0, 200);
    const ahead = test.map((s) => {
      const { symbols, blank } = decode(s);
      const y = new Float64Array(s.length * K).fill(0.1 / (K - 1));
      y[blank * K + symbols[blank + 3]] = 0.9;
      return y;
    });
    expect(clozeTask.evaluate(ahead, test).scalars).toMatchObject({ accuracy: 1, chance_accuracy: CHANCE });
    const guess = test.map((s) => new Float64Array(s.length * K).fill(1 / K));
    expect(clozeTask.evaluate(guess, test).scalars.cross_entropy).toBeCloseTo(Math.log(K), 12);
  });

  it('needs the answer inside the string', () => {
    expect(() => clozeTask.generate({ length: 5, offset: 5 }, 1)).toThrow('cloze parameters: offset: expected below the sequence length (5), found 5');
  });
});

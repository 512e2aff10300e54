// a^n b^n and a^n b^n c^n: next-symbol targets against sets computed by brute force from the language's strings,
// deterministic steps, splits, and the "largest n solved" metric.
import { describe, expect, it } from 'vitest';
import { anbncnTask, anbnTask, ANBN, ANBNCN, countingAlphabets, countingSequence, type CountingLanguage } from '../../src-main/core/tasks/counting';
import type { Sequence } from '../../src-main/core/tasks/types';

/** Every string S a^m b^m (c^m) T for m = 1..maxN, written out. */
function languageStrings(letters: string[], maxN: number): string[] {
  return Array.from({ length: maxN }, (_, i) => 'S' + letters.map((l) => l.repeat(i + 1)).join('') + 'T');
}

/** Symbols that can follow `prefix` in some string of the language. */
function possibleNext(strings: string[], prefix: string): string[] {
  return [...new Set(strings.filter((s) => s.startsWith(prefix) && s.length > prefix.length).map((s) => s[prefix.length]))].sort();
}

function decodeRows(values: Float64Array, size: number, alphabet: string[]): string[][] {
  const rows: string[][] = [];
  for (let t = 0; t < values.length / size; t++) rows.push(alphabet.filter((_, k) => values[t * size + k] === 1).sort());
  return rows;
}

describe.each([
  ['a^n b^n', ANBN],
  ['a^n b^n c^n', ANBNCN],
] as [string, CountingLanguage][])('%s targets', (_, language) => {
  const { input, output } = countingAlphabets(language);
  const strings = languageStrings(language.letters, 20);

  it.each([1, 2, 3, 7, 12])('n = %i: inputs spell the string, targets are the possible next symbols', (n) => {
    const s = countingSequence(language, n);
    const text = strings[n - 1];
    expect(decodeRows(s.x, input.length, input).map((r) => r.join('')).join('')).toBe(text.slice(0, -1));
    const expected = [...text.slice(0, -1)].map((_, t) => possibleNext(strings, text.slice(0, t + 1)));
    expect(decodeRows(s.target, output.length, output)).toEqual(expected);
    expect([...(s.meta?.deterministic ?? [])]).toEqual(expected.map((set) => (set.length === 1 ? 1 : 0)));
    expect([...s.targetMask]).toEqual(expected.map(() => 1));
  });

  it('only the a-steps are non-deterministic', () => {
    const s = countingSequence(language, 5);
    const nonDeterministic = [...(s.meta?.deterministic ?? [])].flatMap((d, t) => (d ? [] : [t]));
    expect(nonDeterministic).toEqual([1, 2, 3, 4, 5]);
  });
});

describe('counting task splits and metrics', () => {
  it('trains on n in range, validates on each trained n, tests every n up to testMaxN', () => {
    const data = anbnTask.generate({ trainMinN: 2, trainMaxN: 6, testMaxN: 15, trainSize: 50 }, 4);
    const ns = (split: Sequence[]) => split.map((s) => s.meta?.group as number);
    expect(ns(data.train).every((n) => n >= 2 && n <= 6)).toBe(true);
    expect(new Set(ns(data.train)).size).toBe(5);
    expect(ns(data.validation)).toEqual([2, 3, 4, 5, 6]);
    expect(ns(data.test)).toEqual(Array.from({ length: 15 }, (_, i) => i + 1));
    expect(data.alphabet).toEqual(['S', 'a', 'b']);
    expect(data.outputAlphabet).toEqual(['a', 'b', 'T']);
    expect(anbncnTask.generate({ trainSize: 5 }, 1).outputAlphabet).toEqual(['a', 'b', 'c', 'T']);
  });

  it('largest n solved stops at the first n with a wrong deterministic prediction', () => {
    const data = anbnTask.generate({ testMaxN: 12, trainSize: 5 }, 1);
    const perfect = data.test.map((s) => s.target.map((v) => (v ? 0.8 : 0.2)));
    const all = anbnTask.evaluate(perfect, data.test);
    expect(all.scalars.largest_n_solved).toBe(12);
    expect(all.primary.value).toBe(1);

    // A wrong guess at a non-deterministic step (after the first a of n = 4) costs nothing.
    const lenient = perfect.map((p) => p.slice());
    lenient[3][1 * 3 + 1] = 0.1;
    expect(anbnTask.evaluate(lenient, data.test).scalars.largest_n_solved).toBe(12);

    // Predicting T one step early for n = 7 (at its last-but-one b) breaks n = 7.
    const wrong = perfect.map((p) => p.slice());
    const s7 = data.test[6];
    const step = s7.length - 2;
    wrong[6][step * 3 + 2] = 0.9;
    const metrics = anbnTask.evaluate(wrong, data.test);
    expect(metrics.scalars.largest_n_solved).toBe(6);
    expect(metrics.groups?.find((g) => g.group === 7)).toEqual({ group: 7, correct: 0, total: 1 });
    expect(metrics.scalars.string_accuracy).toBeCloseTo(11 / 12, 12);
  });

  it('refuses a test range that does not go past the training range', () => {
    expect(() => anbnTask.generate({ trainMaxN: 10, testMaxN: 10 }, 1)).toThrow(
      'anbn parameters: testMaxN: expected above trainMaxN (10) to test generalisation, found 10',
    );
  });
});

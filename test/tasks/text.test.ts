// Character-level language model: alphabet, windows, contiguous splits, file errors, the bits-per-character
// metric, sampling at a temperature, and stepping an engine one character at a time.
import { describe, expect, it } from 'vitest';
import { referenceEngine } from '../../src-main/core/engine/reference/index';
import { Random } from '../../src-main/core/random';
import { initWeights } from '../../src-main/core/spec/init';
import { parseModelSpec } from '../../src-main/core/spec/schema';
import { charLmTask, textAlphabet } from '../../src-main/core/tasks/text/char-lm';
import { drawWithTemperature, engineStepper, sampleText } from '../../src-main/core/tasks/text/sample';

const decode = (values: Float64Array, alphabet: string[]) => {
  const K = alphabet.length;
  return Array.from({ length: values.length / K }, (_, t) => alphabet[values.subarray(t * K, t * K + K).indexOf(1)]).join('');
};

describe('character language model data', () => {
  it('uses the bundled text by default: sorted distinct characters, shifted targets', () => {
    const data = charLmTask.generate({}, 1);
    const alphabet = data.alphabet as string[];
    expect([...alphabet].sort((a, b) => a.codePointAt(0)! - b.codePointAt(0)!)).toEqual(alphabet);
    expect(new Set(alphabet).size).toBe(alphabet.length);
    expect(alphabet).toContain('\n');
    for (const s of data.train.slice(0, 20)) {
      const text = s.meta?.text as string;
      expect(decode(s.x, alphabet)).toBe(text.slice(0, -1));
      expect(decode(s.target, alphabet)).toBe(text.slice(1));
    }
    expect(data.train.length + data.validation.length + data.test.length).toBeGreaterThan(90);
  });

  it('splits the text into contiguous, non-overlapping parts', () => {
    const text = 'abcdefghij'.repeat(30); // 300 characters
    const data = charLmTask.generate({ text, window: 9, stride: 4 }, 2);
    const span = (split: typeof data.train) => split.map((s) => [s.meta?.group as number, (s.meta?.group as number) + 9]);
    const last = (split: typeof data.train) => Math.max(...span(split).map(([, end]) => end));
    const first = (split: typeof data.train) => Math.min(...span(split).map(([start]) => start));
    expect(last(data.train)).toBeLessThan(first(data.validation));
    expect(last(data.validation)).toBeLessThan(first(data.test));
    expect(last(data.test)).toBeLessThan(300);
  });

  it('refuses empty, too short and too varied texts with one line', () => {
    expect(() => charLmTask.generate({ text: '' }, 1)).toThrow('expected a text long enough for one window of 51 characters in each split, found 0 characters');
    const varied = Array.from({ length: 300 }, (_, i) => String.fromCodePoint(0x4e00 + i)).join('');
    expect(() => charLmTask.generate({ text: varied, window: 5 }, 1)).toThrow(
      'expected at most 100 distinct characters (maxAlphabet), found 300; raise maxAlphabet or use plainer text',
    );
    expect(() => charLmTask.generate({ file: '/nonexistent.txt' }, 1)).toThrow('cannot read text file /nonexistent.txt: ENOENT');
    expect(textAlphabet([...'b\u{1F600}a'], 5)).toEqual(['a', 'b', '\u{1F600}']);
  });

  it('bits per character: 0 for certainty, log2 K for a uniform guess', () => {
    const data = charLmTask.generate({ text: 'abcd'.repeat(100), window: 8 }, 1);
    const sure = data.test.map((s) => s.target.slice());
    expect(charLmTask.evaluate(sure, data.test).scalars).toMatchObject({ bits_per_char: 0, accuracy: 1 });
    const uniform = data.test.map((s) => new Float64Array(s.target.length).fill(0.25));
    const m = charLmTask.evaluate(uniform, data.test);
    expect(m.scalars.bits_per_char).toBeCloseTo(2, 12);
    expect(m.scalars.uniform_bits_per_char).toBe(2);
  });
});

describe('sampling', () => {
  /** A bigram model over "abc": after a -> b (0.7) or c (0.3); after b -> c; after c -> a. */
  const alphabet = ['a', 'b', 'c'];
  const TABLE = [[0, 0.7, 0.3], [0, 0, 1], [1, 0, 0]];

  it('temperature 0 always takes the most likely symbol', () => {
    const text = sampleText({ alphabet, nextDistribution: (k) => TABLE[k], seedText: 'ca', length: 9, temperature: 0, random: new Random(1) });
    expect(text).toBe('bcabcabca');
  });

  it('temperature 1 samples the distribution; a lower one sharpens it', () => {
    const count = (temperature: number) => {
      const random = new Random(5);
      let b = 0;
      for (let i = 0; i < 4000; i++) if (drawWithTemperature([0, 0.7, 0.3], temperature, random) === 1) b++;
      return b / 4000;
    };
    expect(Math.abs(count(1) - 0.7)).toBeLessThan(0.03);
    // p^(1/T) at T = 0.5: 0.49 / (0.49 + 0.09) = 0.845.
    expect(Math.abs(count(0.5) - 0.49 / 0.58)).toBeLessThan(0.03);
    expect(drawWithTemperature([1e-300, 1e-310], 0.01, new Random(1))).toBe(0);
  });

  it('refuses seed text outside the alphabet and bad temperatures', () => {
    const base = { alphabet, nextDistribution: (k: number) => TABLE[k], length: 3, random: new Random(1) };
    expect(() => sampleText({ ...base, seedText: 'az', temperature: 1 })).toThrow(`expected seed text from the model's alphabet, found "z"`);
    expect(() => sampleText({ ...base, seedText: '', temperature: 1 })).toThrow('expected seed text of at least one character, found an empty string');
    expect(() => sampleText({ ...base, seedText: 'a', temperature: -1 })).toThrow('expected a temperature of 0 or more, found -1');
  });

  it.each(['rnn', 'lstm', 'gru', 'jordan', 'gated', 'elman'])('stepping a %s one character at a time equals one forward pass', (arch) => {
    const spec = parseModelSpec({ arch, input_size: 4, hidden_size: 5, output_size: 4, output_activation: 'softmax', init: { seed: 3 } });
    const model = { spec, weights: initWeights(spec) };
    const symbols = [0, 3, 1, 1, 2, 0];
    const x = new Float64Array(symbols.length * 4);
    symbols.forEach((k, t) => (x[t * 4 + k] = 1));
    const whole = referenceEngine.forward(model, { batch: 1, steps: symbols.length, x }).y as Float64Array;
    const step = engineStepper(referenceEngine, model);
    symbols.forEach((k, t) => {
      const y = step(k);
      for (let j = 0; j < 4; j++) expect(y[j]).toBeCloseTo(whole[t * 4 + j], 12);
    });
  });
});

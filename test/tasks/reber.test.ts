// Reber and embedded Reber: generated strings accepted by an automaton written here independently, next-symbol
// targets equal to the legal continuations, held-out strings, and the long-range metric.
import { describe, expect, it } from 'vitest';
import { Random } from '../../src-main/core/random';
import { REBER_ALPHABET, reberTask, reberWalk } from '../../src-main/core/tasks/reber';

/** Reber's graph as letter -> node per node (nodes numbered as in Fahlman's figure; 6 is before E). */
const GRAPH: Record<number, Record<string, number>> = {
  1: { T: 2, P: 3 },
  2: { S: 2, X: 4 },
  3: { T: 3, V: 5 },
  4: { X: 3, S: 6 },
  5: { P: 4, V: 6 },
  6: { E: 7 },
};

/** Node after reading `text` (which starts with B), or -1 if it leaves the grammar. */
function walk(text: string): number {
  if (text[0] !== 'B') return -1;
  let node = 1;
  for (const c of text.slice(1)) {
    const next = GRAPH[node]?.[c];
    if (next === undefined) return -1;
    node = next;
  }
  return node;
}

const isReber = (text: string) => walk(text) === 7;
const isEmbeddedReber = (text: string) =>
  text[0] === 'B' && (text[1] === 'T' || text[1] === 'P') && text.at(-2) === text[1] && text.at(-1) === 'E' && isReber(text.slice(2, -2));

/** Legal next symbols after a prefix of an embedded string, from the definition. */
function embeddedNext(prefix: string): string[] {
  if (prefix === 'B') return ['P', 'T'];
  if (prefix.length === 2) return ['B'];
  const inner = prefix.slice(2);
  const node = walk(inner);
  if (node === 7) return [prefix[1]];
  if (node === -1) return ['E']; // after the repeated branch symbol
  return Object.keys(GRAPH[node]).sort();
}

const decode = (values: Float64Array, t: number) => REBER_ALPHABET.filter((_, k) => values[t * 7 + k] === 1).sort();

describe('Reber automaton', () => {
  it('accepts the classic examples and rejects broken ones (independent walk)', () => {
    for (const s of ['BTSSXXTVVE', 'BPVVE', 'BTXSE', 'BPTVPSE', 'BPTVPXTTVVE']) expect([s, isReber(s)]).toEqual([s, true]);
    for (const s of ['BTSSPXSE', 'BPVE', 'BTXXE', 'TXSE']) expect([s, isReber(s)]).toEqual([s, false]);
  });

  it('every random walk is a grammatical string, plain and embedded', () => {
    const random = new Random(8);
    for (let i = 0; i < 300; i++) {
      expect(isReber(reberWalk(false, random).text)).toBe(true);
      expect(isEmbeddedReber(reberWalk(true, random).text)).toBe(true);
    }
  });
});

describe('embedded Reber task', () => {
  const data = reberTask.generate({ trainSize: 300, validationSize: 100, testSize: 100 }, 2);

  it('targets are exactly the legal next symbols; deterministic steps have one', () => {
    for (const s of [...data.train, ...data.test]) {
      const text = s.meta?.text as string;
      expect(isEmbeddedReber(text)).toBe(true);
      expect(s.length).toBe(text.length - 1);
      for (let t = 0; t < s.length; t++) {
        const legal = embeddedNext(text.slice(0, t + 1));
        expect(decode(s.target, t)).toEqual(legal);
        expect(s.meta?.deterministic?.[t]).toBe(legal.length === 1 ? 1 : 0);
        expect(REBER_ALPHABET[s.x.subarray(t * 7, t * 7 + 7).indexOf(1)]).toBe(text[t]);
      }
    }
  });

  it('held-out splits rarely repeat training strings', () => {
    const train = new Set(data.train.map((s) => s.meta?.text));
    const repeats = data.test.filter((s) => train.has(s.meta?.text)).length;
    expect(repeats).toBeLessThanOrEqual(2);
    expect(data.train.every((s) => (s.meta?.text as string).length <= 40)).toBe(true);
  });

  it('scores strings and the long-range branch prediction', () => {
    const perfect = data.test.map((s) => s.target.map((v) => (v ? 0.9 : 0.1)));
    const metrics = reberTask.evaluate(perfect, data.test);
    expect(metrics.scalars.string_accuracy).toBe(1);
    expect(metrics.scalars.long_range_accuracy).toBe(1);
    // Forget the branch: predict both T and P before the final E, as a network without memory would.
    const forgetful = perfect.map((p, i) => {
      const q = p.slice();
      const t = data.test[i].length - 2;
      q[t * 7 + 1] = 0.9;
      q[t * 7 + 4] = 0.9;
      return q;
    });
    const m = reberTask.evaluate(forgetful, data.test);
    expect(m.scalars.long_range_accuracy).toBe(0);
    expect(m.scalars.string_accuracy).toBe(0);
    // Exactly one deterministic step per string is now wrong.
    const steps = data.test.reduce((n, s) => n + [...(s.meta?.deterministic ?? [])].filter((d) => d === 1).length, 0);
    expect(m.scalars.deterministic_step_accuracy).toBeCloseTo(1 - data.test.length / steps, 12);
  });
});

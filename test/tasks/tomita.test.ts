// Tomita 1-7: each automaton against a brute-force definition on every string up to length 10, the exact
// uniform sampler's counts, and the generator's labels, lengths, balance and held-out validation strings.
import { describe, expect, it } from 'vitest';
import { Random } from '../../src-main/core/random';
import { TOMITA_LANGUAGES, tomitaAccepts, tomitaLanguage } from '../../src-main/core/tasks/tomita/languages';
import { LabelledStringSampler } from '../../src-main/core/tasks/tomita/sampling';
import { tomitaTask } from '../../src-main/core/tasks/tomita/task';

/** Maximal runs of equal symbols, e.g. "1100" -> ["11", "00"]. */
const runs = (s: string) => s.match(/0+|1+/g) ?? [];
const count = (s: string, c: string) => [...s].filter((x) => x === c).length;

/** Written from the definitions, without automata. */
const BRUTE_FORCE: Record<number, (s: string) => boolean> = {
  1: (s) => /^1*$/.test(s),
  2: (s) => /^(10)*$/.test(s),
  3: (s) => {
    const r = runs(s);
    const firstOddOnes = r.findIndex((run) => run[0] === '1' && run.length % 2 === 1);
    return firstOddOnes < 0 || !r.slice(firstOddOnes + 1).some((run) => run[0] === '0' && run.length % 2 === 1);
  },
  4: (s) => !s.includes('000'),
  5: (s) => count(s, '0') % 2 === 0 && count(s, '1') % 2 === 0,
  6: (s) => (((count(s, '0') - count(s, '1')) % 3) + 3) % 3 === 0,
  7: (s) => /^0*1*0*1*$/.test(s),
};

function allStrings(maxLength: number): string[] {
  const out = [''];
  for (let len = 1; len <= maxLength; len++) {
    for (let v = 0; v < 2 ** len; v++) out.push(v.toString(2).padStart(len, '0'));
  }
  return out;
}

const ALL = allStrings(10);

describe('Tomita automata', () => {
  it.each(TOMITA_LANGUAGES.map((l) => l.grammar))('grammar %i agrees with its definition on all 2047 strings up to length 10', (g) => {
    const disagreements = ALL.filter((s) => tomitaAccepts(tomitaLanguage(g), s) !== BRUTE_FORCE[g](s));
    expect(disagreements).toEqual([]);
  });

  it('reads grammar 3 as "no odd 0-run anywhere after an odd 1-run", not only immediately after', () => {
    const g3 = tomitaLanguage(3);
    // Strings that separate the two readings, and strings both readings agree on.
    const table: [string, boolean][] = [
      ['0111001101', false],
      ['11011100110', false],
      ['1001101', false],
      ['1100', true],
      ['0110', true],
      ['1' + '00' + '11' + '0', false],
      ['100100', true],
      ['110000011100001', true],
      ['111101100010011100', true],
      ['10', false],
      ['1110', false],
      ['11111000', false],
    ];
    for (const [s, accepted] of table) expect([s, tomitaAccepts(g3, s)]).toEqual([s, accepted]);
  });

  it('the sampler counts strings of each length and label exactly', () => {
    for (const language of TOMITA_LANGUAGES) {
      const sampler = new LabelledStringSampler(language, 10);
      for (let len = 1; len <= 10; len++) {
        const ofLength = ALL.filter((s) => s.length === len);
        const accepted = ofLength.filter((s) => BRUTE_FORCE[language.grammar](s)).length;
        expect([language.grammar, len, sampler.count(len, true), sampler.count(len, false)]).toEqual([
          language.grammar, len, accepted, ofLength.length - accepted,
        ]);
      }
    }
  });

  it('the sampler draws every accepted string of a length about equally often', () => {
    const sampler = new LabelledStringSampler(tomitaLanguage(4), 6);
    const random = new Random(3);
    const seen = new Map<string, number>();
    const draws = 4400;
    for (let i = 0; i < draws; i++) {
      const s = sampler.sample(6, true, random) as string;
      seen.set(s, (seen.get(s) ?? 0) + 1);
    }
    // 44 strings of length 6 have no 000; each expected 100 times (sd ~10).
    expect(seen.size).toBe(44);
    for (const n of seen.values()) expect(Math.abs(n - 100)).toBeLessThan(45);
  });
});

describe('Tomita generator', () => {
  const params = { trainSize: 400, validationSize: 100, testSize: 200 };

  it.each([1, 2, 3, 4, 5, 6, 7])('grammar %i: labels match the definition, lengths match the splits', (grammar) => {
    const data = tomitaTask.generate({ grammar, ...params }, 11);
    const check = (split: typeof data.train, min: number, max: number) => {
      for (const s of split) {
        const text = s.meta?.text as string;
        expect(text.length).toBe(s.length);
        expect(s.length).toBeGreaterThanOrEqual(min);
        expect(s.length).toBeLessThanOrEqual(max);
        expect(s.target[s.length - 1]).toBe(BRUTE_FORCE[grammar](text) ? 1 : 0);
        // One-hot input rows spell the text; only the last step carries a loss.
        expect([...text].map((_, t) => (s.x[t * 2 + 1] === 1 ? '1' : '0')).join('')).toBe(text);
        expect([...s.targetMask]).toEqual([...text].map((_, t) => (t === s.length - 1 ? 1 : 0)));
      }
    };
    check(data.train, 1, 10);
    check(data.validation, 1, 10);
    check(data.test, 11, 20);
  });

  it('balances accepted and rejected strings where the language allows', () => {
    for (const grammar of [3, 4, 5, 6, 7]) {
      const data = tomitaTask.generate({ grammar, ...params }, 5);
      const positives = data.train.filter((s) => s.target[s.length - 1] === 1).length / data.train.length;
      expect([grammar, positives > 0.4 && positives < 0.6]).toEqual([grammar, true]);
    }
    // Tomita 1 has one accepted string per length, yet half the training strings are accepted.
    const t1 = tomitaTask.generate({ grammar: 1, ...params }, 5);
    const accepted = t1.train.filter((s) => s.target[s.length - 1] === 1);
    expect(accepted.length / t1.train.length).toBeGreaterThan(0.4);
    expect(new Set(accepted.map((s) => s.meta?.text)).size).toBeLessThanOrEqual(10);
  });

  it('validation strings avoid training strings when the language has enough of them', () => {
    const data = tomitaTask.generate({ grammar: 4, ...params }, 9);
    const train = new Set(data.train.map((s) => s.meta?.text));
    expect(data.validation.filter((s) => train.has(s.meta?.text)).length).toBe(0);
  });

  it('scores accuracy overall, by label and by length', () => {
    const data = tomitaTask.generate({ grammar: 5, trainSize: 10, validationSize: 10, testSize: 60 }, 1);
    const perfect = data.test.map((s) => s.target.map((v) => (v ? 0.9 : 0.1)));
    const metrics = tomitaTask.evaluate(perfect, data.test);
    expect(metrics.primary).toEqual({ name: 'accuracy', value: 1, higherIsBetter: true });
    expect(metrics.groupedBy).toBe('length');
    expect(metrics.groups?.reduce((n, g) => n + g.total, 0)).toBe(60);
    // Always "reject": right on every rejected string, wrong on every accepted one.
    const reject = data.test.map((s) => new Float64Array(s.length).fill(0.2));
    const r = tomitaTask.evaluate(reject, data.test);
    expect(r.scalars.reject_accuracy).toBe(1);
    expect(r.scalars.accept_accuracy).toBe(0);
    const rejectedShare = data.test.filter((s) => s.target[s.length - 1] === 0).length / 60;
    expect(r.scalars.accuracy).toBeCloseTo(rejectedShare, 12);
  });

  it('refuses bad parameters with one line', () => {
    expect(() => tomitaTask.generate({ grammar: 8 }, 1)).toThrow('tomita parameters: grammar: expected a Tomita grammar from 1 to 7, found 8');
    expect(() => tomitaTask.generate({ trainMaxLength: 12 }, 1)).toThrow(
      'tomita parameters: testMinLength: expected above trainMaxLength (12) so test strings are unseen, found 11',
    );
    expect(() => tomitaTask.generate({ grammer: 3 }, 1)).toThrow("tomita parameters: unknown field 'grammer'");
  });
});

// Time series: sine mixtures, Mackey-Glass (bounds, fixed point below the critical delay, the delay equation
// itself), windows and contiguous splits with training-only normalisation.
import { describe, expect, it } from 'vitest';
import { Random } from '../../src-main/core/random';
import { mackeyGlass, MACKEY_GLASS_DEFAULTS, mackeyGlassTask } from '../../src-main/core/tasks/series/mackey-glass';
import { sineMixture, sineTask } from '../../src-main/core/tasks/series/sine';
import { contiguousSplits } from '../../src-main/core/tasks/splits';

describe('sine mixture', () => {
  it('is periodic with the given frequency and bounded by the amplitudes', () => {
    const s = sineMixture([0.05, 0.1], [1, 0.5], 0, 400, new Random(1));
    for (let t = 0; t + 20 < 400; t++) expect(s[t + 20]).toBeCloseTo(s[t], 9);
    expect(Math.max(...s.map(Math.abs))).toBeLessThanOrEqual(1.5);
    expect(Math.max(...s.map(Math.abs))).toBeGreaterThan(1);
  });

  it('windows: targets are the inputs shifted by the horizon; splits are contiguous and disjoint', () => {
    const params = { length: 1000, window: 30, horizon: 2, stride: 7 };
    const data = sineTask.generate(params, 4);
    for (const s of [...data.train, ...data.test]) {
      for (let t = 0; t + 2 < s.length; t++) expect(s.target[t]).toBeCloseTo(s.x[t + 2], 12);
    }
    const bounds = contiguousSplits(1000, 0.15, 0.15);
    const starts = (split: typeof data.train) => split.map((s) => s.meta?.group as number);
    // A window spans rows [start, start + window - 1 + horizon]; all of them stay inside its split.
    for (const [split, [from, to]] of [[data.train, bounds.train], [data.validation, bounds.validation], [data.test, bounds.test]] as const) {
      for (const start of starts(split)) {
        expect(start).toBeGreaterThanOrEqual(from);
        expect(start + 30 - 1 + 2).toBeLessThan(to);
      }
    }
    // Normalised with the training rows' statistics: the training windows are centred near 0 with unit spread.
    const values = data.train.flatMap((s) => [...s.x]);
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    expect(Math.abs(mean)).toBeLessThan(0.1);
    expect(data.normalization?.inputs.columns).toEqual(['value']);
  });

  it('scores persistence ("no change") as a baseline', () => {
    const data = sineTask.generate({ length: 600, window: 20 }, 1);
    const persistence = data.test.map((s) => s.x.slice());
    const m = sineTask.evaluate(persistence, data.test);
    expect(m.scalars.mse).toBeCloseTo(m.scalars.persistence_mse, 12);
    expect(sineTask.evaluate(data.test.map((s) => s.target.slice()), data.test).scalars.mse).toBe(0);
  });

  it('needs one amplitude per frequency', () => {
    expect(() => sineTask.generate({ frequencies: [0.1, 0.2], amplitudes: [1] }, 1)).toThrow(
      'sine parameters: amplitudes: expected one amplitude per frequency (2), found [1]',
    );
  });
});

describe('Mackey-Glass', () => {
  it('tau = 17 stays on the chaotic attractor, bounded between about 0.4 and 1.35', () => {
    const x = mackeyGlass(MACKEY_GLASS_DEFAULTS);
    expect(x.length).toBe(2000);
    expect(Math.min(...x)).toBeGreaterThan(0.35);
    expect(Math.max(...x)).toBeLessThan(1.4);
    const tail = x.slice(-500);
    const mean = tail.reduce((a, b) => a + b, 0) / tail.length;
    const sd = Math.sqrt(tail.reduce((a, b) => a + (b - mean) ** 2, 0) / tail.length);
    expect(sd).toBeGreaterThan(0.15);
  });

  it('below the critical delay (about 4.7) it settles on the fixed point x* = 1', () => {
    const x = mackeyGlass({ ...MACKEY_GLASS_DEFAULTS, tau: 3, length: 50 });
    for (const v of x) expect(Math.abs(v - 1)).toBeLessThan(1e-3);
  });

  it('satisfies the delay equation with delay tau, and not with another delay', () => {
    const dt = 0.1;
    const x = mackeyGlass({ ...MACKEY_GLASS_DEFAULTS, transient: 0, sampleInterval: dt, length: 2500 });
    const residual = (delaySteps: number) => {
      let worst = 0;
      for (let i = 200; i < x.length - 1; i++) {
        const derivative = (x[i + 1] - x[i - 1]) / (2 * dt);
        const delayed = x[i - delaySteps];
        worst = Math.max(worst, Math.abs(derivative - ((0.2 * delayed) / (1 + delayed ** 10) - 0.1 * x[i])));
      }
      return worst;
    };
    expect(residual(170)).toBeLessThan(1e-4);
    expect(residual(150)).toBeGreaterThan(1e-2);
  });

  it('the series is fixed by its parameters; the seed orders the training windows', () => {
    const a = mackeyGlassTask.generate({ length: 600 }, 1);
    const b = mackeyGlassTask.generate({ length: 600 }, 2);
    expect(a.test).toEqual(b.test);
    expect(a.train.map((s) => s.meta?.group)).not.toEqual(b.train.map((s) => s.meta?.group));
    expect(() => mackeyGlassTask.generate({ dt: 0.001, length: 100_000 }, 1)).toThrow(
      'mackey-glass parameters: length: expected at most 4501 samples at this dt, transient and sampleInterval (5000000 integration steps), found 100000',
    );
    expect(() => mackeyGlassTask.generate({ dt: 0.3 }, 1)).toThrow('mackey-glass parameters: sampleInterval: expected a whole number of steps dt (0.3), found 1');
  });
});

// Learning-rate schedules against torch's schedulers (StepLR, ExponentialLR, CosineAnnealingLR, LinearLR warmup
// chained with SequentialLR): the lr of each of 40 steps to 1e-12 relative, as read before scheduler.step().
import { describe, expect, it } from 'vitest';
import { lrAt, scheduleFunction } from '../../src-main/core/train/schedules';
import { parseTrainingSettings } from '../../src-main/core/train/settings';
import { expectRelClose, scheduleCases } from './torch-fixtures';

const cases = scheduleCases();

describe('schedules match torch', () => {
  it('covers every kind, each with and without warmup', () => {
    for (const kind of ['constant', 'step', 'exponential', 'cosine']) {
      const ofKind = cases.filter((c) => c.schedule.kind === kind);
      expect(ofKind.map((c) => Boolean(c.schedule.warmup))).toEqual(expect.arrayContaining([true, false]));
    }
  });

  for (const c of cases) {
    it(`${c.name}: ${c.lrs.length} steps`, () => {
      // Through the settings schema, so its defaults (warmup null) and field names are the ones tested.
      const schedule = parseTrainingSettings({ schedule: c.schedule }).schedule;
      const lr = scheduleFunction(c.base_lr, schedule);
      expectRelClose(c.lrs.map((_, step) => lr(step)), c.lrs, c.name);
    });
  }

  it('cosine reaches eta_min at t_max and, like torch, rises again after it', () => {
    const s = { kind: 'cosine' as const, t_max: 10, eta_min: 0.01 };
    expect(lrAt(0.1, s, 10)).toBeCloseTo(0.01, 15);
    expect(lrAt(0.1, s, 15)).toBeGreaterThan(lrAt(0.1, s, 11));
    expect(lrAt(0.1, s, 20)).toBeCloseTo(0.1, 15);
  });

  it('a step count that is not a whole number >= 0 is refused', () => {
    expect(() => lrAt(0.1, { kind: 'constant' }, -1)).toThrow('expected a step count >= 0, found -1');
    expect(() => lrAt(0.1, { kind: 'constant' }, 1.5)).toThrow('expected a step count >= 0, found 1.5');
  });
});

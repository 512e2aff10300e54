// Training settings: defaults filled in, shorthands, and the exact one-line message for each kind of mistake.
import { describe, expect, it } from 'vitest';
import { DEFAULT_EPOCHS, parseTrainingSettings, TrainingSettingsError } from '../../src-main/core/train/settings';

describe('defaults', () => {
  it('an empty object gives Adam at 1e-3 with torch defaults, constant lr, no clipping, full BPTT, 100 epochs', () => {
    expect(parseTrainingSettings({})).toEqual({
      optimizer: { kind: 'adam', beta1: 0.9, beta2: 0.999, eps: 1e-8, weight_decay: 0, amsgrad: false },
      lr: 0.001,
      schedule: { kind: 'constant', warmup: null },
      schedule_unit: 'step',
      clip: { mode: 'none' },
      batch_size: 32,
      epochs: DEFAULT_EPOCHS,
      steps: null,
      bptt: { mode: 'full' },
      seed: 0,
    });
  });

  const table: [string, unknown, Record<string, unknown>][] = [
    ['sgd defaults and its lr', { optimizer: { kind: 'sgd' } }, { optimizer: { kind: 'sgd', momentum: 0, dampening: 0, nesterov: false, weight_decay: 0 }, lr: 0.01 }],
    ['rmsprop defaults', { optimizer: 'rmsprop' }, { optimizer: { kind: 'rmsprop', alpha: 0.99, eps: 1e-8, momentum: 0, centered: false, weight_decay: 0 }, lr: 0.01 }],
    ['an explicit lr wins', { optimizer: 'sgd', lr: 0.5 }, { lr: 0.5 }],
    ['steps instead of epochs', { steps: 500 }, { epochs: null, steps: 500 }],
    ['epochs given', { epochs: 3, steps: null }, { epochs: 3, steps: null }],
    ['warmup start factor', { schedule: { kind: 'cosine', t_max: 50, warmup: { steps: 5 } } },
      { schedule: { kind: 'cosine', t_max: 50, eta_min: 0, warmup: { steps: 5, start_factor: 0.1 } } }],
    ['step schedule gamma', { schedule: { kind: 'step', step_size: 10 } }, { schedule: { kind: 'step', step_size: 10, gamma: 0.1, warmup: null } }],
    ['truncated BPTT', { bptt: { mode: 'truncated', k1: 5, k2: 10 } }, { bptt: { mode: 'truncated', k1: 5, k2: 10 } }],
    ['clip shorthand', { clip: 'none' }, { clip: { mode: 'none' } }],
    ['clip by norm', { clip: { mode: 'norm', max_norm: 5 } }, { clip: { mode: 'norm', max_norm: 5 } }],
  ];
  for (const [what, input, expected] of table) {
    it(what, () => expect(parseTrainingSettings(input)).toMatchObject(expected));
  }

  it('a parsed result parses to itself (safe to store and reload)', () => {
    const s = parseTrainingSettings({ optimizer: 'sgd', steps: 9, schedule: { kind: 'exponential', gamma: 0.9, warmup: { steps: 2 } } });
    expect(parseTrainingSettings(JSON.parse(JSON.stringify(s)))).toEqual(s);
  });
});

describe('errors', () => {
  const table: [unknown, string][] = [
    ['adam', 'value: expected a JSON object, found "adam"'],
    [{ optimizer: { kind: 'adagrad' } }, `optimizer.kind: expected one of 'sgd', 'adam', 'rmsprop', found "adagrad"`],
    [{ optimizer: {} }, "optimizer.kind: expected one of 'sgd', 'adam', 'rmsprop', found nothing"],
    [{ optimizer: { kind: 5 } }, "optimizer.kind: expected one of 'sgd', 'adam', 'rmsprop', found 5"],
    [{ clip: {} }, "clip.mode: expected one of 'none', 'norm', 'value', found nothing"],
    [{ clip: 'global' }, `clip.mode: expected one of 'none', 'norm', 'value', found "global"`],
    [{ optimizer: 'adagrad' }, `optimizer.kind: expected one of 'sgd', 'adam', 'rmsprop', found "adagrad"`],
    [{ bptt: 'tbptt' }, `bptt.mode: expected one of 'full', 'truncated', found "tbptt"`],
    [{ lr: NaN }, 'lr: expected a learning rate as a finite number, found NaN'],
    [{ optimizer: { kind: 'adam', beta1: 1 } }, 'optimizer.beta1: expected beta1 in [0, 1), found 1'],
    [{ optimizer: { kind: 'adam', betas: [0.9, 0.99] } }, "unknown field 'betas' in optimizer"],
    [{ optimizer: { kind: 'sgd', momentum: -0.1 } }, 'optimizer.momentum: expected a momentum in [0, 1), found -0.1'],
    [{ optimizer: { kind: 'sgd', nesterov: 'yes' } }, 'optimizer.nesterov: expected true or false, found "yes"'],
    [{ optimizer: { kind: 'sgd', nesterov: true } }, 'optimizer.nesterov: needs momentum > 0 and dampening = 0, found momentum 0, dampening 0'],
    [{ optimizer: { kind: 'sgd', nesterov: true, momentum: 0.9, dampening: 0.1 } },
      'optimizer.nesterov: needs momentum > 0 and dampening = 0, found momentum 0.9, dampening 0.1'],
    [{ optimizer: { kind: 'rmsprop', eps: 0 } }, 'optimizer.eps: expected eps above 0, found 0'],
    [{ lr: 0 }, 'lr: expected a learning rate above 0, found 0'],
    [{ lr: '0.1' }, 'lr: expected a learning rate as a number, found "0.1"'],
    [{ schedule: 'cosine' }, 'schedule.t_max: expected t_max as a number, found nothing'],
    [{ schedule: { kind: 'step', step_size: 0 } }, 'schedule.step_size: expected a step size from 1 to 1000000000, found 0'],
    [{ schedule: { kind: 'constant', warmup: { steps: 3, start_factor: 0 } } }, 'schedule.warmup.start_factor: expected a start factor in (0, 1], found 0'],
    [{ schedule_unit: 'batch' }, `schedule_unit: expected one of 'step', 'epoch', found "batch"`],
    [{ clip: { mode: 'norm' } }, 'clip.max_norm: expected max_norm as a number, found nothing'],
    [{ clip: { mode: 'value', clip_value: -1 } }, 'clip.clip_value: expected clip_value above 0, found -1'],
    [{ batch_size: 0 }, 'batch_size: expected a batch size from 1 to 65536, found 0'],
    [{ epochs: 2.5 }, 'epochs: expected a number of epochs as a whole number, found 2.5'],
    [{ epochs: 3, steps: 10 }, 'epochs, steps: expected one of them, found both (3 epochs, 10 steps)'],
    [{ bptt: 'truncated' }, 'bptt.k1: expected k1 as a number, found nothing; bptt.k2: expected k2 as a number, found nothing'],
    [{ bptt: { mode: 'truncated', k1: 8, k2: 4 } }, "bptt.k2: expected k2 >= k1 so every step's loss is backpropagated, found k1 = 8, k2 = 4"],
    [{ seed: -1 }, 'seed: expected a seed from 0 to 4294967295, found -1'],
    [{ seeds: 1 }, "unknown field 'seeds'"],
  ];
  for (const [input, message] of table) {
    // The sentence (what the CLI prints) is pinned; the code beside it is test/lab/core-kinds.test.ts's.
    it(message, () => {
      const thrown = (() => { try { parseTrainingSettings(input); } catch (error) { return error; } return null; })();
      expect(thrown).toBeInstanceOf(TrainingSettingsError);
      expect((thrown as Error).message).toBe(`invalid training settings: ${message}`);
    });
  }
});

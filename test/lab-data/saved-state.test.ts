// A hand-edited project: a damaged checkpoint or saved alert list answers one line naming the field, not a TypeError.
import { describe, expect, it } from 'vitest';
import { newProject } from '../../src-main/core/project/index';
import { parseModelSpec } from '../../src-main/core/spec/schema';
import { readRunConfig } from '../../src-main/core/train/checkpoint';
import { RunHistory } from '../../src-main/core/train/run-history';

const project = () => {
  const p = newProject('p', parseModelSpec({ arch: 'gated', input_size: 2, hidden_size: 3, output_size: 1, output_activation: 'sigmoid' }));
  p.task = { id: 'tomita', params: {}, seed: 0 };
  return p;
};

const GOOD_TRAINER = {
  step: 3, epoch: 0, batchIndex: 3, stoppedBecause: null,
  optimizer: { kind: 'adam', params: {} },
  monitor: { average: { ema: 1, count: 3 }, rateLimit: { lastStep: {}, held: {} }, spectralVectors: {}, lastSpectral: null, stepsObserved: 3 },
};

describe('checkpoint validation', () => {
  it.each([
    [{ trainer: { ...GOOD_TRAINER, step: 'three' }, weights_f64: {} }, 'training section: checkpoint: trainer.step: expected a step as a number'],
    [{ trainer: { ...GOOD_TRAINER, optimizer: { kind: 'lion', params: {} } }, weights_f64: {} }, "training section: checkpoint: trainer.optimizer.kind: expected an optimiser kind 'sgd', 'adam' or 'rmsprop'"],
    [{ trainer: GOOD_TRAINER, weights_f64: { w: 5 } }, 'training section: checkpoint: weights_f64.w: expected base64 text'],
    ['yes', 'training section: checkpoint: value: expected a JSON object, found "yes"'],
  ])('%# names the bad field in one line', (checkpoint, message) => {
    const p = project();
    p.training = { checkpoint };
    expect(() => readRunConfig(p)).toThrow(message);
    try {
      readRunConfig(p);
    } catch (error) {
      expect((error as Error).message).not.toContain('\n');
      expect((error as Error).constructor.name).toBe('TrainingSetupError');
    }
  });

  it('accepts a good checkpoint and keeps run options in the training section', () => {
    const p = project();
    p.training = { checkpoint: { trainer: GOOD_TRAINER, weights_f64: {} }, run: { snapshot_every: 5 } };
    expect(readRunConfig(p).checkpoint?.trainer.step).toBe(3);
  });
});

describe('saved alert history validation', () => {
  it('names the bad alert field', () => {
    expect(() => new RunHistory({ alerts: [{ kind: 'exploding' }] })).toThrow(/^invalid run history: history alerts: 0\.rule: /);
    expect(() => new RunHistory({ alerts: 'many' })).toThrow('invalid run history: history alerts: value: expected a JSON object, found "many"');
    const alert = { kind: 'vanishing', rule: 'timestep-ratio', step: 4, value: 1e-5, threshold: 1e-3, param: null, message: 'm', remedies: [], suppressed: 0 };
    expect(new RunHistory({ alerts: [alert] }).alerts).toEqual([alert]);
  });
});

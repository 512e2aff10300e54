// Small projects and runs for the training-session tests: a gated network on Tomita 4 with tiny splits, so a
// step takes well under a millisecond on the reference engine.
import type { Engine, ForwardOptions, Model, SequenceBatch } from '../../src-main/core/engine/types';
import { referenceEngine } from '../../src-main/core/engine/reference/index';
import { newProject } from '../../src-main/core/project/create';
import type { Project } from '../../src-main/core/project/types';
import { parseModelSpec } from '../../src-main/core/spec/schema';
import { getTask } from '../../src-main/core/tasks/index';
import { cloneWeights } from '../../src-main/core/tensor';
import { Trainer, type StepRecord } from '../../src-main/core/train/loop';
import { parseTrainingSettings } from '../../src-main/core/train/settings';

export const TOMITA_SMALL = { grammar: 4, trainSize: 48, validationSize: 16, testSize: 16, testMaxLength: 14 };

export function tomitaProject(settings: Record<string, unknown> = {}, spec: Record<string, unknown> = {}): Project {
  const project = newProject(
    'tomita-test',
    parseModelSpec({ arch: 'gated', input_size: 2, hidden_size: 4, output_size: 1, output_activation: 'sigmoid', ...spec }),
    new Date('2026-01-01T00:00:00Z'),
  );
  project.task = { id: 'tomita', params: TOMITA_SMALL, seed: 3 };
  project.training = { settings: { optimizer: 'adam', lr: 0.02, batch_size: 8, steps: 12, ...settings } };
  return project;
}

export function tomitaTrainer(
  settings: Record<string, unknown> = {}, engine: Engine = referenceEngine, monitor: unknown = {}, threads?: number,
): Trainer {
  const project = tomitaProject();
  const task = getTask('tomita');
  return new Trainer({
    engine,
    model: { spec: project.spec, weights: cloneWeights(project.weights) },
    task,
    data: task.generate(TOMITA_SMALL, 3),
    settings: parseTrainingSettings({ optimizer: 'adam', lr: 0.02, batch_size: 8, steps: 12, ...settings }),
    monitor,
    threads,
  });
}

export function runSteps(trainer: Trainer, count: number): StepRecord[] {
  return Array.from({ length: count }, () => trainer.trainStep());
}

/** The reference engine, except that the gradients of `param` become NaN at the forward calls listed. */
export function nanInjectingEngine(param: string, atCalls: number[]): Engine {
  let calls = 0;
  return {
    name: 'reference',
    forward(model: Model, input: SequenceBatch, options?: ForwardOptions) {
      const pass = referenceEngine.forward(model, input, options);
      const poison = options?.training === true && atCalls.includes(++calls);
      return {
        ...pass,
        backward(seeds) {
          const grads = pass.backward(seeds);
          if (poison) grads.params[param][0] = NaN;
          return grads;
        },
      };
    },
  };
}

// The example projects in resources/examples: each file matches the generator's table (so it can be regenerated),
// fits its task, and shows what its description promises: Tomita 4 learned; the SRN's a^n b^n counter stops near the
// training range; vanishing flagged for the tanh SRN on adding T=100 and not for the IRNN (on both engines);
// exploding flagged for the rescaled SRN, whose clipped run learns the sum while the unclipped one goes non-finite.
// The long runs' numbers over several seeds are in docs/EXPERIMENTS.md; these check the properties with margins.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadProject } from '../../src-main/core/project/index';
import { getTask } from '../../src-main/core/tasks/index';
import { readRunConfig } from '../../src-main/core/train/checkpoint';
import type { EngineName } from '../../src-main/core/engine/types';
import type { StepRecord } from '../../src-main/core/train/loop';
import { TrainingRun } from '../../src-main/core/train/training-run';
// @ts-expect-error: a plain .mjs script without type declarations
import { EXAMPLES } from '../../resources/examples/make-examples.mjs';

interface Example {
  name: string;
  task: { id: string; params: Record<string, unknown> };
  settings: Record<string, unknown>;
  description: string;
}

const DIR = join(import.meta.dirname, '..', '..', 'resources', 'examples');
const examples = EXAMPLES as Example[];
const load = (name: string) => loadProject(join(DIR, `${name}.rnnlab`));

async function train(name: string, overrides: Record<string, unknown>, engine: EngineName = 'native') {
  const records: StepRecord[] = [];
  const run = new TrainingRun({ project: await load(name), overrides, engine }, (e) => {
    if (e.type === 'metrics') records.push(...e.records);
  });
  const result = await run.run();
  return { result, records, alerts: records.flatMap((r) => r.alerts) };
}

describe('example projects', () => {
  it('lists the eleven examples of the issue', () => {
    expect(examples.map((e) => e.name).sort()).toEqual(
      ['adding-irnn', 'adding-srn', 'anbn-lstm', 'anbn-srn', 'cloze-birnn', 'exploding-srn', 'reber-gru', 'sine-jordan', 'temporal-xor-elman', 'textlm-rnn', 'tomita4-gated'],
    );
  });

  it.each(examples.map((e) => [e.name, e] as const))('%s: the file matches the table and fits its task', async (name, example) => {
    const project = await load(name);
    const config = readRunConfig(project);
    expect(config.task.id).toBe(example.task.id);
    expect(config.task.description).toBe(example.description);
    expect(config.checkpoint).toBeNull();
    for (const [key, value] of Object.entries(example.task.params)) expect(config.task.params[key]).toEqual(value);
    const data = getTask(config.task.id).generate(config.task.params, config.task.seed);
    expect([project.spec.input_size, project.spec.output_size, project.spec.output_activation]).toEqual([data.inputSize, data.outputSize, data.outputActivation]);
  });

  it('tomita4-gated learns grammar 4 and generalises to longer strings', async () => {
    const { result } = await train('tomita4-gated', {});
    expect(result.test.metrics.primary.value).toBeGreaterThanOrEqual(0.98);
  });

  it('anbn-srn: the counter solves the training range and stops a few n past it', async () => {
    const { result } = await train('anbn-srn', {});
    // Seeds and kernel builds seen: 11-15 (docs/EXPERIMENTS.md); anbn-lstm reaches 132.
    const largest = result.test.metrics.scalars.largest_n_solved;
    expect(largest).toBeGreaterThanOrEqual(10);
    expect(largest).toBeLessThanOrEqual(20);
  });

  it('adding-srn: the monitor flags vanishing gradients at the first step', async () => {
    const { alerts } = await train('adding-srn', { steps: 2 });
    expect(alerts.some((a) => a.kind === 'vanishing' && a.step === 1)).toBe(true);
  });

  // The first-to-last ratio ||dL/dh_1|| / ||dL/dh_T|| the vanishing rule reads (limit 1e-3).
  const firstToLast = (r: StepRecord) => r.timestep_grad_norms[0] / r.timestep_grad_norms[r.timestep_grad_norms.length - 1];

  it.each([
    ['native', 300],
    ['reference', 40],
  ] as const)('adding-irnn on the %s engine: no vanishing alert in %i updates, the ratio far above the limit', async (engine, steps) => {
    const { alerts, records } = await train('adding-irnn', { steps }, engine);
    expect(records.length).toBe(steps);
    expect(Math.min(...records.map(firstToLast))).toBeGreaterThan(1e-2);
    expect(alerts.filter((a) => a.kind === 'vanishing')).toEqual([]);
  });

  it.each(['native', 'reference'] as const)('exploding-srn on the %s engine: exploding flagged at step 1, updates clipped, loss finite', async (engine) => {
    const { alerts, records } = await train('exploding-srn', { steps: 3 }, engine);
    const first = alerts.find((a) => a.kind === 'exploding');
    expect(first?.step).toBe(1);
    expect(first!.value).toBeGreaterThan(10 * first!.threshold);
    expect(records.every((r) => r.action === 'clipped' && Number.isFinite(r.loss))).toBe(true);
  });

  it('exploding-srn: the clipped run learns the sum; the same run unclipped goes non-finite and stops', { timeout: 180_000 }, async () => {
    // The median over training seeds 0-4: one seed's end point moves with any float32 rounding change in the kernel
    // (test MSE / baseline, seeds 0-5 at the example's former 300 epochs, on the kernel before the AVX-512 activations
    // of round 5: 0.51 0.39 0.91 0.36 0.20 0.40; after: 0.70 0.37 0.44 0.31 0.67 0.39; at its 600 epochs now: 0.42
    // 0.20 0.26 0.19 0.31 0.31; docs/EXPERIMENTS.md).
    const ratios: number[] = [];
    for (const seed of [0, 1, 2, 3, 4]) {
      const { mse, baseline_mse } = (await train('exploding-srn', { seed })).result.test.metrics.scalars;
      ratios.push(mse / baseline_mse);
    }
    expect(ratios.sort((a, b) => a - b)[2], ratios.join(' ')).toBeLessThan(0.5);
    const unclipped = await train('exploding-srn', { clip: 'none' });
    expect(unclipped.alerts.some((a) => a.kind === 'nonfinite')).toBe(true);
    expect(unclipped.result.stoppedBecause).not.toBeNull();
    expect(unclipped.records.length).toBeLessThan(100);
  });
});

// The text sample a language-model run ends with: drawn at the requested temperature from the trained weights
// (temperature 0 is the greedy continuation, which this test recomputes from the saved weights).
import { describe, expect, it } from 'vitest';
import { referenceEngine } from '../../src-main/core/engine/reference/index';
import { newProject } from '../../src-main/core/project/create';
import { Random } from '../../src-main/core/random';
import { parseModelSpec } from '../../src-main/core/spec/schema';
import { getTask } from '../../src-main/core/tasks/index';
import { engineStepper, sampleText } from '../../src-main/core/tasks/text/sample';
import { TrainingRun } from '../../src-main/core/train/training-run';

const TEXT = 'the '.repeat(60);

function textProject() {
  const project = newProject('lm', parseModelSpec({ arch: 'rnn', input_size: 4, hidden_size: 6, output_size: 4, output_activation: 'softmax' }));
  project.task = { id: 'text', params: { text: TEXT, window: 8 }, seed: 0 };
  project.training = { settings: { steps: 6, batch_size: 8, lr: 0.05 } };
  return project;
}

async function run(sampleTemperature?: number) {
  return new TrainingRun({ project: textProject(), engine: 'reference', sampleTemperature }, () => {}).run();
}

describe('language-model sample', () => {
  it('defaults to temperature 0.5', async () => {
    const result = await run();
    expect(result.sample?.temperature).toBe(0.5);
    expect(result.sample?.text).toHaveLength(160);
  });

  it('at temperature 0 is the greedy continuation of the trained model', async () => {
    const result = await run(0);
    expect(result.sample?.temperature).toBe(0);
    const model = { spec: result.project.spec, weights: result.project.weights };
    const data = getTask('text').generate(textProject().task!.params, 0);
    const greedy = sampleText({
      alphabet: data.alphabet!,
      nextDistribution: engineStepper(referenceEngine, model),
      seedText: result.sample!.seed,
      length: 160,
      temperature: 0,
      random: new Random(12345),
    });
    expect(result.sample?.text).toBe(greedy);
  });
});

// Series models: the prediction against the truth over a held-out split, in the user's own units; and text sampled
// from a character model at a temperature. Both run in the compute process (jobs/inspect.ts).
import type { SeriesPrediction } from '../../api/lab-api';
import type { Engine, Model } from '../engine/types';
import { Random } from '../random';
import { padBatch, toSequenceBatch, unbatchOutputs } from '../tasks/batching';
import { denormalize } from '../tasks/decode';
import { engineStepper, sampleText } from '../tasks/text/sample';
import type { TaskData } from '../tasks/types';
import { InspectInputError } from './encode';

const BATCH = 64;
/** Largest answer: the split's first this many windows (a long series with stride 1 has far more). */
export const MAX_SERIES_ROWS = 20_000;

/**
 * One row per window (its last scored step: the value `horizon` steps ahead of the window's end), in split order,
 * so with stride 1 the rows are consecutive time steps; at most MAX_SERIES_ROWS. MSE in the user's units, over every column.
 */
export function predictSeries(engine: Engine, model: Model, data: TaskData, split: 'validation' | 'test'): SeriesPrediction {
  if (data.outputActivation !== 'none' || data.alphabet) throw new InspectInputError(`predict series: task ${data.task} is not a series task; use inspect for symbol tasks`, { code: 'inspect-input', params: { task: data.task } });
  const sequences = data[split].slice(0, MAX_SERIES_ROWS);
  if (sequences.length === 0) throw new InspectInputError(`predict series: the ${split} split is empty`, { code: 'inspect-input', params: { task: data.task } });
  const O = data.outputSize;
  const truth: number[][] = [];
  const prediction: number[][] = [];
  for (let start = 0; start < sequences.length; start += BATCH) {
    const chunk = sequences.slice(start, start + BATCH);
    const padded = padBatch(chunk, data.inputSize, O);
    const pass = engine.forward(model, toSequenceBatch(padded), { training: false, precision: 'float64' });
    const outputs = unbatchOutputs(pass.y!, padded.lengths, O);
    chunk.forEach((s, i) => {
      let t = s.length - 1;
      while (t > 0 && !s.targetMask[t]) t--;
      const row = (a: Float64Array) => Array.from(a.subarray(t * O, (t + 1) * O));
      truth.push(denormalize(row(s.target), data.normalization?.targets));
      prediction.push(denormalize(row(outputs[i]), data.normalization?.targets));
    });
  }
  let sum = 0;
  truth.forEach((r, t) => r.forEach((v, c) => (sum += (v - prediction[t][c]) ** 2)));
  const columns = data.normalization?.targets.columns ?? Array.from({ length: O }, (_, c) => (O === 1 ? 'target' : `target ${c + 1}`));
  return { split, columns, truth, prediction, mse: sum / (truth.length * O) };
}

export interface SampleRequest {
  seedText: string;
  length: number;
  temperature: number;
  seed?: number;
}

export function sampleFromModel(engine: Engine, model: Model, data: TaskData, request: SampleRequest): string {
  const alphabet = data.alphabet;
  if (!alphabet || data.outputActivation !== 'softmax') throw new InspectInputError(`sample text: task ${data.task} is not a character model; sampling needs a softmax over an alphabet`, { code: 'inspect-input', params: { task: data.task } });
  if (alphabet.length !== model.spec.input_size || (data.outputAlphabet ?? alphabet).length !== model.spec.output_size) {
    throw new InspectInputError(`sample text: the model reads ${model.spec.input_size} and writes ${model.spec.output_size} symbols but the task has ${alphabet.length}: change the model to fit`, { code: 'inspect-model-misfit', params: { symbols: alphabet.length, inputs: model.spec.input_size } });
  }
  const unknown = [...request.seedText].find((c) => !alphabet.includes(c));
  if (unknown !== undefined) throw new InspectInputError(`seedText: '${unknown}' is not in the text's alphabet`, { code: 'inspect-seed-not-in-alphabet', params: { symbol: unknown } });
  const nextDistribution = engineStepper(engine, model);
  return sampleText({ alphabet, nextDistribution, seedText: request.seedText, length: request.length, temperature: request.temperature, random: new Random(request.seed ?? 0) });
}


// Inference for LabApi.evaluate: nested arrays in, the engine's forward pass, nested arrays out.
// Shapes (batch-first): x [B][T][I], h0/c0 [L*D][B][H], y0 [B][O] -> y [B][T][O], output [B][T][D*H], h_n/c_n [L*D][B][H].
import { z } from 'zod';
import type { EvaluateResult } from '../../api/lab-api';
import type { Engine, Model, SequenceBatch } from '../engine/types';
import { InputShapeError } from '../errors';
import { parseNested, toNested, type Dim } from '../io/nested';
import { initialStateProblem } from '../spec/initial-states';
import { numDirections } from '../spec/types';
import { parseArgument } from './results';

const evaluateRequestSchema = z.strictObject({
  x: z.unknown().refine((v) => v !== undefined, { error: 'expected x as [batch][time][input_size] numbers' }),
  h0: z.unknown().optional(),
  c0: z.unknown().optional(),
  y0: z.unknown().optional(),
}, { error: 'expected an object like {"x": [batch][time][input_size] numbers}' });

/** Checks the request against the model's sizes and builds the engine's batch; throws InputShapeError. */
export function readEvaluateRequest(model: Model, request: unknown): SequenceBatch {
  const { spec } = model;
  const fields = parseArgument(evaluateRequestSchema, request, 'evaluate');
  const x = parseNested(fields.x, 'x', [{ label: 'batch' }, { label: 'time' }, { label: 'input_size', size: spec.input_size }]);
  const [batch, steps] = x.shape;
  const stateDims: Dim[] = [
    { label: 'layers*directions', size: spec.num_layers * numDirections(spec) },
    { label: 'batch', size: batch },
    { label: 'hidden_size', size: spec.hidden_size },
  ];
  for (const field of ['h0', 'c0', 'y0'] as const) {
    const problem = fields[field] === undefined ? null : initialStateProblem(field, spec.arch);
    if (problem) throw new InputShapeError(problem);
  }
  const input: SequenceBatch = { batch, steps, x: x.data };
  if (fields.h0 !== undefined) input.h0 = parseNested(fields.h0, 'h0', stateDims).data;
  if (fields.c0 !== undefined) input.c0 = parseNested(fields.c0, 'c0', stateDims).data;
  if (fields.y0 !== undefined) {
    input.y0 = parseNested(fields.y0, 'y0', [{ label: 'batch', size: batch }, { label: 'output_size', size: spec.output_size }]).data;
  }
  return input;
}

export function evaluateModel(engine: Engine, model: Model, request: unknown): EvaluateResult {
  const { spec } = model;
  const input = readEvaluateRequest(model, request);
  const pass = engine.forward(model, input, { training: false });
  const { batch: B, steps: T } = input;
  const stateShape = [spec.num_layers * numDirections(spec), B, spec.hidden_size];
  return {
    y: pass.y ? (toNested(pass.y, [B, T, spec.output_size]) as number[][][]) : null,
    output: toNested(pass.output, [B, T, numDirections(spec) * spec.hidden_size]) as number[][][],
    h_n: toNested(pass.hN, stateShape) as number[][][],
    c_n: pass.cN ? (toNested(pass.cN, stateShape) as number[][][]) : null,
  };
}

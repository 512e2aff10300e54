// Shape checks at the engine's door: weights against paramLayout, inputs, dropout masks and backward seeds.
// Every failure is one InputShapeError line naming the array, the expected shape and what was found.
import { InputShapeError } from '../../errors';
import { initialStateProblem, type InitialStateField } from '../../spec/initial-states';
import { paramLayout, shapeSize } from '../../spec/params';
import { numDirections, type ModelSpec } from '../../spec/types';
import { shapeToString, type Weights } from '../../tensor';
import type { BackwardSeeds, ForwardOptions, SequenceBatch } from '../types';
import { dropoutActive } from './dropout';

function expectSize(name: string, value: unknown, shape: number[], axes: string): void {
  // The message is built only on failure: these checks run at every forward pass of a training loop.
  const expected = (): string => `${name}: expected shape ${shapeToString(shape)} (${axes})`;
  if (!(value instanceof Float64Array)) {
    const found = value === null || value === undefined ? String(value) : (value as object).constructor?.name ?? typeof value;
    throw new InputShapeError(`${expected()} as a Float64Array, found ${found}`);
  }
  if (value.length !== shapeSize(shape)) throw new InputShapeError(`${expected()}, found ${value.length} values`);
}

function expectCount(name: string, value: unknown): void {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
    throw new InputShapeError(`${name}: expected a whole number >= 1, found ${String(value)}`);
  }
}

/** Every parameter of paramLayout(spec) present with its exact shape, and nothing else. */
export function validateWeights(spec: ModelSpec, weights: Weights): void {
  const layout = paramLayout(spec);
  for (const p of layout) {
    const t = weights[p.name];
    if (!t) throw new InputShapeError(`weights: expected parameter '${p.name}' ${shapeToString(p.shape)} for arch '${spec.arch}', found none`);
    const sameShape = t.shape.length === p.shape.length && t.shape.every((n, i) => n === p.shape[i]);
    if (!sameShape) {
      throw new InputShapeError(`weights: expected '${p.name}' of shape ${shapeToString(p.shape)}, found ${shapeToString(t.shape)}`);
    }
    expectSize(`weights '${p.name}'`, t.data, p.shape, 'its declared shape');
  }
  const extra = Object.keys(weights).find((name) => !layout.some((p) => p.name === name));
  if (extra) throw new InputShapeError(`weights: unexpected parameter '${extra}' for this '${spec.arch}' spec`);
}

export function validateInput(spec: ModelSpec, input: SequenceBatch, options: ForwardOptions): void {
  expectCount('batch', input.batch);
  expectCount('steps', input.steps);
  const B = input.batch;
  const T = input.steps;
  const H = spec.hidden_size;
  const rows = spec.num_layers * numDirections(spec);
  expectSize('x', input.x, [B, T, spec.input_size], 'batch, time, input_size');
  const refuse = (field: InitialStateField): void => {
    const problem = initialStateProblem(field, spec.arch);
    if (problem) throw new InputShapeError(problem);
  };
  if (input.h0 !== undefined) refuse('h0');
  if (input.h0 !== undefined) expectSize('h0', input.h0, [rows, B, H], 'layers*directions, batch, hidden_size');
  if (input.c0 !== undefined) {
    refuse('c0');
    expectSize('c0', input.c0, [rows, B, H], 'layers*directions, batch, hidden_size');
  }
  if (input.y0 !== undefined) {
    refuse('y0');
    expectSize('y0', input.y0, [B, spec.output_size], 'batch, output_size');
  }
  if (dropoutActive(spec, options) && options.dropoutMasks) {
    const masks = options.dropoutMasks;
    if (masks.length !== spec.num_layers - 1) {
      throw new InputShapeError(`dropoutMasks: expected ${spec.num_layers - 1} masks (num_layers - 1), found ${masks.length}`);
    }
    const shape = [B, T, numDirections(spec) * H];
    masks.forEach((m, i) => expectSize(`dropoutMasks[${i}]`, m, shape, 'batch, time, directions*hidden_size'));
  }
}

export function validateSeeds(spec: ModelSpec, B: number, T: number, seeds: BackwardSeeds): void {
  const O = spec.output_size;
  const rows = spec.num_layers * numDirections(spec);
  const H = spec.hidden_size;
  for (const name of ['dY', 'dYPre'] as const) {
    if (seeds[name] === undefined) continue;
    if (O === 0) throw new InputShapeError(`${name}: the model has no output head (output_size 0), found a ${name} seed`);
    expectSize(name, seeds[name], [B, T, O], 'batch, time, output_size');
  }
  if (seeds.dOutput !== undefined) expectSize('dOutput', seeds.dOutput, [B, T, numDirections(spec) * H], 'batch, time, directions*hidden_size');
  if (seeds.dhN !== undefined) expectSize('dhN', seeds.dhN, [rows, B, H], 'layers*directions, batch, hidden_size');
  if (seeds.dcN !== undefined) {
    const problem = initialStateProblem('dcN', spec.arch);
    if (problem) throw new InputShapeError(problem);
    expectSize('dcN', seeds.dcN, [rows, B, H], 'layers*directions, batch, hidden_size');
  }
}

// Reads the arrays a user hands to eval or grad, {x, h0?, c0?, y0?} plus gradient seeds {dOutput?, dY?, dhN?, dcN?},
// checking each against the model's spec. Batch and time come from x; every other array must agree with them.
import type { BackwardSeeds, SequenceBatch } from '../engine/types';
import { InputShapeError } from '../errors';
import { initialStateProblem } from '../spec/initial-states';
import { numDirections, type ModelSpec } from '../spec/types';
import { describeDims, parseNested, type Dim } from './nested';

export const STATE_FIELDS = ['x', 'h0', 'c0', 'y0'] as const;
export const SEED_FIELDS = ['dOutput', 'dY', 'dhN', 'dcN'] as const;

export interface SequenceInput {
  batch: SequenceBatch;
  /** The gradient seeds, when asked for (`withSeeds`); null otherwise. */
  seeds: BackwardSeeds | null;
}

/** The expected axes of every array, once batch and time are known from x. */
export function sequenceDims(spec: ModelSpec, batch?: number, steps?: number) {
  const D = numDirections(spec);
  const B: Dim = batch === undefined ? { label: 'batch' } : { label: 'batch', size: batch };
  const T: Dim = steps === undefined ? { label: 'time' } : { label: 'time', size: steps };
  const state: Dim[] = [{ label: 'layers*directions', size: spec.num_layers * D }, B, { label: 'hidden_size', size: spec.hidden_size }];
  return {
    x: [B, T, { label: 'input_size', size: spec.input_size }],
    state,
    y0: [B, { label: 'output_size', size: spec.output_size }],
    output: [B, T, { label: 'directions*hidden_size', size: D * spec.hidden_size }],
    y: [B, T, { label: 'output_size', size: spec.output_size }],
  } satisfies Record<string, Dim[]>;
}

function refuse(field: string, spec: ModelSpec): string | null {
  if (field === 'h0' || field === 'c0' || field === 'y0' || field === 'dcN') return initialStateProblem(field, spec.arch);
  if (field === 'dY' && spec.output_size === 0) return 'dY: the model has no output layer (output_size 0)';
  return null;
}

/** Parses `{x, ...}` for a model; throws InputShapeError with one line naming the array at fault. */
export function parseSequenceInput(value: unknown, spec: ModelSpec, withSeeds: boolean): SequenceInput {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    const found = value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value;
    throw new InputShapeError(`input: expected a JSON object like {"x": [batch][time][input_size]}, found ${found}`);
  }
  const fields = value as Record<string, unknown>;
  const allowed: readonly string[] = withSeeds ? [...STATE_FIELDS, ...SEED_FIELDS] : STATE_FIELDS;
  for (const key of Object.keys(fields)) {
    if (!allowed.includes(key)) {
      throw new InputShapeError(`input: unknown field '${key}': expected ${allowed.join(', ')}`);
    }
    const problem = refuse(key, spec);
    if (problem) throw new InputShapeError(problem);
  }
  if (fields.x === undefined) {
    throw new InputShapeError(`x: missing; expected ${describeDims(sequenceDims(spec).x)}`);
  }
  const x = parseNested(fields.x, 'x', sequenceDims(spec).x);
  const [B, T] = x.shape;
  const dims = sequenceDims(spec, B, T);
  const read = (key: string, expected: Dim[]): Float64Array | undefined =>
    fields[key] === undefined ? undefined : parseNested(fields[key], key, expected).data;

  const batch: SequenceBatch = { batch: B, steps: T, x: x.data };
  const h0 = read('h0', dims.state);
  const c0 = read('c0', dims.state);
  const y0 = read('y0', dims.y0);
  if (h0) batch.h0 = h0;
  if (c0) batch.c0 = c0;
  if (y0) batch.y0 = y0;
  if (!withSeeds) return { batch, seeds: null };

  const seeds: BackwardSeeds = {};
  const dOutput = read('dOutput', dims.output);
  const dY = read('dY', dims.y);
  const dhN = read('dhN', dims.state);
  const dcN = read('dcN', dims.state);
  if (dOutput) seeds.dOutput = dOutput;
  if (dY) seeds.dY = dY;
  if (dhN) seeds.dhN = dhN;
  if (dcN) seeds.dcN = dcN;
  if (Object.keys(seeds).length === 0) {
    const names = SEED_FIELDS.filter((f) => refuse(f, spec) === null);
    throw new InputShapeError(`input: expected at least one gradient seed (${names.join(', ')}), found none`);
  }
  return { batch, seeds };
}

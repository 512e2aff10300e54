// Loader for the PyTorch reference fixtures in test/fixtures/torch (format: that folder's README.md).
// Turns each JSON file into engine-ready objects (Model, SequenceBatch, BackwardSeeds) plus the expected arrays.
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import type { BackwardSeeds, Model, SequenceBatch } from '../../src-main/core/engine/types';
import { shapeSize } from '../../src-main/core/spec/params';
import { parseModelSpec } from '../../src-main/core/spec/schema';
import type { Weights } from '../../src-main/core/tensor';

export const TORCH_FIXTURE_DIR = fileURLToPath(new URL('../fixtures/torch/', import.meta.url));

const flat = z.array(z.number());
const fixtureSchema = z.strictObject({
  name: z.string(),
  torch_version: z.string(),
  spec: z.unknown(),
  weights: z.record(z.string(), z.strictObject({ shape: z.array(z.number().int()), data: flat })),
  input: z.strictObject({
    batch: z.number().int(),
    steps: z.number().int(),
    x: flat,
    h0: flat.optional(),
    c0: flat.optional(),
    y0: flat.optional(),
  }),
  dropout_masks: z.array(flat).optional(),
  training: z.boolean(),
  seeds: z.strictObject({ dOutput: flat, dY: flat.optional(), dhN: flat, dcN: flat.optional() }),
  expected: z.strictObject({
    output: flat,
    y: flat.optional(),
    h_n: flat,
    c_n: flat.optional(),
    grads: z.record(z.string(), flat),
    dx: flat,
    dh0: flat.optional(),
    dc0: flat.optional(),
    dy0: flat.optional(),
  }),
});

export interface TorchExpected {
  output: Float64Array;
  y?: Float64Array;
  hN: Float64Array;
  cN?: Float64Array;
  grads: Record<string, Float64Array>;
  dx: Float64Array;
  dh0?: Float64Array;
  dc0?: Float64Array;
  dy0?: Float64Array;
}

export interface TorchFixture {
  name: string;
  torchVersion: string;
  model: Model;
  input: SequenceBatch;
  training: boolean;
  /** Inputs of layers 1..L-1, (B, T, D*H) each; present only for the dropout cases. */
  dropoutMasks?: Float64Array[];
  seeds: BackwardSeeds;
  expected: TorchExpected;
}

const f64 = (values: number[] | undefined) => (values === undefined ? undefined : Float64Array.from(values));

export function parseTorchFixture(json: unknown, file: string): TorchFixture {
  const parsed = fixtureSchema.safeParse(json);
  if (!parsed.success) throw new Error(`${file}: not a torch fixture: ${parsed.error.issues[0]?.message}`);
  const raw = parsed.data;
  if (`${raw.name}.json` !== basename(file)) {
    throw new Error(`${file}: expected name '${basename(file, '.json')}', found '${raw.name}'`);
  }
  const weights: Weights = {};
  for (const [name, { shape, data }] of Object.entries(raw.weights)) {
    if (shapeSize(shape) !== data.length) {
      const needed = shapeSize(shape);
      throw new Error(`${file}: weight ${name} of shape [${shape}] needs ${needed} numbers, found ${data.length}`);
    }
    weights[name] = { shape, data: Float64Array.from(data) };
  }
  const { batch, steps } = raw.input;
  const e = raw.expected;
  return {
    name: raw.name,
    torchVersion: raw.torch_version,
    model: { spec: parseModelSpec(raw.spec), weights },
    input: {
      batch,
      steps,
      x: Float64Array.from(raw.input.x),
      h0: f64(raw.input.h0),
      c0: f64(raw.input.c0),
      y0: f64(raw.input.y0),
    },
    training: raw.training,
    dropoutMasks: raw.dropout_masks?.map((m) => Float64Array.from(m)),
    seeds: { dOutput: f64(raw.seeds.dOutput), dY: f64(raw.seeds.dY), dhN: f64(raw.seeds.dhN), dcN: f64(raw.seeds.dcN) },
    expected: {
      output: Float64Array.from(e.output),
      y: f64(e.y),
      hN: Float64Array.from(e.h_n),
      cN: f64(e.c_n),
      grads: Object.fromEntries(Object.entries(e.grads).map(([k, v]) => [k, Float64Array.from(v)])),
      dx: Float64Array.from(e.dx),
      dh0: f64(e.dh0),
      dc0: f64(e.dc0),
      dy0: f64(e.dy0),
    },
  };
}

/** Every fixture in the folder, sorted by name. */
export function loadTorchFixtures(dir = TORCH_FIXTURE_DIR): TorchFixture[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => parseTorchFixture(JSON.parse(readFileSync(join(dir, f), 'utf8')), f));
}

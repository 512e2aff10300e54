// The check every export passes before its file is written: run the model in onnxruntime on probe inputs and
// compare each output with the engine's forward pass (float64). A difference above the tolerance (1e-4, relative
// to values above 1) refuses the export with an error naming the output.
import type { Engine, ForwardResult, SequenceBatch } from '../../engine/types';
import { Random } from '../../random';
import type { ModelSpec } from '../../spec/types';
import type { Weights } from '../../tensor';
import { OnnxExportError } from '../errors';
import type { OnnxRuntime } from '../runtime/client';
import type { WireTensor } from '../runtime/protocol';
import { stateInputs, stateRows } from './build-model';

export const EXPORT_TOLERANCE = 1e-4;

export interface ProbeShape {
  batch: number;
  steps: number;
}

/** Seeded probe inputs: x uniform in [-1, 1], and (when the graph takes them) initial states in [-0.5, 0.5]. */
export function probeInput(spec: ModelSpec, shape: ProbeShape, withState: boolean, seed = 17): SequenceBatch {
  const rng = new Random(seed);
  const { batch: B, steps: T } = shape;
  const input: SequenceBatch = { batch: B, steps: T, x: rng.uniformArray(B * T * spec.input_size, -1, 1) };
  if (!withState) return input;
  const states = stateInputs(spec);
  const stateSize = stateRows(spec) * B * spec.hidden_size;
  if (states.h0) input.h0 = rng.uniformArray(stateSize, -0.5, 0.5);
  if (states.c0) input.c0 = rng.uniformArray(stateSize, -0.5, 0.5);
  if (states.y0) input.y0 = rng.uniformArray(B * spec.output_size, -0.5, 0.5);
  return input;
}

/** The graph's feeds for a probe input (float32). */
export function probeFeeds(spec: ModelSpec, input: SequenceBatch): Record<string, WireTensor> {
  const { batch: B, steps: T } = input;
  const f32 = (dims: number[], data: Float64Array): WireTensor => ({ type: 'float32', dims, data: Float32Array.from(data) });
  const feeds: Record<string, WireTensor> = { x: f32([B, T, spec.input_size], input.x) };
  const rows = stateRows(spec);
  if (input.h0) feeds.h0 = f32([rows, B, spec.hidden_size], input.h0);
  if (input.c0) feeds.c0 = f32([rows, B, spec.hidden_size], input.c0);
  if (input.y0) feeds.y0 = f32([B, spec.output_size], input.y0);
  return feeds;
}

/** What each graph output must equal in the engine's result. */
export function expectedOutputs(spec: ModelSpec, result: ForwardResult): Record<string, Float64Array> {
  const expected: Record<string, Float64Array> = { h_n: result.hN };
  if (spec.output_size > 0) expected.y = result.y!;
  else expected.output = result.output;
  if (result.cN) expected.c_n = result.cN;
  return expected;
}

/** The largest scaled difference |a - b| / max(1, |b|) and where it is. */
export function largestDifference(actual: ArrayLike<number | bigint>, expected: Float64Array): { value: number; index: number } {
  let worst = { value: 0, index: -1 };
  for (let i = 0; i < expected.length; i++) {
    const d = Math.abs(Number(actual[i]) - expected[i]) / Math.max(1, Math.abs(expected[i]));
    if (!(d <= worst.value)) worst = { value: d, index: i }; // NaN counts as the worst
  }
  return worst;
}

export interface VerifyRequest {
  spec: ModelSpec;
  weights: Weights;
  bytes: Uint8Array;
  withState: boolean;
  engine: Engine;
  runtime: OnnxRuntime;
  probes?: ProbeShape[];
}

/** Worst difference of one output over all probes; relative = absolute / largest |expected value| of the output. */
export interface OutputDifference {
  output: string;
  absolute: number;
  relative: number;
}

/** Answers the worst difference per output when onnxruntime agrees with the engine on every probe; throws
 * OnnxExportError otherwise. */
export async function verifyExport(request: VerifyRequest): Promise<OutputDifference[]> {
  const { spec, engine, runtime } = request;
  const worstByOutput = new Map<string, { absolute: number; scale: number }>();
  const loaded = await runtime.load(request.bytes, 'the exported model');
  try {
    for (const probe of request.probes ?? [{ batch: 2, steps: 5 }, { batch: 1, steps: 1 }]) {
      const input = probeInput(spec, probe, request.withState);
      const result = engine.forward({ spec, weights: request.weights }, input, { training: false, precision: 'float64' });
      const got = await runtime.run(loaded, probeFeeds(spec, input));
      for (const [name, expected] of Object.entries(expectedOutputs(spec, result))) {
        const actual = got[name];
        if (!actual || actual.data.length !== expected.length) {
          const found = actual ? `${actual.data.length} values` : 'no such output';
          throw new OnnxExportError(`export check failed: output ${name} should hold ${expected.length} values, onnxruntime gave ${found}; no file written`, { code: 'onnx-export-check', params: { output: name } });
        }
        const worst = largestDifference(actual.data, expected);
        if (!(worst.value <= EXPORT_TOLERANCE)) {
          throw new OnnxExportError(
            `export check failed: output ${name} differs from the ${engine.name} engine by ${worst.value.toExponential(2)} ` +
              `at element ${worst.index} (batch ${probe.batch}, ${probe.steps} steps; tolerance ${EXPORT_TOLERANCE}); no file written`,
            { code: 'onnx-export-check', params: { output: name } },
          );
        }
        const scale = expected.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
        const before = worstByOutput.get(name) ?? { absolute: 0, scale: 0 };
        worstByOutput.set(name, { absolute: Math.max(before.absolute, worst.value), scale: Math.max(before.scale, scale) });
      }
    }
  } finally {
    await runtime.release(loaded);
  }
  return [...worstByOutput].map(([output, w]) => ({ output, absolute: w.absolute, relative: w.scale > 0 ? w.absolute / w.scale : 0 }));
}

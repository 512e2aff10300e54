// The export check with its numbers: like verifyExport (onnxruntime against the engine on probe inputs, refusing an
// export beyond EXPORT_TOLERANCE), but answering the worst absolute and relative difference of every output over all
// probes, for the workbench's report. Relative = worst absolute difference / largest |expected value| of the output.
import type { Engine } from '../../engine/types';
import type { ModelSpec } from '../../spec/types';
import type { Weights } from '../../tensor';
import { OnnxExportError } from '../errors';
import type { OnnxRuntime } from '../runtime/client';
import { EXPORT_TOLERANCE, expectedOutputs, largestDifference, probeFeeds, probeInput, type ProbeShape } from './verify';

export interface OutputDifference {
  output: string;
  absolute: number;
  relative: number;
}

export async function measureExport(request: {
  spec: ModelSpec;
  weights: Weights;
  bytes: Uint8Array;
  withState: boolean;
  engine: Engine;
  runtime: OnnxRuntime;
  probes?: ProbeShape[];
}): Promise<OutputDifference[]> {
  const { spec, engine, runtime } = request;
  const worst = new Map<string, { absolute: number; scale: number }>();
  const loaded = await runtime.load(request.bytes, 'the exported model');
  try {
    for (const probe of request.probes ?? [{ batch: 2, steps: 5 }, { batch: 1, steps: 1 }]) {
      const input = probeInput(spec, probe, request.withState);
      const result = engine.forward({ spec, weights: request.weights }, input, { training: false, precision: 'float64' });
      const got = await runtime.run(loaded, probeFeeds(spec, input));
      for (const [name, expected] of Object.entries(expectedOutputs(spec, result))) {
        const actual = got[name];
        if (!actual || actual.data.length !== expected.length) {
          throw new OnnxExportError(`export check failed: output ${name} should hold ${expected.length} values, onnxruntime gave ${actual ? actual.data.length : 'none'}; no file written`);
        }
        const diff = largestDifference(actual.data, expected);
        if (!(diff.value <= EXPORT_TOLERANCE)) {
          throw new OnnxExportError(`export check failed: output ${name} differs from the ${engine.name} engine by ${diff.value.toExponential(2)} (tolerance ${EXPORT_TOLERANCE}); no file written`);
        }
        const scale = expected.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
        const before = worst.get(name) ?? { absolute: 0, scale: 0 };
        worst.set(name, { absolute: Math.max(before.absolute, diff.value), scale: Math.max(before.scale, scale) });
      }
    }
  } finally {
    await runtime.release(loaded);
  }
  return [...worst].map(([output, w]) => ({ output, absolute: w.absolute, relative: w.scale > 0 ? w.absolute / w.scale : 0 }));
}

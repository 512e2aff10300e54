// Gate reorders: each direction inverts the other, and they are the ones onnxruntime needs: an export whose
// recurrent weights keep PyTorch's gate order is refused by the export check, naming an output that differs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { referenceEngine } from '../../src-main/core/engine/reference/index';
import { encodeModel } from '../../src-main/core/onnx/codec';
import { OnnxExportError } from '../../src-main/core/onnx/errors';
import { buildOnnxModel } from '../../src-main/core/onnx/export/build-model';
import {
  gruGatesOnnxToTorch,
  gruGatesTorchToOnnx,
  lstmGatesOnnxToTorch,
  lstmGatesTorchToOnnx,
} from '../../src-main/core/onnx/export/gate-order';
import { EXPORT_TOLERANCE, verifyExport } from '../../src-main/core/onnx/export/verify';
import { OnnxRuntime } from '../../src-main/core/onnx/runtime/client';
import type { Weights } from '../../src-main/core/tensor';
import { randomModel } from '../helpers/random-model';

const runtime = new OnnxRuntime();
afterAll(() => runtime.close());

describe('gate block permutations', () => {
  const H = 2;
  const cols = 3;
  const blocks = (n: number) => Float64Array.from({ length: n * H * cols }, (_, i) => Math.floor(i / (H * cols)));
  it('LSTM i,f,g,o -> i,o,f,c and back', () => {
    const onnx = lstmGatesTorchToOnnx(blocks(4), H, cols);
    expect([0, 1, 2, 3].map((k) => onnx[k * H * cols])).toEqual([0, 3, 1, 2]);
    expect(Array.from(lstmGatesOnnxToTorch(onnx, H, cols))).toEqual(Array.from(blocks(4)));
  });
  it('GRU r,z,n -> z,r,h and back', () => {
    const onnx = gruGatesTorchToOnnx(blocks(3), H, cols);
    expect([0, 1, 2].map((k) => onnx[k * H * cols])).toEqual([1, 0, 2]);
    expect(Array.from(gruGatesOnnxToTorch(onnx, H, cols))).toEqual(Array.from(blocks(3)));
  });
  it('refuses a size that is not gates x H x cols', () => {
    expect(() => lstmGatesTorchToOnnx(new Float64Array(7), 2, 1)).toThrow(/expected 4 x 2 x 1 values, found 7/);
  });
});

/** Weights pre-permuted so the exporter's reorder cancels out: the ONNX operator then sees PyTorch's order. */
function unreordered(weights: Weights, arch: 'lstm' | 'gru', H: number): Weights {
  const undo = arch === 'lstm' ? lstmGatesOnnxToTorch : gruGatesOnnxToTorch;
  const out: Weights = {};
  for (const [name, t] of Object.entries(weights)) {
    const cols = t.shape.length === 2 ? t.shape[1] : 1;
    out[name] = name.startsWith('head') ? t : { shape: t.shape, data: undo(t.data, H, cols) };
  }
  return out;
}

describe.each(['lstm', 'gru'] as const)('%s export in onnxruntime', (arch) => {
  const model = randomModel({ arch, output_size: 2 }, 5);
  let correct: Uint8Array;
  let wrong: Uint8Array;
  beforeAll(() => {
    correct = encodeModel(buildOnnxModel({ name: 'p', ...model }));
    wrong = encodeModel(buildOnnxModel({ name: 'p', spec: model.spec, weights: unreordered(model.weights, arch, 4) }));
  });
  it('matches the engine with the named reorder', async () => {
    // It resolves (the check passed) with every output's worst difference, each within the export tolerance.
    const differences = await verifyExport({ ...model, bytes: correct, withState: false, engine: referenceEngine, runtime });
    expect(differences.length).toBeGreaterThan(0);
    for (const d of differences) expect(d.absolute, d.output).toBeLessThanOrEqual(EXPORT_TOLERANCE);
  });
  it("is refused with PyTorch's gate order, naming the output", async () => {
    const check = verifyExport({ ...model, bytes: wrong, withState: false, engine: referenceEngine, runtime });
    await expect(check).rejects.toBeInstanceOf(OnnxExportError);
    await expect(check).rejects.toThrow(/^export check failed: output (y|h_n|c_n) differs from the reference engine by .* no file written$/);
  });
});

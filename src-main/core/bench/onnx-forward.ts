// onnxruntime's side of `rnnlab bench`: export the benchmarked model (unchecked: the export tests check the graphs),
// run it on the same shapes in the worker with the same thread count, and report the median forward time.
import type { Model, SequenceBatch } from '../engine/types';
import { median } from './timing';
import { encodeModel } from '../onnx/codec';
import { buildOnnxModel } from '../onnx/export/build-model';
import { probeFeeds } from '../onnx/export/verify';
import { OnnxRuntime } from '../onnx/runtime/client';

export interface OrtTiming {
  median_ms: number;
  min_ms: number;
}

export async function timeOrtForward(model: Model, input: SequenceBatch, threads: number, warmup: number, repeat: number): Promise<OrtTiming> {
  const runtime = new OnnxRuntime({ intraOpThreads: threads, interOpThreads: 1 });
  try {
    const loaded = await runtime.load(encodeModel(buildOnnxModel({ name: 'bench', ...model })), 'the benchmark model');
    const times = await runtime.time(loaded, probeFeeds(model.spec, { ...input, h0: undefined, c0: undefined, y0: undefined }), warmup, repeat);
    return { median_ms: median(times), min_ms: Math.min(...times) };
  } finally {
    await runtime.close();
  }
}

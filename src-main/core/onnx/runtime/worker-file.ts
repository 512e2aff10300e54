// Finds the onnxruntime worker script: onnx-worker.mjs next to the running bundle, or, running from TypeScript
// source (vitest, or a compute process forked from source), a fresh esbuild bundle of worker.ts (util/worker-script.ts).
import { resolveWorkerScript } from '../../util/worker-script';
import { OnnxRunError } from '../errors';

export const ONNX_WORKER_BUNDLE = 'onnx-worker.mjs';

export function resolveOnnxWorker(moduleUrl: string = import.meta.url): Promise<string> {
  return resolveWorkerScript({
    moduleUrl,
    bundleName: ONNX_WORKER_BUNDLE,
    sourceName: 'worker.ts',
    notFound: (message) => new OnnxRunError(`onnxruntime ${message}`, { code: 'onnx-run-failed', params: {} }),
  });
}

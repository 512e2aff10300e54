// Finds the onnxruntime worker script: onnx-worker.mjs next to the running bundle (out/cli/, or one folder up from
// a chunk in out/cli/chunks/), else, running from TypeScript source (vitest), a fresh esbuild bundle of worker.ts
// in node_modules/.cache (a Worker cannot load .ts files).
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { OnnxRunError } from '../errors';

export const ONNX_WORKER_BUNDLE = 'onnx-worker.mjs';

let sourceBuild: Promise<string> | null = null;

export async function resolveOnnxWorker(moduleUrl: string = import.meta.url): Promise<string> {
  const here = path.dirname(fileURLToPath(moduleUrl));
  for (const candidate of [path.join(here, ONNX_WORKER_BUNDLE), path.join(here, '..', ONNX_WORKER_BUNDLE)]) {
    if (existsSync(candidate)) return candidate;
  }
  const source = path.join(here, 'worker.ts');
  if (!existsSync(source)) {
    throw new OnnxRunError(`onnxruntime worker not found: expected ${ONNX_WORKER_BUNDLE} next to ${here}; rebuild with npm run build:cli`);
  }
  sourceBuild ??= bundleSource(source);
  return sourceBuild;
}

async function bundleSource(source: string): Promise<string> {
  let root = path.dirname(source);
  while (!existsSync(path.join(root, 'package.json')) && path.dirname(root) !== root) root = path.dirname(root);
  const outdir = path.join(root, 'node_modules', '.cache', 'rnnlab');
  mkdirSync(outdir, { recursive: true });
  const outfile = path.join(outdir, `onnx-worker-${process.pid}.mjs`);
  const esbuild = await import('esbuild');
  await esbuild.build({
    entryPoints: [source],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    logLevel: 'silent',
  });
  process.once('exit', () => rmSync(outfile, { force: true }));
  return outfile;
}

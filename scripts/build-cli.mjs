// Bundles the CLI (src-main/cli/main.ts and the core it uses) into out/cli/rnnlab.mjs, run by bin/rnnlab.js.
// Packages in node_modules stay external so they (and native addons) load from node_modules at run time.
// Code the commands import lazily goes to out/cli/chunks/, so `rnnlab --help` does not load zod or the engines.
// Run by `npm install` (prepare), `npm run build:cli`, `npm run build` and the test suite's global setup.
import { mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import process from 'node:process';
import { fileURLToPath, URL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const outdir = path.join(root, 'out', 'cli');
const chunkDir = path.join(outdir, 'chunks');
/** Chunks no build refers to any more are removed once they are this old (a running CLI may still need one). */
const STALE_CHUNK_MS = 60 * 60 * 1000;

const fail = (message) => {
  process.stderr.write(`build-cli: ${message}\n`);
  process.exit(1);
};

let esbuild;
try {
  esbuild = await import('esbuild');
} catch {
  fail('esbuild is not installed; run `npm install` (with dev dependencies) first');
}

let result;
try {
  result = await esbuild.build({
    absWorkingDir: root,
    // The training worker is a second entry: session.ts finds train-worker.mjs next to the CLI bundle.
    entryPoints: {
      rnnlab: 'src-main/cli/main.ts',
      'train-worker': 'src-main/core/train/worker.ts',
      // onnxruntime runs in this worker; core/onnx/runtime/worker-file.ts finds onnx-worker.mjs beside the bundle.
      'onnx-worker': 'src-main/core/onnx/runtime/worker.ts',
      // The compute process `rnnlab serve` forks (core/compute/fork-channel.ts finds compute.mjs beside the bundle).
      compute: 'src-main/core/compute/entry.ts',
    },
    outdir,
    outExtension: { '.js': '.mjs' },
    chunkNames: 'chunks/[name]-[hash]',
    bundle: true,
    splitting: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    sourcemap: 'linked',
    logLevel: 'warning',
    write: false,
  });
} catch {
  // esbuild has already printed each problem with its file and line.
  fail('the CLI bundle was not built (see the errors above)');
}

// Each file is written to a temporary name and renamed, chunks before the entry: a CLI started during a build
// (another test run) sees either the old bundle or the new one, never half a file.
const entry = path.join(outdir, 'rnnlab.mjs');
const files = [...result.outputFiles].sort((a, b) => Number(a.path === entry) - Number(b.path === entry));
for (const file of files) {
  mkdirSync(path.dirname(file.path), { recursive: true });
  const temporary = `${file.path}.${process.pid}.tmp`;
  writeFileSync(temporary, file.contents);
  renameSync(temporary, file.path);
}

const written = new Set(files.map((f) => f.path));
for (const name of readdirSync(chunkDir)) {
  const file = path.join(chunkDir, name);
  if (!written.has(file) && Date.now() - statSync(file).mtimeMs > STALE_CHUNK_MS) rmSync(file, { force: true });
}

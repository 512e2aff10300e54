// Finds the script a worker_threads Worker should run: `<bundleName>` next to the running module (out/cli/ beside
// the CLI bundle, or one folder up from a chunk in out/cli/chunks/); when running from TypeScript source (vitest),
// the worker's .ts entry is bundled with esbuild into node_modules/.cache/rnnlab/, since Node 20 cannot run .ts in
// a Worker. The source bundle is named by its content hash and written once by rename, so concurrent test
// processes share one file and old versions do not pile up. In a source bundle every module keeps its own
// import.meta.url (its .ts file), so a worker that starts workers of its own (the compute process starting
// onnxruntime's, or a training worker) finds their sources exactly as unbundled code would.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Plugin } from 'esbuild';

export interface WorkerScriptRequest {
  /** import.meta.url of the module that starts the worker. */
  moduleUrl: string;
  /** The worker's file name in the CLI bundle, e.g. 'train-worker.mjs'. */
  bundleName: string;
  /** The worker's TypeScript entry, next to the module that starts it, e.g. 'worker.ts'. */
  sourceName: string;
  /** The error to throw when neither exists (one line, naming what to rebuild). */
  notFound: (message: string) => Error;
}

const sourceBuilds = new Map<string, Promise<string>>();

export async function resolveWorkerScript(request: WorkerScriptRequest): Promise<string> {
  const here = path.dirname(fileURLToPath(request.moduleUrl));
  for (const candidate of [path.join(here, request.bundleName), path.join(here, '..', request.bundleName)]) {
    if (existsSync(candidate)) return candidate;
  }
  const source = path.join(here, request.sourceName);
  if (!existsSync(source)) {
    throw request.notFound(`worker not found: expected ${request.bundleName} next to ${here}; rebuild with npm run build:cli`);
  }
  let build = sourceBuilds.get(source);
  if (!build) {
    build = bundleSource(source, request.bundleName);
    sourceBuilds.set(source, build);
  }
  return build;
}

/** Replaces `import.meta.url` in each TypeScript module with that module's own file URL (esbuild would leave the
 * bundle's URL, in node_modules/.cache, where no worker source is found). */
const keepModuleUrls: Plugin = {
  name: 'keep-module-urls',
  setup(build) {
    build.onLoad({ filter: /\.ts$/ }, (args) => ({
      contents: readFileSync(args.path, 'utf8').replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href)),
      loader: 'ts',
    }));
  },
};

async function bundleSource(source: string, bundleName: string): Promise<string> {
  let root = path.dirname(source);
  while (!existsSync(path.join(root, 'package.json')) && path.dirname(root) !== root) root = path.dirname(root);
  const outdir = path.join(root, 'node_modules', '.cache', 'rnnlab');
  const esbuild = await import('esbuild');
  const result = await esbuild.build({
    entryPoints: [source],
    outfile: path.join(outdir, bundleName),
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    plugins: [keepModuleUrls],
    logLevel: 'silent',
    write: false,
  });
  const code = result.outputFiles[0].contents;
  const stem = bundleName.replace(/\.mjs$/, '');
  const outfile = path.join(outdir, `${stem}-${createHash('sha256').update(code).digest('hex').slice(0, 12)}.mjs`);
  if (!existsSync(outfile)) {
    mkdirSync(outdir, { recursive: true });
    const temporary = `${outfile}.${process.pid}.tmp`;
    writeFileSync(temporary, code);
    renameSync(temporary, outfile);
  }
  return outfile;
}

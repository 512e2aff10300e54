// Bundles the CLI (src-main/cli/main.ts and the core it uses) into out/cli/rnnlab.mjs, run by bin/rnnlab.js.
// Packages in node_modules stay external so they (and native addons) load from node_modules at run time.
// Run by `npm install` (prepare), `npm run build:cli`, `npm run build` and the test suite's global setup.
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

let esbuild;
try {
  esbuild = await import('esbuild');
} catch {
  console.error('build-cli: esbuild is not installed; run `npm install` (with dev dependencies) first');
  process.exit(1);
}

try {
  await esbuild.build({
    absWorkingDir: root,
    entryPoints: ['src-main/cli/main.ts'],
    outfile: 'out/cli/rnnlab.mjs',
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    sourcemap: 'linked',
    logLevel: 'warning',
  });
} catch {
  // esbuild has already printed each problem with its file and line.
  console.error('build-cli: the CLI bundle was not built (see the errors above)');
  process.exit(1);
}

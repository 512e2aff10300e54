// Bundles the CLI (src-main/cli/main.ts and the core it uses) into out/cli/rnnlab.mjs, run by bin/rnnlab.js.
// Packages in node_modules stay external so they (and native addons) load from node_modules at run time.
// Run by `npm install` (prepare), `npm run build:cli`, `npm run build` and the test suite's global setup.
import process from 'node:process';
import { fileURLToPath, URL } from 'node:url';

const fail = (message) => {
  process.stderr.write(`build-cli: ${message}\n`);
  process.exit(1);
};

const root = fileURLToPath(new URL('..', import.meta.url));

let esbuild;
try {
  esbuild = await import('esbuild');
} catch {
  fail('esbuild is not installed; run `npm install` (with dev dependencies) first');
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
  fail('the CLI bundle was not built (see the errors above)');
}

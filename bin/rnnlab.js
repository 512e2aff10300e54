#!/usr/bin/env node
// Launcher of the `rnnlab` command: runs the bundle that `npm install` builds into out/cli/ (scripts/build-cli.mjs).
import { existsSync } from 'node:fs';
import process from 'node:process';
import { URL } from 'node:url';

const bundle = new URL('../out/cli/rnnlab.mjs', import.meta.url);
if (!existsSync(bundle)) {
  process.stderr.write('rnnlab: the CLI is not built (out/cli/rnnlab.mjs is missing); run `npm install` or `npm run build:cli`\n');
  process.exit(1);
}
// Map stack traces (printed only with RNNLAB_DEBUG=1) back to the TypeScript sources.
if (process.env.RNNLAB_DEBUG === '1') process.setSourceMapsEnabled(true);
await import(bundle.href);

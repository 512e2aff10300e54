// Builds the native kernel addon (build/Release/rnnlab_kernel.node) with node-gyp; run by `npm install`.
// A failed build is a warning, not a failed install: RNN Lab then runs on the slower reference engine.
// `--strict` (npm run build:kernel) turns a failure into exit code 1.
//
// node-gyp is looked up in order: npm_config_node_gyp (npm sets it for install scripts), the copy bundled with the
// npm that runs us (next to npm_execpath), the copy bundled with the npm installed beside this node, `node-gyp` on
// PATH. npm_config_nodedir (headers without internet) is passed on as --nodedir.
import { spawnSync } from 'node:child_process';
import console from 'node:console';
import process from 'node:process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const strict = process.argv.includes('--strict');

/** [command, leading args] for node-gyp, or null when none is found. */
function findNodeGyp(env) {
  const candidates = [];
  if (env.npm_config_node_gyp) candidates.push(env.npm_config_node_gyp);
  if (env.npm_execpath) {
    // npm_execpath is .../npm/bin/npm-cli.js; npm bundles node-gyp in .../npm/node_modules/node-gyp.
    candidates.push(path.resolve(path.dirname(env.npm_execpath), '..', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'));
  }
  const prefix = path.resolve(path.dirname(process.execPath), '..');
  candidates.push(path.join(prefix, 'lib', 'node_modules', 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'));
  candidates.push(path.join(path.dirname(process.execPath), 'node_modules', 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'));
  for (const file of candidates) {
    if (!existsSync(file)) continue;
    return /\.[cm]?js$/.test(file) ? [process.execPath, [file]] : [file, []];
  }
  const onPath = spawnSync(process.platform === 'win32' ? 'where' : 'which', ['node-gyp'], { encoding: 'utf8' });
  const found = onPath.status === 0 ? onPath.stdout.split(/\r?\n/)[0].trim() : '';
  return found ? [found, []] : null;
}

function fail(reason) {
  const line = `native kernel not built: ${reason}; RNN Lab will use the slower reference engine`;
  console.warn(`rnnlab: warning: ${line}`);
  process.exit(strict ? 1 : 0);
}

const nodeGyp = findNodeGyp(process.env);
if (!nodeGyp) fail('node-gyp not found (set npm_config_node_gyp or install node-gyp)');
const [command, lead] = nodeGyp;
const args = [...lead, 'rebuild', '--release'];
if (process.env.npm_config_nodedir) args.push(`--nodedir=${process.env.npm_config_nodedir}`);
console.log(`rnnlab: building the native kernel: ${[command, ...args].join(' ')}`);
const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: process.env });
if (result.error) fail(`could not run node-gyp (${result.error.message})`);
if (result.status !== 0) fail(`node-gyp exited with code ${result.status ?? result.signal}`);
if (!existsSync(path.join(root, 'build', 'Release', 'rnnlab_kernel.node'))) fail('node-gyp left no build/Release/rnnlab_kernel.node');
console.log('rnnlab: native kernel built: build/Release/rnnlab_kernel.node');

// scripts/build-kernel.mjs, driven with a stand-in node-gyp (npm_config_node_gyp) so no real build runs: the
// arguments it passes, the warning and exit code 0 when the build fails, and exit code 1 with --strict.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const script = path.resolve(process.cwd(), 'scripts/build-kernel.mjs');

/** A fake node-gyp that records its arguments and exits with `code` (it never touches build/). */
function fakeNodeGyp(code: number): { file: string; argsFile: string } {
  const dir = mkdtempSync(path.join(tmpdir(), 'rnnlab-gyp-'));
  const argsFile = path.join(dir, 'args.json');
  const file = path.join(dir, 'node-gyp.js');
  writeFileSync(file, `require('fs').writeFileSync(${JSON.stringify(argsFile)}, JSON.stringify(process.argv.slice(2))); process.exit(${code});`);
  return { file, argsFile };
}

function run(env: Record<string, string>, ...flags: string[]) {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('npm_')));
  return spawnSync(process.execPath, [script, ...flags], { encoding: 'utf8', env: { ...clean, ...env } });
}

describe('scripts/build-kernel.mjs', () => {
  it('passes rebuild --release and the nodedir npm gives it to the node-gyp npm names', () => {
    const gyp = fakeNodeGyp(1);
    run({ npm_config_node_gyp: gyp.file, npm_config_nodedir: '/opt/headers' });
    expect(JSON.parse(readFileSync(gyp.argsFile, 'utf8'))).toEqual(['rebuild', '--release', '--nodedir=/opt/headers']);
  });

  it('warns and exits 0 when the build fails, so npm install still succeeds', () => {
    const gyp = fakeNodeGyp(3);
    const result = run({ npm_config_node_gyp: gyp.file });
    expect(result.status).toBe(0);
    expect(result.stderr).toContain(
      'rnnlab: warning: native kernel not built: node-gyp exited with code 3; RNN Lab will use the slower reference engine',
    );
  });

  it('exits 1 on the same failure with --strict', () => {
    const gyp = fakeNodeGyp(3);
    const result = run({ npm_config_node_gyp: gyp.file }, '--strict');
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('native kernel not built: node-gyp exited with code 3');
  });
});

// The desktop app as electron-vite builds it (out/main with compute.mjs, train-worker.mjs and onnx-worker.mjs
// beside index.js), run in plain Node with a stand-in `electron`: it trains an example through its IPC channels in
// its compute process (a utilityProcess running the built compute.mjs), and its onnxruntime process script runs an exported model.
import { execFileSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build } from 'electron-vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = resolve(__dirname, '../..');
// Inside the repository so the bundle's packages resolve from node_modules; no TypeScript source sits beside it,
// so the workers can only come from the build.
const outDir = join(root, 'out', `.hosts-test-${process.pid}`);

beforeAll(async () => {
  await build({ root, logLevel: 'warn', build: { outDir, emptyOutDir: true } });
});
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

describe('the built desktop app', () => {
  it('has the compute entry and both workers beside the main bundle', () => {
    for (const name of ['index.js', 'compute.mjs', 'train-worker.mjs', 'onnx-worker.mjs']) expect(existsSync(join(outDir, 'main', name)), name).toBe(true);
  });

  it('trains a few steps in its compute process', () => {
    const stdout = execFileSync(
      process.execPath,
      ['--import', join(root, 'test/electron/fixtures/register-fake-electron.mjs'), join(__dirname, 'fixtures', 'train-main-bundle.mjs'), join(outDir, 'main', 'index.js')],
      { cwd: root, env: { ...process.env, FAKE_APP_PATH: root, FAKE_USER_DATA: join(outDir, 'user-data') }, encoding: 'utf8', timeout: 120_000 },
    );
    const run = JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}');
    expect(run).toMatchObject({
      opened: 'temporal-xor-elman',
      settings: true,
      started: true,
      status: { status: 'done', step: 30 },
      finiteLoss: true,
      forks: [join(outDir, 'main', 'compute.mjs')],
    });
    expect(run.points).toBeGreaterThan(0);
  });

  it('runs an exported model in its built onnxruntime process script', () => {
    const onnx = join(outDir, 'temporal-xor.onnx');
    execFileSync(process.execPath, [join(root, 'bin/rnnlab.js'), 'export', join(root, 'resources/examples/temporal-xor-elman.rnnlab'), '-o', onnx], { encoding: 'utf8' });
    const stdout = execFileSync(process.execPath, [join(__dirname, 'fixtures', 'run-onnx-worker.mjs'), join(outDir, 'main', 'onnx-worker.mjs'), onnx], { cwd: root, encoding: 'utf8', timeout: 60_000 });
    const outputs = JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}');
    // Batch 1, 3 steps, one output per step (and the final hidden state).
    expect(Object.values(outputs)).toContainEqual([1, 3, 1]);
  });
});

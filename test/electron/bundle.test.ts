// The bundles electron-vite builds, loaded without Electron: the ESM main process (in a Node child process with a
// stand-in `electron`) and the CommonJS preload (in a vm sandbox whose `require` knows only `electron`, as a
// sandboxed preload's does). Catches what the source-level tests cannot: bundling, formats, paths, externals.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { runInNewContext } from 'node:vm';
import { build } from 'electron-vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FILE_ACTIONS, LAB_EVENTS, LAB_METHODS, methodChannel } from '../../src-main/api/lab-api';

const root = resolve(__dirname, '../..');
// Inside the repository, so the bundle's external imports (zod, ...) resolve from node_modules.
const outDir = join(root, 'out', `.bundle-test-${process.pid}`);
const fixtures = join(__dirname, 'fixtures');

beforeAll(async () => {
  await build({ root, logLevel: 'warn', build: { outDir, emptyOutDir: true } });
});
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

describe('the built main process', () => {
  it('starts, opens the sandboxed window and serves LabApi over IPC', () => {
    const stdout = execFileSync(
      process.execPath,
      ['--import', join(fixtures, 'register-fake-electron.mjs'), join(fixtures, 'drive-main-bundle.mjs'), join(outDir, 'main', 'index.js')],
      { cwd: root, env: { ...process.env, FAKE_APP_PATH: '/opt/rnn-lab', FAKE_USER_DATA: join(outDir, 'user-data') }, encoding: 'utf8' },
    );
    const run = JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}');
    expect(run).toMatchObject({
      started: true,
      webPreferences: { preload: '/opt/rnn-lab/out/preload/index.cjs', contextIsolation: true, sandbox: true, nodeIntegration: false },
      loadedFile: '/opt/rnn-lab/out/renderer/index.html',
      channels: [...LAB_METHODS, ...FILE_ACTIONS].map(methodChannel).sort(),
      menus: 1,
      engine: { ok: true },
      example: 'elman',
      // The compute process runs the built entry beside the main bundle, as a utilityProcess.
      forks: [{ modulePath: join(outDir, 'main', 'compute.mjs'), options: { serviceName: 'RNN Lab compute' } }],
      refused: { ok: false, error: 'refused: only the RNN Lab window may call the lab' },
      eventsSent: ['lab-event:projectChanged'],
    });
    // Elman temporal-XOR example: one sigmoid output per step.
    for (const name of ['compute.mjs', 'train-worker.mjs', 'onnx-worker.mjs']) expect(existsSync(join(outDir, 'main', name)), name).toBe(true);
    expect(run.y).toHaveLength(1);
    expect(run.y[0].map((step: number[]) => step.length)).toEqual([1, 1, 1]);
    expect(run.y[0].every(([p]: number[]) => p > 0 && p < 1)).toBe(true);
  });
});

describe('the built preload', () => {
  it('runs with only `electron` available and exposes exactly LabApi as window.lab', () => {
    const code = readFileSync(join(outDir, 'preload', 'index.cjs'), 'utf8');
    const exposed: Record<string, Record<string, unknown>> = {};
    const invoked: unknown[][] = [];
    const electron = {
      contextBridge: { exposeInMainWorld: (name: string, api: Record<string, unknown>) => (exposed[name] = api) },
      ipcRenderer: { invoke: (...args: unknown[]) => (invoked.push(args), Promise.resolve()), on() {}, removeListener() {} },
    };
    const sandboxRequire = (id: string) => {
      if (id === 'electron') return electron;
      throw new Error(`a sandboxed preload cannot require '${id}'`);
    };
    const module = { exports: {} };
    runInNewContext(code, { require: sandboxRequire, module, exports: module.exports });
    expect(Object.keys(exposed)).toEqual(['lab']);
    expect(Object.keys(exposed.lab).sort()).toEqual([...LAB_METHODS, ...FILE_ACTIONS, ...Object.keys(LAB_EVENTS), 'onMenuAction'].sort());
    (exposed.lab.openExample as (id: string) => unknown)('gated-tomita');
    expect(invoked).toEqual([['lab:openExample', 'gated-tomita']]);
  });
});

describe('the built renderer', () => {
  it('refers to its assets relatively, so it loads from file:// and from the web host alike', () => {
    const html = readFileSync(join(outDir, 'renderer', 'index.html'), 'utf8');
    const csp = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1] ?? '';
    expect(csp).toMatch(/script-src 'self'/);
    expect(csp).not.toMatch(/unsafe-eval|https?:/);
    const refs = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]);
    expect(refs.length).toBeGreaterThanOrEqual(3);
    expect(refs.every((ref) => ref.startsWith('./assets/'))).toBe(true);
  });
});

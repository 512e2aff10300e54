// ONNX runs that never end are stopped: `rnnlab run --timeout` (and its default) with one line, and
// OnnxRuntime.cancel() / an AbortSignal for the UI, which kill the onnxruntime process so no CPU keeps burning.
// onnxruntime's own logger stays silent: a model it refuses gives only our one line.
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_RUN_TIMEOUT_MS, OnnxRuntime } from '../../src-main/core/onnx/runtime/client';
import { runOnnxModel } from '../../src-main/core/onnx/runtime/run-model';
import { BIN, requireBuiltCli, scratchFolder, spawnCli } from '../cli/cli-helpers';
import { foreverLoopModel } from './forever-loop';
import { gruLayout1Model } from './noisy-models';

requireBuiltCli();
const files = scratchFolder();
const TYPES = new URL('../fixtures/onnx/types.onnx', import.meta.url).pathname;
const TYPES_INPUT = { f64: [[1, 2]], i32: [1], i64: [1, 2, 3], flags: [true] };
const runtimes: OnnxRuntime[] = [];
afterAll(() => Promise.all(runtimes.map((r) => r.close())));

function forever(): { model: string; input: string } {
  const model = files.file('forever.onnx');
  writeFileSync(model, foreverLoopModel());
  const input = files.file('forever.json');
  writeFileSync(input, JSON.stringify({ x: [1] }));
  return { model, input };
}

/** Process ids of onnxruntime processes that are children of this test process. */
function onnxChildren(): number[] {
  const out = execFileSync('ps', ['-o', 'pid=,args=', '--ppid', String(process.pid)], { encoding: 'utf8' });
  return out.split('\n').filter((l) => /onnx-worker/.test(l)).map((l) => Number(l.trim().split(/\s+/)[0]));
}

describe('a Loop without a trip count', () => {
  it('rnnlab run --timeout 1 stops it with one line and exit code 1', () => {
    const { model, input } = forever();
    const started = Date.now();
    // Killed after 25 s if it hangs (as it did before the time limit).
    const r = spawnSync(process.execPath, [BIN, 'run', model, '--input', input, '--timeout', '1'], { encoding: 'utf8', timeout: 25_000 });
    expect(r.stderr).toBe(
      'rnnlab: the ONNX run did not finish within 1 s and was stopped (a Loop without a trip count may never end); raise the limit with --timeout <seconds>\n',
    );
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(Date.now() - started).toBeLessThan(20_000);
  }, 30_000);

  it('the default limit is 60 s, shown in --help', () => {
    expect(DEFAULT_RUN_TIMEOUT_MS).toBe(60_000);
    expect(spawnCli(['run', '--help']).stdout).toMatch(/--timeout <seconds> +stop the run after this long .*\(default: 60\)/s);
  });

  it.each([['0'], ['-1'], ['soon'], ['1e9']])('--timeout %s is refused as a usage error', (value) => {
    const r = spawnCli(['run', TYPES, '--input', 'x.json', '--timeout', value]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`expected a time limit in seconds from 0\\.001 to 86400, found '${value}'`));
  });

  it('an AbortSignal cancels it at once, the process is gone, and the same runtime runs the next model', async () => {
    const runtime = new OnnxRuntime();
    runtimes.push(runtime);
    // Other runtimes of this test process (an earlier test file's shared one) may have processes of their own.
    const before = new Set(onnxChildren());
    const ours = () => onnxChildren().filter((pid) => !before.has(pid));
    const abort = new AbortController();
    const running = runOnnxModel(foreverLoopModel(), { x: [1] }, 'forever.onnx', runtime, { signal: abort.signal, timeoutMs: 600_000 });
    // Wait until the process has started; the abort then lands in the load or in the endless run, and stops either.
    for (let waited = 0; ours().length === 0 && waited < 20_000; waited += 100) await new Promise((r) => setTimeout(r, 100));
    await new Promise((r) => setTimeout(r, 1000));
    expect(ours().length).toBe(1);
    const asked = Date.now();
    abort.abort();
    await expect(running).rejects.toThrow(/^the ONNX run was cancelled$/);
    expect(Date.now() - asked).toBeLessThan(1000);
    // The kill is immediate; on a loaded machine the exit may take a moment to be seen.
    for (let waited = 0; ours().length > 0 && waited < 5000; waited += 100) await new Promise((r) => setTimeout(r, 100));
    expect(ours()).toEqual([]);
    const out = await runOnnxModel(readFileSync(TYPES), TYPES_INPUT, 'types.onnx', runtime);
    expect(out.i64_sum).toBe(6);
  }, 30_000);

  it('cancel() stops a run of a model loaded before, which then runs again after a reload', async () => {
    const runtime = new OnnxRuntime();
    runtimes.push(runtime);
    const loaded = await runtime.load(foreverLoopModel(), 'forever.onnx');
    const feeds = { x: { type: 'float32' as const, dims: [1], data: Float32Array.of(1) } };
    const first = runtime.run(loaded, feeds);
    setTimeout(() => runtime.cancel(), 500);
    await expect(first).rejects.toThrow('the ONNX run was cancelled');
    const second = runtime.run(loaded, feeds, undefined, { timeoutMs: 800 });
    await expect(second).rejects.toThrow(/did not finish within 0\.8 s and was stopped/);
  }, 30_000);
});

describe("onnxruntime's own logger", () => {
  it('prints nothing: a GRU with layout=1 gives our one line only', () => {
    const model = files.file('layout1.onnx');
    writeFileSync(model, gruLayout1Model());
    const input = files.file('layout1.json');
    writeFileSync(input, JSON.stringify({ x: [[[1, 2], [3, 4]]] }));
    const r = spawnCli(['run', model, '--input', input]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^rnnlab: onnxruntime cannot load .*layout1\.onnx: .*Batchwise recurrent operations \(layout == 1\) are not supported.*\n$/);
    expect(r.stderr.split('\n')).toHaveLength(2);
    // eslint-disable-next-line no-control-regex -- onnxruntime's colour escapes must not reach stderr
    expect(r.stderr).not.toMatch(/\x1b|\[E:onnxruntime/);
  });
});

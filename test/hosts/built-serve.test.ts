// The built CLI bundle as a host: `node bin/rnnlab.js serve` (out/cli, not the TypeScript sources) opens an example,
// trains it for a few steps in its compute process (out/cli/compute.mjs, which runs out/cli/train-worker.mjs), and
// streams the run over Server-Sent Events, all through the HTTP transport the browser uses.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Result, RunStatus, TrainingEvent } from '../../src-main/api/lab-api';
import { BIN, requireBuiltCli, ROOT } from '../cli/cli-helpers';

requireBuiltCli();
const scratch = mkdtempSync(join(tmpdir(), 'rnnlab-built-serve-'));
let child: ChildProcess;
let origin = '';
let token = '';

beforeAll(async () => {
  const renderer = join(scratch, 'renderer');
  mkdirSync(renderer);
  writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>lab</title>');
  child = spawn(process.execPath, [BIN, 'serve', '--renderer', renderer, '--root', scratch], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<URL>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`serve printed no URL: ${out}`)), 20_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /http:\/\/127\.0\.0\.1:\d+\/\?token=\S+/.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve(new URL(match[0]));
      }
    });
    child.once('exit', (code) => reject(new Error(`serve exited early with ${code}: ${out}`)));
  });
  origin = url.origin;
  token = url.searchParams.get('token') ?? '';
});
afterAll(() => {
  child?.kill('SIGINT');
  rmSync(scratch, { recursive: true, force: true });
});

async function call<T>(method: string, ...args: unknown[]): Promise<Result<T>> {
  const response = await fetch(`${origin}/api/call/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-rnnlab-token': token },
    body: JSON.stringify({ args }),
  });
  return (await response.json()) as Result<T>;
}

/** Reads the event stream in the background; `training` collects the training events. */
async function listen(): Promise<{ training: TrainingEvent[]; stop: () => Promise<void> }> {
  const response = await fetch(`${origin}/api/events?token=${token}`);
  const reader = response.body!.getReader();
  const training: TrainingEvent[] = [];
  let buffer = '';
  let stopped = false;
  void (async () => {
    while (!stopped) {
      const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
      if (done) return;
      buffer += new TextDecoder().decode(value);
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const message = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const match = /^event: training\ndata: (.*)$/s.exec(message);
        if (match) training.push(JSON.parse(match[1]) as TrainingEvent);
      }
    }
  })();
  return { training, stop: async () => void ((stopped = true), await reader.cancel()) };
}

describe('rnnlab serve from the built bundle', () => {
  it('runs its compute process from out/cli/compute.mjs, not from the sources', () => {
    for (const name of ['rnnlab.mjs', 'compute.mjs', 'train-worker.mjs', 'onnx-worker.mjs']) expect(existsSync(join(ROOT, 'out', 'cli', name)), name).toBe(true);
  });

  it('trains an example for a few steps through HTTP and streams the run', async () => {
    expect(await call('openExample', 'temporal-xor-elman')).toMatchObject({ ok: true, value: { name: 'temporal-xor-elman', spec: { arch: 'elman' } } });
    expect(await call('updateSettings', { training: { steps: 40, epochs: null } })).toMatchObject({ ok: true });
    const stream = await listen();
    const started = await call<RunStatus>('startTraining', { fresh: true });
    expect(started).toMatchObject({ ok: true });
    const computeArgs = execFileSync('ps', ['--ppid', String(child.pid), '-o', 'args='], { encoding: 'utf8' });
    expect(computeArgs).toContain(join(ROOT, 'out', 'cli', 'compute.mjs'));

    let status: Result<RunStatus> = started;
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      status = await call<RunStatus>('trainingStatus');
      if (!status.ok || ['done', 'failed', 'idle'].includes(status.value.status)) break;
      await new Promise((done) => setTimeout(done, 100));
    }
    expect(status).toMatchObject({ ok: true, value: { status: 'done', step: 40 } });
    await new Promise((done) => setTimeout(done, 300));
    await stream.stop();

    const points = stream.training.flatMap((event) => (event.type === 'metrics' ? event.points : []));
    expect(points.length).toBeGreaterThan(0);
    expect(points.every((p) => Number.isFinite(p.loss))).toBe(true);
    expect(Math.max(...points.map((p) => p.step))).toBeGreaterThanOrEqual(39);
    expect(stream.training.some((event) => event.type === 'status' && event.status.status === 'done')).toBe(true);
    const runs = await call<unknown[]>('listRuns');
    expect(runs.ok && runs.value.length).toBeGreaterThanOrEqual(1);
    expect(await call('describeProject')).toMatchObject({ ok: true, value: { unsaved: true } });
  });
});

// The kernel addon is context-aware: it loads in worker_threads while the main thread holds it too, computes the
// same numbers there, and a worker that exits does not disturb the others.
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadAddon, type KernelAddon } from '../../src-main/core/engine/native/addon';

const config = { arch: 1, input: 3, hidden: 8, layers: 2, directions: 2, output: 2, bias: true, relu: false, outAct: 1, shortcut: false, learnH0: false };
const B = 3;
const T = 5;

// Runs one LSTM forward + backward through the raw binding with deterministic inputs; returns y and the gradients.
// Written as a plain function so the worker can run its source text.
function runKernel(addonPath: string, cfg: typeof config, batch: number, steps: number): { y: number[]; dParams: number[] } {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const k = require(addonPath);
  const model = new k.Model(cfg);
  const names: string[] = model.paramNames();
  const H = cfg.hidden;
  const sizes: Record<string, number> = {};
  for (const name of names) {
    const inSize = name.includes('_l0') ? cfg.input : cfg.directions * H;
    if (name.startsWith('weight_ih')) sizes[name] = 4 * H * inSize;
    else if (name.startsWith('weight_hh')) sizes[name] = 4 * H * H;
    else if (name.startsWith('bias')) sizes[name] = 4 * H;
    else if (name === 'head.weight') sizes[name] = cfg.output * cfg.directions * H;
    else sizes[name] = cfg.output;
  }
  let seed = 1;
  const next = () => ((seed = (seed * 16807) % 2147483647) / 2147483647) - 0.5;
  const weights = names.map((n) => Float64Array.from({ length: sizes[n] }, next));
  const x = Float64Array.from({ length: batch * steps * cfg.input }, next);
  const cache = new ArrayBuffer(model.cacheBytes(batch, steps, false, 1, false, false));
  model.forward(cache, weights, x, batch, steps, null, null, null, null, false, 1);
  const y = new Float64Array(batch * steps * cfg.output);
  model.read(cache, 0, 0, y);
  const total = weights.reduce((n: number, w: Float64Array) => n + w.length, 0);
  const dParams = new Float64Array(total);
  const LD = cfg.layers * cfg.directions;
  model.backward(cache, y, null, null, null, null, dParams, new Float64Array(x.length), new Float64Array(LD * batch * H),
    new Float64Array(LD * batch * H), null, new Float64Array(cfg.layers * steps));
  return { y: Array.from(y), dParams: Array.from(dParams) };
}

function inWorker(addonPath: string): Promise<ReturnType<typeof runKernel>> {
  const source = `
    const { parentPort, workerData } = require('node:worker_threads');
    const runKernel = ${runKernel.toString()};
    parentPort.postMessage(runKernel(workerData.addonPath, workerData.config, workerData.B, workerData.T));
  `;
  return new Promise((resolve, reject) => {
    const worker = new Worker(source, { eval: true, workerData: { addonPath, config, B, T } });
    worker.once('message', resolve);
    worker.once('error', reject);
    worker.once('exit', (code) => code !== 0 && reject(new Error(`worker exited with ${code}`)));
  });
}

let addonPath: string;
let addon: KernelAddon;

beforeAll(() => {
  const load = loadAddon();
  if (!load.ok) throw new Error(`the native kernel must be built for these tests: ${load.reason}`);
  addonPath = path.resolve(load.path);
  addon = load.addon;
});

describe('kernel in worker threads', () => {
  it('loads and computes the main thread numbers in two concurrent workers', async () => {
    expect(typeof addon.Model).toBe('function');
    const main = runKernel(addonPath, config, B, T);
    const [a, b] = await Promise.all([inWorker(addonPath), inWorker(addonPath)]);
    expect(main.y.some((v) => v !== 0)).toBe(true);
    expect(a).toEqual(main);
    expect(b).toEqual(main);
  });

  it('keeps working on the main thread after workers have exited', async () => {
    await inWorker(addonPath);
    const again = runKernel(addonPath, config, B, T);
    expect(again.dParams.some((v) => v !== 0)).toBe(true);
    expect(again).toEqual(runKernel(addonPath, config, B, T));
  });
});

// The compute client over its channels: jobs by name with one-line errors, the utilityProcess adapter (a fake
// utility process in this process), death turning requests in flight into one-line errors and a `lost` notice,
// a new process on the next request, restartCompute, and evaluate's budget refusing before anything is sent.
import { EventEmitter } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import { ComputeClient } from '../../src-main/core/compute/client';
import { inProcessChannelFactory } from '../../src-main/core/compute/in-process-channel';
import { ComputeServer } from '../../src-main/core/compute/server';
import { utilityChannelFactory, type UtilityProcessLike } from '../../src-main/core/compute/utility-channel';
import { LabService } from '../../src-main/core/lab/lab-service';
import { EVALUATE_MAX_MACS } from '../../src-main/core/lab/evaluate-budget';
import { newProject } from '../../src-main/core/project/create';
import { parseModelSpec } from '../../src-main/core/spec/schema';
import { error, value } from '../lab/helpers';

const disposables: { dispose(): void }[] = [];
afterEach(() => {
  for (const d of disposables.splice(0)) d.dispose();
});

/** A fake Electron utilityProcess: postMessage reaches a ComputeServer here; kill() ends it with exit code 0... */
class FakeUtility extends EventEmitter implements UtilityProcessLike {
  static started = 0;
  readonly pid = 4242 + FakeUtility.started++;
  private readonly server = new ComputeServer((m) => setImmediate(() => this.emit('message', structuredClone(m))));
  constructor() {
    super();
    setImmediate(() => this.emit('message', { type: 'ready', pid: this.pid }));
  }
  postMessage(message: unknown): void {
    setImmediate(() => this.server.handle(structuredClone(message)));
  }
  kill(): boolean {
    this.server.dispose();
    setImmediate(() => this.emit('exit', 0));
    return true;
  }
  crash(code: number): void {
    this.server.dispose();
    this.emit('exit', code);
  }
}

const model = () => {
  const project = newProject('m', parseModelSpec({ arch: 'rnn', input_size: 1, hidden_size: 2 }));
  return { spec: project.spec, weights: project.weights };
};

describe('ComputeClient', () => {
  it('runs jobs by name in-process and answers a job error in one line', async () => {
    const client = new ComputeClient(inProcessChannelFactory);
    disposables.push(client);
    expect(await client.call('engineInfo', { engine: 'reference' })).toEqual({ name: 'reference', warning: null });
    const result = await client.call('evaluate', { model: model(), request: { x: [[[1], [2]]] }, engine: 'reference' });
    expect(result.output).toHaveLength(1);
    await expect(client.call('evaluate', { model: model(), request: { x: [[[1, 2]]] }, engine: 'reference' })).rejects.toThrow(
      'x: expected [batch][time][1] (input_size 1), found [1][1][2]',
    );
    await expect(client.call('nope' as never, {} as never)).rejects.toThrow(/^compute: no job 'nope': expected one of engineInfo, evaluate/);
  });

  it('over the utilityProcess adapter: a death rejects what is in flight, is heard once with its code, and the next call starts a new process', async () => {
    const started: FakeUtility[] = [];
    const client = new ComputeClient(utilityChannelFactory(() => {
      const p = new FakeUtility();
      started.push(p);
      return p;
    }));
    disposables.push(client);
    const lost: string[] = [];
    client.onLost((reason) => lost.push(reason));
    client.onLost(() => {
      throw new Error('a broken listener');
    });
    expect((await client.call('engineInfo', { engine: 'reference' })).name).toBe('reference');
    expect(client.pid).toBe(started[0].pid);
    const inFlight = client.call('engineInfo', { engine: 'reference' });
    // Sent (the call's promise chain has run), not yet answered (replies cross on setImmediate).
    await new Promise((resolve) => process.nextTick(resolve));
    started[0].crash(134);
    await expect(inFlight).rejects.toThrow('the compute process exited with code 134; the next request starts a new one');
    expect(lost).toEqual(['the compute process exited with code 134']);
    expect(client.pid).toBeNull();
    expect((await client.call('engineInfo', { engine: 'reference' })).name).toBe('reference');
    expect(started).toHaveLength(2);
    // A kill the host asked for is named as SIGKILL.
    await client.restart();
    expect(lost.at(-1)).toBe('the compute process was killed by SIGKILL');
    expect(started).toHaveLength(3);
  });
});

describe('LabService over a forked compute process', () => {
  it('restartCompute starts a new process and answers the engine', async () => {
    const lab = new LabService({ engine: 'reference' });
    disposables.push(lab);
    value(await lab.engineInfo());
    const before = lab.context.compute.pid;
    expect(value(await lab.restartCompute())).toEqual({ name: 'reference', warning: null });
    expect(lab.context.compute.pid).not.toBe(before);
    expect(lab.context.compute.pid).toBeGreaterThan(0);
  }, 60_000);

  it('evaluate refuses work or answers above its budget in one line that states the budget', async () => {
    const lab = new LabService({ engine: 'reference', compute: inProcessChannelFactory });
    disposables.push(lab);
    value(await lab.newProject({ spec: { arch: 'lstm', input_size: 1, hidden_size: 512 } }));
    const x = Array.from({ length: 200 }, () => Array.from({ length: 200 }, () => [0]));
    const message = error(await lab.evaluate({ x }));
    expect(message).toMatch(/^evaluate: 200 x 200 steps on this model is about [\d.]+ million multiply-adds, above the budget of 200 million: send fewer or shorter sequences$/);
    expect(EVALUATE_MAX_MACS).toBe(200_000_000);
    value(await lab.newProject({ spec: { arch: 'rnn', input_size: 1, hidden_size: 64 } }));
    const long = Array.from({ length: 20 }, () => Array.from({ length: 1000 }, () => [0]));
    expect(error(await lab.evaluate({ x: long }))).toBe(
      'evaluate: the answer would hold 1.28 million numbers, above the budget of 1 million (about 20 MB): send fewer or shorter sequences',
    );
  });
});

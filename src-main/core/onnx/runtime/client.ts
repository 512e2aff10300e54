// The main-thread side of onnxruntime: one worker thread per OnnxRuntime, requests matched to replies by id.
// `load` hashes the model bytes and creates the session once (the worker caches it); `run` feeds tensors and
// returns every output. The worker keeps the process alive only while a request is pending.
import { createHash } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import { OnnxRunError } from '../errors';
import type { SessionSettings, WireTensor, WorkerReply, WorkerRequest } from './protocol';
import { resolveOnnxWorker } from './worker-file';

export const DEFAULT_SESSION_SETTINGS: SessionSettings = { intraOpThreads: 1, interOpThreads: 1 };

type Pending = { resolve: (reply: WorkerReply) => void; reject: (error: Error) => void };
type Request = WorkerRequest extends infer R ? (R extends { id: number } ? Omit<R, 'id'> : never) : never;

export interface LoadedModel {
  key: string;
  inputNames: string[];
  outputNames: string[];
}

export class OnnxRuntime {
  private worker: Worker | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();

  constructor(private readonly settings: SessionSettings = DEFAULT_SESSION_SETTINGS) {}

  /** Creates (or finds in the worker's cache) the session of these model bytes. `what` names the model in errors. */
  async load(bytes: Uint8Array, what = 'the model'): Promise<LoadedModel> {
    const key = createHash('sha256').update(bytes).digest('hex');
    const copy = Uint8Array.from(bytes); // transferred to the worker, so the caller keeps its own bytes
    const reply = await this.request({ op: 'load', key, bytes: copy, settings: this.settings }, [copy.buffer]);
    if (!reply.ok) throw new OnnxRunError(`onnxruntime cannot load ${what}: ${reply.message}`);
    return { key, inputNames: reply.names!.inputs, outputNames: reply.names!.outputs };
  }

  /** Runs a loaded model; every output (or the named ones) comes back. */
  async run(model: LoadedModel, feeds: Record<string, WireTensor>, outputs?: string[]): Promise<Record<string, WireTensor>> {
    const transfer = Object.values(feeds).map((t) => t.data.slice());
    const copied = Object.fromEntries(Object.entries(feeds).map(([name, t], i) => [name, { ...t, data: transfer[i] }]));
    const reply = await this.request({ op: 'run', key: model.key, feeds: copied, outputs }, transfer.map((d) => d.buffer as ArrayBuffer));
    if (!reply.ok) throw new OnnxRunError(`onnxruntime cannot run the model: ${reply.message}`);
    return reply.outputs!;
  }

  /** Times `repeat` runs inside the worker (after `warmup`), milliseconds each: for benchmarks. */
  async time(model: LoadedModel, feeds: Record<string, WireTensor>, warmup: number, repeat: number): Promise<number[]> {
    const reply = await this.request({ op: 'time', key: model.key, feeds, warmup, repeat });
    if (!reply.ok) throw new OnnxRunError(`onnxruntime cannot run the model: ${reply.message}`);
    return reply.timesMs!;
  }

  async release(model: LoadedModel): Promise<void> {
    await this.request({ op: 'release', key: model.key });
  }

  /** Stops the worker; pending requests fail. */
  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    if (worker) await worker.terminate();
  }

  private async start(): Promise<Worker> {
    if (this.worker) return this.worker;
    const worker = new Worker(await resolveOnnxWorker());
    worker.on('message', (reply: WorkerReply) => {
      const waiting = this.pending.get(reply.id);
      this.pending.delete(reply.id);
      if (this.pending.size === 0) worker.unref();
      waiting?.resolve(reply);
    });
    const failAll = (error: Error) => {
      if (this.worker === worker) this.worker = null;
      for (const waiting of this.pending.values()) waiting.reject(error);
      this.pending.clear();
    };
    worker.on('error', (error) => failAll(new OnnxRunError(`onnxruntime worker failed: ${error.message.split('\n')[0]}`)));
    worker.on('exit', (code) => failAll(new OnnxRunError(`onnxruntime worker exited (code ${code}) before it replied`)));
    worker.unref();
    this.worker = worker;
    return worker;
  }

  private async request(message: Request, transfer: ArrayBuffer[] = []): Promise<WorkerReply> {
    const worker = await this.start();
    const id = this.nextId++;
    return new Promise<WorkerReply>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.ref();
      worker.postMessage({ ...message, id } as WorkerRequest, transfer);
    });
  }
}

let shared: OnnxRuntime | null = null;

/** One runtime for the whole process (CLI commands, export checks), with the default thread settings. */
export function sharedOnnxRuntime(): OnnxRuntime {
  shared ??= new OnnxRuntime();
  return shared;
}

// The calling side of onnxruntime: one child process per OnnxRuntime (a process, not a worker thread: a run stuck
// in native code, such as an ONNX Loop without a trip count, cannot be stopped inside a thread, but a process can
// be killed). Requests are matched to replies by id; runs have a time limit and can be cancelled.
import { fork, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { OnnxRunError } from '../errors';
import type { SessionSettings, WireTensor, WorkerReply, WorkerRequest } from './protocol';
import { resolveOnnxWorker } from './worker-file';

export const DEFAULT_SESSION_SETTINGS: SessionSettings = { intraOpThreads: 1, interOpThreads: 1 };
/** How long one run may take unless the caller says otherwise (`rnnlab run --timeout`). */
export const DEFAULT_RUN_TIMEOUT_MS = 60_000;
/** Model bytes kept to load a model again after the process was restarted (as many as the worker caches). */
const KEPT_MODELS = 8;
const CANCELLED = 'the ONNX run was cancelled';
/** onnxruntime's own failures (load, run, its process): one code, the English sentence says which. */
const RUN_FAILED = { code: 'onnx-run-failed', params: {} } as const;
const cancelled = () => new OnnxRunError(CANCELLED, { code: 'onnx-cancelled', params: {} });

type Pending = { resolve: (reply: WorkerReply) => void; reject: (error: Error) => void };
type Request = WorkerRequest extends infer R ? (R extends { id: number } ? Omit<R, 'id'> : never) : never;

export interface LoadedModel {
  key: string;
  inputNames: string[];
  outputNames: string[];
}

export interface RunLimits {
  /** Milliseconds before the run is stopped with a one-line error; DEFAULT_RUN_TIMEOUT_MS when not given. */
  timeoutMs?: number;
  /** Aborting stops the run (the process is killed) and the promise rejects with "cancelled". */
  signal?: AbortSignal;
  /** Added to the time-limit message, e.g. "raise it with --timeout <seconds>". */
  timeoutHint?: string;
}

export class OnnxRuntime {
  private child: ChildProcess | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  /** Models loaded in the current process, and the bytes of recent ones to load them again after a restart. */
  private readonly inProcess = new Set<string>();
  private readonly bytesOf = new Map<string, Uint8Array>();
  /** Counts stops, so a request that was still waiting for the process to start is not sent after a cancel. */
  private generation = 0;

  constructor(private readonly settings: SessionSettings = DEFAULT_SESSION_SETTINGS) {}

  /** Creates (or finds in the process's cache) the session of these model bytes. `what` names the model in errors. */
  async load(bytes: Uint8Array, what = 'the model', signal?: AbortSignal): Promise<LoadedModel> {
    if (signal?.aborted) throw cancelled();
    const key = createHash('sha256').update(bytes).digest('hex');
    const send = () => this.request({ op: 'load', key, bytes, settings: this.settings });
    // An abort stops a load too (a huge model); the time limit covers runs only.
    const reply = await (signal ? this.limited(send, { signal, timeoutMs: null }) : send());
    if (!reply.ok) throw new OnnxRunError(`onnxruntime cannot load ${what}: ${reply.message}`, RUN_FAILED);
    this.keep(key, bytes);
    return { key, inputNames: reply.names!.inputs, outputNames: reply.names!.outputs };
  }

  /** Runs a loaded model within a time limit; every output (or the named ones) comes back. */
  async run(model: LoadedModel, feeds: Record<string, WireTensor>, outputs?: string[], limits: RunLimits = {}): Promise<Record<string, WireTensor>> {
    if (limits.signal?.aborted) throw cancelled();
    await this.ensureLoaded(model);
    const reply = await this.limited(() => this.request({ op: 'run', key: model.key, feeds, outputs }), limits);
    if (!reply.ok) throw new OnnxRunError(`onnxruntime cannot run the model: ${reply.message}`, RUN_FAILED);
    return reply.outputs!;
  }

  /** Times `repeat` runs inside the process (after `warmup`), milliseconds each: for benchmarks. */
  async time(model: LoadedModel, feeds: Record<string, WireTensor>, warmup: number, repeat: number): Promise<number[]> {
    await this.ensureLoaded(model);
    const reply = await this.request({ op: 'time', key: model.key, feeds, warmup, repeat });
    if (!reply.ok) throw new OnnxRunError(`onnxruntime cannot run the model: ${reply.message}`, RUN_FAILED);
    return reply.timesMs!;
  }

  async release(model: LoadedModel): Promise<void> {
    this.bytesOf.delete(model.key);
    if (this.inProcess.delete(model.key)) await this.request({ op: 'release', key: model.key });
  }

  /**
   * Stops whatever is running now (the process is killed, so even a run stuck in native code ends at once); its
   * callers get "the ONNX run was cancelled". Loaded models stay usable: the next run starts a new process.
   */
  cancel(reason = CANCELLED): void {
    this.stop(reason === CANCELLED ? cancelled() : new OnnxRunError(reason, RUN_FAILED));
  }

  /** Stops the process; pending requests fail. */
  async close(): Promise<void> {
    this.stop(new OnnxRunError('the onnxruntime process was closed before it replied', RUN_FAILED));
  }

  private stop(error: Error): void {
    this.generation++;
    const child = this.child;
    this.child = null;
    this.inProcess.clear();
    this.failAll(error);
    child?.kill('SIGKILL');
  }

  private failAll(error: Error): void {
    for (const waiting of this.pending.values()) waiting.reject(error);
    this.pending.clear();
  }

  private keep(key: string, bytes: Uint8Array): void {
    this.inProcess.add(key);
    this.bytesOf.delete(key);
    this.bytesOf.set(key, bytes);
    for (const old of this.bytesOf.keys()) if (this.bytesOf.size > KEPT_MODELS) this.bytesOf.delete(old);
  }

  /** After a cancel or a time limit the process is new: load the model again from its kept bytes. */
  private async ensureLoaded(model: LoadedModel): Promise<void> {
    if (this.inProcess.has(model.key)) return;
    const bytes = this.bytesOf.get(model.key);
    if (!bytes) throw new OnnxRunError('onnxruntime cannot run the model: it was released; load it again', RUN_FAILED);
    await this.load(bytes);
  }

  /** Sends the request; a time limit or an abort rejects at once and kills the process (which stops the run). */
  private limited(send: () => Promise<WorkerReply>, limits: Omit<RunLimits, 'timeoutMs'> & { timeoutMs?: number | null }): Promise<WorkerReply> {
    const ms = limits.timeoutMs === undefined ? DEFAULT_RUN_TIMEOUT_MS : limits.timeoutMs;
    const signal = limits.signal;
    return new Promise<WorkerReply>((resolve, reject) => {
      const done = () => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
      };
      const fail = (error: OnnxRunError) => {
        done();
        reject(error);
        this.stop(error);
      };
      const onAbort = () => fail(cancelled());
      const hint = limits.timeoutHint ? `; ${limits.timeoutHint}` : '';
      const timer = ms === null ? undefined : setTimeout(() => fail(new OnnxRunError(`the ONNX run did not finish within ${ms / 1000} s and was stopped (a Loop without a trip count may never end)${hint}`, { code: 'onnx-time-limit', params: { seconds: ms / 1000 } })), ms);
      signal?.addEventListener('abort', onAbort, { once: true });
      send().then(
        (reply) => (done(), resolve(reply)),
        (error: unknown) => (done(), reject(error)),
      );
    });
  }

  private async start(): Promise<ChildProcess> {
    if (this.child) return this.child;
    const script = await resolveOnnxWorker();
    if (this.child) return this.child;
    // ELECTRON_RUN_AS_NODE: in the desktop app process.execPath is Electron, which must run the script as Node.
    const child = fork(script, [], {
      serialization: 'advanced',
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
    });
    // onnxruntime's own logger writes here (coloured, multi-line); errors reach us as replies instead.
    let lastError = '';
    child.stderr?.on('data', (chunk: Buffer) => void (lastError = (lastError + chunk.toString()).slice(-2000)));
    child.on('message', (reply: WorkerReply) => {
      const waiting = this.pending.get(reply.id);
      this.pending.delete(reply.id);
      if (this.pending.size === 0) this.idle(child);
      waiting?.resolve(reply);
    });
    child.on('exit', (code, signal) => {
      if (this.child !== child) return;
      this.child = null;
      this.inProcess.clear();
      const last = lastError.trim().split('\n').pop()?.slice(0, 200) ?? '';
      this.failAll(new OnnxRunError(`onnxruntime process exited (${signal ?? `code ${code}`}) before it replied${last ? `: ${last}` : ''}`, RUN_FAILED));
    });
    child.on('error', (error) => this.stop(new OnnxRunError(`onnxruntime process failed: ${error.message.split('\n')[0]}`, RUN_FAILED)));
    this.idle(child);
    this.child = child;
    return child;
  }

  /** An idle process does not keep the host alive; a pending request does. */
  private idle(child: ChildProcess): void {
    child.unref();
    (child.channel as unknown as { unref?: () => void } | undefined)?.unref?.();
    (child.stderr as unknown as { unref?: () => void } | null)?.unref?.();
  }

  private busy(child: ChildProcess): void {
    child.ref();
    (child.channel as unknown as { ref?: () => void } | undefined)?.ref?.();
  }

  private async request(message: Request): Promise<WorkerReply> {
    const generation = this.generation;
    const child = await this.start();
    if (generation !== this.generation) throw cancelled();
    const id = this.nextId++;
    return new Promise<WorkerReply>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.busy(child);
      child.send({ ...message, id } as WorkerRequest, (error) => {
        if (error && this.pending.delete(id)) reject(new OnnxRunError(`onnxruntime process did not take the request: ${error.message}`, RUN_FAILED));
      });
    });
  }
}

let shared: OnnxRuntime | null = null;

/** One runtime for the whole process (CLI commands, export checks), with the default thread settings. */
export function sharedOnnxRuntime(): OnnxRuntime {
  shared ??= new OnnxRuntime();
  return shared;
}

// The onnxruntime process (started by client.ts with fork): creates InferenceSessions and runs them off the host's
// thread (onnxruntime-node's create and run block their thread). Sessions are cached by the client's key (a hash of
// the model bytes) so a model loaded once runs many times; the oldest are released beyond SESSION_CACHE_SIZE.
import * as ort from 'onnxruntime-node';
import { oneLineMessage } from './messages';
import type { WireTensor, WorkerReply, WorkerRequest } from './protocol';

const SESSION_CACHE_SIZE = 8;
// onnxruntime's own logger prints coloured multi-line warnings and errors before ours; every error reaches the user
// as one line through the reply instead, so it logs nothing but fatal (process-wide here, and per session below).
ort.env.logLevel = 'fatal';
const sessions = new Map<string, ort.InferenceSession>();

function toOrt(t: WireTensor): ort.Tensor {
  return new ort.Tensor(t.type, t.data as never, t.dims);
}

function fromOrt(t: ort.Tensor): WireTensor {
  const type = t.type as WireTensor['type'];
  if (!['float32', 'float64', 'int32', 'int64', 'bool'].includes(type)) {
    throw new Error(`output element type ${t.type} is not supported (float32, float64, int32, int64, bool)`);
  }
  const data = t.data as WireTensor['data'];
  return { type, dims: [...t.dims], data: type === 'bool' ? Uint8Array.from(data as Uint8Array) : data.slice() };
}

/** Wall time of each of `repeat` runs after `warmup` untimed ones, measured here so no message passing is counted. */
async function timeRuns(session: ort.InferenceSession, feeds: Record<string, ort.Tensor>, warmup: number, repeat: number): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await session.run(feeds);
  const times: number[] = [];
  for (let i = 0; i < repeat; i++) {
    const start = performance.now();
    await session.run(feeds);
    times.push(performance.now() - start);
  }
  return times;
}

async function handle(request: WorkerRequest): Promise<WorkerReply> {
  const { id } = request;
  if (request.op === 'release') {
    await sessions.get(request.key)?.release();
    sessions.delete(request.key);
    return { id, ok: true };
  }
  if (request.op === 'load') {
    let session = sessions.get(request.key);
    if (!session) {
      try {
        session = await ort.InferenceSession.create(request.bytes, {
          intraOpNumThreads: request.settings.intraOpThreads,
          interOpNumThreads: request.settings.interOpThreads,
          executionMode: 'sequential',
          logSeverityLevel: 4,
        });
      } catch (error) {
        return { id, ok: false, stage: 'load', message: oneLineMessage(error) };
      }
      sessions.set(request.key, session);
      for (const [key, old] of sessions) {
        if (sessions.size <= SESSION_CACHE_SIZE) break;
        sessions.delete(key);
        await old.release();
      }
    }
    return { id, ok: true, names: { inputs: [...session.inputNames], outputs: [...session.outputNames] } };
  }
  const session = sessions.get(request.key);
  if (!session) return { id, ok: false, stage: 'cache', message: 'the model is not loaded in the worker' };
  try {
    const feeds: Record<string, ort.Tensor> = {};
    for (const [name, t] of Object.entries(request.feeds)) feeds[name] = toOrt(t);
    if (request.op === 'time') return { id, ok: true, timesMs: await timeRuns(session, feeds, request.warmup, request.repeat) };
    const results = await session.run(feeds, request.outputs ?? session.outputNames, { logSeverityLevel: 4 });
    const outputs: Record<string, WireTensor> = {};
    for (const [name, t] of Object.entries(results)) outputs[name] = fromOrt(t);
    return { id, ok: true, outputs };
  } catch (error) {
    return { id, ok: false, stage: 'run', message: oneLineMessage(error) };
  }
}

process.on('message', (request: WorkerRequest) => {
  void handle(request).then((reply) => process.send!(reply));
});
// The client died without closing us (killed): do not linger as an orphan.
process.on('disconnect', () => process.exit(0));

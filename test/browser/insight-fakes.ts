// Synthetic answers for the insight pages' view test: a lab whose trajectories, inspect, ONNX and run history are made
// up here (sizes chosen to stress the views: a 200-step probe over 50 snapshots, a bidirectional LSTM with gates),
// while every other method is the real service's. Only for checking the views (layout, accessibility, language,
// long tasks); the real story runs against the real lab in insight.test.ts.
import type {
  InspectRequest, InspectView, LabCoreApi, OnnxModelView, OnnxRunRequest, Result, RunDetail, StepPoint, TrajectoryRequest, TrajectoryView,
} from '../../src-main/api/lab-api';

const ok = <T>(value: T): Promise<Result<T>> => Promise.resolve({ ok: true, value });
export const SNAPSHOTS = Array.from({ length: 50 }, (_, i) => (i + 1) * 20);
const H = 6;
const D = 2;

/** Deterministic pseudo-noise in [-1, 1]. */
const noise = (a: number, b: number, c = 0): number => Math.sin(a * 12.9898 + b * 78.233 + c * 37.719) * 0.5;

function probeTexts(request: TrajectoryRequest): string[] {
  const given = request.probes?.filter((p): p is string => typeof p === 'string');
  if (given?.length) return given;
  return ['0'.repeat(200), '1101', '1000', '0110', '10001', '111', '0001', '1011'];
}

/** Accepted strings (no '000') drift to (2, 1, 0.5), rejected ones to (-2, -1, -0.5); earlier snapshots are blurrier. */
export function fakeTrajectories(request: TrajectoryRequest): TrajectoryView {
  const texts = probeTexts(request);
  const step = request.snapshotStep ?? 1000;
  const sharp = Math.min(1, step / 1000);
  const labels = texts.map((s) => (s.includes('000') ? 0 : 1));
  const path = (p: number, dims: number) => Array.from(texts[p], (_, t) => {
    const sign = labels[p] === 1 ? 1 : -1;
    const pull = sharp * (1 - Math.exp(-(t + 1) / 3));
    return [2 * sign * pull + noise(p, t), sign * pull + noise(p, t, 1), 0.5 * sign * pull + noise(p, t, 2)].slice(0, dims);
  });
  const states = texts.map((s, p) => Array.from(s, (_, t) => Array.from({ length: D * H }, (_, u) => Math.tanh(noise(p, t, u) * 3))));
  const gate = (k: number) => texts.map((s, p) => Array.from(s, (_, t) => Array.from({ length: D * H }, (_, u) => 0.5 + 0.5 * Math.sin(p + t * 0.3 + u + k))));
  return {
    step, layer: 0, layers: 1, directions: D, hiddenSize: H,
    probes: texts.map((text, p) => ({ text, length: text.length, symbols: [...text], label: labels[p], outputs: null })),
    projection2d: texts.map((_, p) => path(p, 2)),
    projection3d: texts.map((_, p) => path(p, 3)),
    explainedVarianceRatio: [0.71, 0.18, 0.06],
    basisStep: request.basisStep ?? step,
    states: [states],
    cellStates: [states.map((m) => m.map((row) => row.map((v) => v * 2)))],
    gates: [{ i: gate(0), f: gate(1), g: gate(2).map((m) => m.map((r) => r.map((v) => 2 * v - 1))), o: gate(3) }],
  };
}

export function fakeInspect(request: InspectRequest): InspectView {
  const text = typeof request.input === 'string' ? request.input : '0101';
  const withTarget = request.target !== undefined;
  const steps = [...text].map((symbol, t) => {
    const p = text.slice(0, t + 1).includes('000') ? 0.08 : 0.93;
    return {
      t: t + 1, symbol, input: symbol === '1' ? [0, 1] : [1, 0],
      hidden: [Array.from({ length: D * H }, (_, u) => Math.tanh(noise(t, u)))],
      cell: [Array.from({ length: D * H }, (_, u) => noise(t, u, 3) * 2)],
      gates: [{ i: Array.from({ length: D * H }, (_, u) => 0.5 + noise(t, u, 4)), f: Array.from({ length: D * H }, () => 0.9) }],
      output: [p],
      decoded: p >= 0.5 ? [{ symbol: 'accept', p }, { symbol: 'reject', p: 1 - p }] : [{ symbol: 'reject', p: 1 - p }, { symbol: 'accept', p }],
      loss: withTarget ? 0.1 * (t + 1) : null,
      gradNorm: withTarget ? 0.5 ** (text.length - t) : null,
    };
  });
  const last = steps.at(-1)!.output[0];
  return { steps, verdict: { accept: last >= 0.5, p: last >= 0.5 ? last : 1 - last }, loss: withTarget ? 0.3 : null };
}

function point(step: number, loss: number, bound: number | null): StepPoint {
  return {
    step, epoch: 0, span: 1, loss, lossMin: loss, lossMax: loss, lr: 0.02, gradNorm: loss * 3, gradNormMax: loss * 3,
    paramGradNorms: {}, paramWeightNorms: {}, timestepGradNorms: [], layerTimestepGradNorms: null,
    spectral: bound === null ? null : { weight_hh: { sigmaMax: bound, bound } }, action: 'applied', validation: null,
  };
}

export function fakeRuns(): RunDetail[] {
  return [0.02, 0.005].map((lr, r) => ({
    id: `run-${r + 1}`, startedAt: `2026-12-02T1${r}:00:00Z`, endedAt: `2026-12-02T1${r}:05:00Z`,
    settings: { training: { lr, batch_size: 16, clip: { mode: r ? 'norm' : 'none' } }, spec: { arch: 'gated' } },
    changes: r ? ['training.lr: 0.02 -> 0.005', 'training.clip.mode: none -> norm'] : [], steps: 1000, stoppedBecause: null,
    finalTrain: { loss: 0.05 + r * 0.1 }, finalValidation: null, finalTest: null, alertCounts: r ? {} : { exploding: 2 },
    points: Array.from({ length: 100 }, (_, i) => point((i + 1) * 10, Math.exp(-i / (20 + 30 * r)), i % 10 === 0 ? 1.4 - i / (150 + 100 * r) : null)),
    alerts: [], evaluations: [], snapshotSteps: SNAPSHOTS,
  }));
}

const onnxModel: OnnxModelView = {
  modelId: 'm1', fileName: 'tomita4-gated.onnx', bytes: 4321, irVersion: 8, opset: 17, producer: 'rnnlab',
  metadata: { arch: 'gated' },
  inputs: [{ name: 'input', type: 'tensor(float)', shape: ['batch', 'seq', 2] }],
  outputs: [{ name: 'output', type: 'tensor(float)', shape: ['batch', 'seq', 1] }],
  nodes: [{ name: 'loop', opType: 'Loop', inputs: ['input'], outputs: ['output'] }, { name: 'sig', opType: 'Sigmoid', inputs: ['z'], outputs: ['output'] }],
  importable: { ok: false, reason: 'the graph has a Loop over second-order matrices, which RNN Lab does not import' },
};

/** The real service with the insight methods answered by the fakes above. */
export function withFakeInsight(real: LabCoreApi): LabCoreApi {
  const runs = fakeRuns();
  const overrides: Partial<LabCoreApi> = {
    trajectories: (request) => ok(fakeTrajectories(request)),
    inspect: (request) => ok(fakeInspect(request)),
    listRuns: () => ok(runs.map(({ points: _p, alerts: _a, evaluations: _e, snapshotSteps: _s, ...record }) => record)),
    getRun: (id) => {
      const run = runs.find((r) => r.id === id);
      return run ? ok(run) : Promise.resolve({ ok: false, error: `no run ${id}` });
    },
    exportOnnx: () => ok({ opset: 17, bytes: 4321, nodes: 2, worstDifference: [{ output: 'output', absolute: 2e-7, relative: 1e-6 }], path: null, modelId: 'm1' }),
    onnxBytes: () => ok({ fileName: 'tomita4-gated.onnx', base64: Buffer.from('fake onnx').toString('base64') }),
    openOnnxBytes: () => ok(onnxModel),
    runOnnx: (request: OnnxRunRequest) => {
      const x = request.inputs.input as number[][][];
      return ok({ outputs: [{ name: 'output', type: 'tensor(float)', shape: [x.length, x[0].length, 1], data: x.map((b) => b.map((s) => [1 / (1 + Math.exp(-s[0]))])) }], milliseconds: 1.7 });
    },
  };
  return new Proxy(real, {
    get(target, key, receiver) {
      if (typeof key === 'string' && key in overrides) return overrides[key as keyof LabCoreApi];
      const value: unknown = Reflect.get(target, key, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

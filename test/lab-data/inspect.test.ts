// What a network learned, through LabService: trajectories of a trained Tomita-4 gated network separate accepted
// from rejected strings, a PCA basis held fixed at a saved snapshot, inspection agreeing with evaluate, gates that
// recompose the engine's own states (LSTM, GRU, bidirectional, stacked), text sampling, series prediction, errors.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Result } from '../../src-main/api/lab-api';
import { inProcessChannelFactory } from '../../src-main/core/compute/in-process-channel';
import { referenceEngine } from '../../src-main/core/engine/reference/index';
import { withWeightSnapshot } from '../../src-main/core/inspect/snapshots';
import { LabService } from '../../src-main/core/lab/lab-service';
import { newProject } from '../../src-main/core/project/index';
import type { Project } from '../../src-main/core/project/types';
import { Random } from '../../src-main/core/random';
import { parseModelSpec } from '../../src-main/core/spec/schema';
import { getTask } from '../../src-main/core/tasks/index';
import { tomitaAccepts, tomitaLanguage } from '../../src-main/core/tasks/tomita/languages';
import { cloneWeights } from '../../src-main/core/tensor';
import { evaluateSplit, Trainer } from '../../src-main/core/train/loop';
import { parseTrainingSettings } from '../../src-main/core/train/settings';

const lab = new LabService({ compute: inProcessChannelFactory, engine: 'reference' });
afterAll(() => lab.dispose());

function value<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`expected ok, found error: ${result.error}`);
  return result.value;
}
function error(result: Result<unknown>): string {
  expect(result.ok).toBe(false);
  const message = (result as { error: string }).error;
  expect(message).not.toContain('\n');
  expect(message).not.toMatch(/internal error/);
  return message;
}

function project(spec: Record<string, unknown>, task: { id: string; params?: Record<string, unknown> } | null = null): Project {
  const p = newProject('p', parseModelSpec(spec));
  if (task) p.task = { id: task.id, params: getTask(task.id).parseParams(task.params ?? {}), seed: 0 };
  return p;
}
const open = (p: Project) => lab.context.workspace.replace(p, null, true);

const TRAIN_STEPS = 400;
let trained: Project;
let initial: Project;

beforeAll(() => {
  // Tomita 4 (no "000"), the gated example's settings, trained in-process for a few hundred steps.
  initial = project({ arch: 'gated', input_size: 2, hidden_size: 8, output_size: 1, output_activation: 'sigmoid' }, { id: 'tomita', params: { grammar: 4 } });
  const task = getTask('tomita');
  const data = task.generate(initial.task!.params, 0);
  const model = { spec: initial.spec, weights: cloneWeights(initial.weights) };
  const settings = parseTrainingSettings({ optimizer: 'adam', lr: 0.02, batch_size: 16, steps: TRAIN_STEPS });
  const trainer = new Trainer({ engine: referenceEngine, model, task, data, settings });
  while (!trainer.finished) trainer.trainStep();
  expect(evaluateSplit(referenceEngine, model, task, data, 'validation').metrics.primary.value).toBeGreaterThan(0.95);
  let history = withWeightSnapshot(null, 0, initial.weights);
  history = withWeightSnapshot(history, TRAIN_STEPS, model.weights);
  trained = { ...initial, weights: model.weights, history, training: { checkpoint: null } };
}, 120_000);

describe('trajectories', () => {
  it('default probes hold accepted and rejected strings; the trained states separate them', async () => {
    open(trained);
    const view = value(await lab.trajectories({}));
    expect(view).toMatchObject({ layer: 0, layers: 1, directions: 1, hiddenSize: 8, cellStates: null, gates: null });
    const labels = view.probes.map((p) => p.label);
    expect(labels).toContain(1);
    expect(labels).toContain(0);
    for (const p of view.probes) expect(p.label).toBe(tomitaAccepts(tomitaLanguage(4), p.text!) ? 1 : 0);

    // 40 typed probes: the final 2-D points of accepted and rejected strings fall on their own sides.
    const random = new Random(7);
    const probes = Array.from({ length: 40 }, () => Array.from({ length: 4 + Math.floor(random.next() * 9) }, () => (random.next() < 0.6 ? '0' : '1')).join(''));
    const typed = value(await lab.trajectories({ probes }));
    expect(typed.probes.map((p) => p.text)).toEqual(probes);
    const finals = typed.projection2d.map((points) => points.at(-1)!);
    const label = typed.probes.map((p) => p.label!);
    expect(new Set(label)).toEqual(new Set([0, 1]));
    const centroid = (l: number) => [0, 1].map((c) => finals.filter((_, i) => label[i] === l).reduce((s, p) => s + p[c], 0) / label.filter((x) => x === l).length);
    const [a, r] = [centroid(1), centroid(0)];
    const nearest = finals.map((p) => (Math.hypot(p[0] - a[0], p[1] - a[1]) < Math.hypot(p[0] - r[0], p[1] - r[1]) ? 1 : 0));
    const agree = nearest.filter((n, i) => n === label[i]).length / label.length;
    expect(agree).toBeGreaterThanOrEqual(0.9);
    expect(typed.explainedVarianceRatio[0]).toBeGreaterThan(0.3);
    expect(typed.explainedVarianceRatio.reduce((s, v) => s + v, 0)).toBeLessThanOrEqual(1 + 1e-9);
    expect(typed.states[0][0]).toHaveLength(probes[0].length);
  });

  it('replays saved snapshots on a basis held fixed at one step', async () => {
    open(trained);
    const probes = ['0000', '0101', '1100', '0110'];
    const now = value(await lab.trajectories({ probes }));
    const fixed = value(await lab.trajectories({ probes, snapshotStep: TRAIN_STEPS, basisStep: TRAIN_STEPS }));
    // Snapshots keep float32 weights: the same trajectories as the current float64 weights, to float32 precision.
    const gap = (a: number[][][], b: number[][][]) => Math.max(...a.flat(2).map((v, i) => Math.abs(v - b.flat(2)[i])));
    expect(gap(fixed.projection3d, now.projection3d)).toBeLessThan(1e-5);
    const early = value(await lab.trajectories({ probes, snapshotStep: 0, basisStep: TRAIN_STEPS }));
    expect(early).toMatchObject({ step: 0, basisStep: TRAIN_STEPS });
    early.explainedVarianceRatio.forEach((v, i) => expect(v).toBeCloseTo(now.explainedVarianceRatio[i], 5));
    expect(gap(early.projection2d, now.projection2d)).toBeGreaterThan(0.1);
    const ownBasis = value(await lab.trajectories({ probes, snapshotStep: 0 }));
    expect(ownBasis.basisStep).toBe(0);
    expect(error(await lab.trajectories({ snapshotStep: 3 }))).toBe(`no snapshot at step 3: saved steps are 0, ${TRAIN_STEPS}`);
  });

  it('answers one line for bad probes', async () => {
    open(trained);
    expect(error(await lab.trajectories({ probes: ['01a'] }))).toBe("probe 1: 'a' at position 3 is not in the alphabet 01");
    expect(error(await lab.trajectories({ probes: [[[1, 0, 0]]] }))).toBe('probe 1: row 1: expected 2 numbers, found 3');
    expect(error(await lab.trajectories({ layer: 1 }))).toBe('layer: expected a layer from 0 to 0, found 1');
    expect(error(await lab.trajectories({ probes: [] }))).toMatch(/^trajectories: probes: expected at least one probe/);
    expect(error(await lab.trajectories({ probes: ['0'] }))).toBe('expected probes with at least 2 steps in all for a PCA, found 1');
    expect(error(await lab.trajectories({ probes: ['1'.repeat(1001)] }))).toMatch(/^trajectories: probes\.0: /);
  });
});

describe('inspect', () => {
  it('agrees with evaluate, decodes a verdict, and scores a target', async () => {
    open(trained);
    const text = '0110100';
    const view = value(await lab.inspect({ input: text, target: 'accept' }));
    const x = [[...text].map((c) => (c === '0' ? [1, 0] : [0, 1]))];
    const y = value(await lab.evaluate({ x })).y![0];
    view.steps.forEach((s, t) => {
      expect(s.symbol).toBe(text[t]);
      expect(s.output![0]).toBeCloseTo(y[t][0], 12);
      expect(s.decoded!.map((d) => d.symbol).sort()).toEqual(['accept', 'reject']);
      expect(s.gradNorm).toBeGreaterThan(0);
    });
    const p = y.at(-1)![0];
    expect(view.verdict).toEqual({ accept: p > 0.5, p });
    expect(view.verdict!.accept).toBe(true); // no "000": in the language
    expect(view.loss).toBeCloseTo(-Math.log(p), 10);
    expect(view.steps.at(-1)!.loss).toBeCloseTo(-Math.log(p), 10);
    expect(view.steps[0].loss).toBeNull();
    // The gradient reaching early states is smaller than at the end (a trained contractive network).
    const rejected = value(await lab.inspect({ input: '1000', target: 'reject' }));
    expect(rejected.verdict!.accept).toBe(false);
    expect(error(await lab.inspect({ input: '01', target: 'maybe' }))).toBe('target: expected \'accept\' or \'reject\' (or 1 / 0), found "maybe"');
    expect(error(await lab.inspect({ input: '' }))).toMatch(/^inspect: input: /);
    expect(error(await lab.inspect({}))).toMatch(/^inspect: input: /);
  });

  it.each([
    ['lstm', { arch: 'lstm', num_layers: 2, bidirectional: true }],
    ['gru', { arch: 'gru', num_layers: 2, bidirectional: true }],
  ])('%s gates recompose the engine\'s states, every layer and direction', async (arch, extra) => {
    open(project({ input_size: 3, hidden_size: 4, output_size: 3, output_activation: 'softmax', ...extra }, { id: 'anbn' }));
    const view = value(await lab.inspect({ input: 'Saabb', target: 'aabbT' }));
    const H = 4;
    for (let l = 0; l < 2; l++) {
      for (let d = 0; d < 2; d++) {
        const order = d === 0 ? [0, 1, 2, 3, 4] : [4, 3, 2, 1, 0];
        let hPrev = new Array(H).fill(0);
        let cPrev = new Array(H).fill(0);
        for (const t of order) {
          const s = view.steps[t];
          const g = s.gates![l];
          for (let j = 0; j < H; j++) {
            const k = d * H + j;
            if (arch === 'lstm') {
              const c = g.f[k] * cPrev[j] + g.i[k] * g.g[k];
              expect(s.cell![l][k]).toBeCloseTo(c, 12);
              expect(s.hidden[l][k]).toBeCloseTo(g.o[k] * Math.tanh(c), 12);
            } else {
              expect(s.hidden[l][k]).toBeCloseTo((1 - g.z[k]) * g.n[k] + g.z[k] * hPrev[j], 12);
            }
          }
          hPrev = s.hidden[l].slice(d * H, (d + 1) * H);
          cPrev = s.cell ? s.cell[l].slice(d * H, (d + 1) * H) : cPrev;
        }
      }
    }
    expect(view.steps[0].decoded!.map((d) => d.symbol).sort()).toEqual(['T', 'a', 'b']);
    expect(view.steps[0].decoded!.reduce((s, d) => s + d.p, 0)).toBeCloseTo(1, 12);
    expect(view.loss).toBeGreaterThan(0);
    const traj = value(await lab.trajectories({ probes: ['Sab', 'Saabb'] }));
    expect(traj.gates).toHaveLength(2);
    expect(Object.keys(traj.gates![0]).sort()).toEqual(arch === 'lstm' ? ['f', 'g', 'i', 'o'] : ['n', 'r', 'z']);
    expect(traj.states[1][1][4]).toHaveLength(8);
    expect(error(await lab.inspect({ input: 'Sab', target: 'ab' }))).toBe('target: expected 3 symbols (one per input step), found 2');
  });
});

describe('sampleText and predictSeries', () => {
  it('samples text from a character model', async () => {
    open(project({ arch: 'rnn', input_size: 3, hidden_size: 6, output_size: 3, output_activation: 'softmax' }, { id: 'text', params: { text: 'abcab'.repeat(200), window: 10 } }));
    const text = value(await lab.sampleText({ seedText: 'ab', length: 50, temperature: 0.8, seed: 1 }));
    expect(text).toMatch(/^[abc]{50}$/);
    expect(value(await lab.sampleText({ seedText: 'ab', length: 50, temperature: 0.8, seed: 1 }))).toBe(text);
    expect(error(await lab.sampleText({ seedText: 'xy', length: 5, temperature: 1 }))).toBe("seedText: 'x' is not in the text's alphabet");
    expect(error(await lab.sampleText({ seedText: 'ab', length: 0, temperature: 1 }))).toMatch(/^sample text: length: expected a length from 1 to 10000/);
    expect(error(await lab.predictSeries('test'))).toBe('predict series: task text is not a series task; use inspect for symbol tasks');
  });

  it('predicts a series against the truth in the user\'s units', async () => {
    open(project({ arch: 'lstm', input_size: 1, hidden_size: 4, output_size: 1, output_activation: 'none' }, { id: 'sine', params: { frequencies: [0.05], amplitudes: [3], window: 10, stride: 1 } }));
    const prediction = value(await lab.predictSeries('test'));
    expect(prediction.columns).toEqual(['value']);
    expect(prediction.truth.length).toBe(prediction.prediction.length);
    expect(prediction.truth.length).toBeGreaterThan(200);
    expect(Math.max(...prediction.truth.map((r) => Math.abs(r[0])))).toBeGreaterThan(2.5);
    const mse = prediction.truth.reduce((s, r, t) => s + (r[0] - prediction.prediction[t][0]) ** 2, 0) / prediction.truth.length;
    expect(prediction.mse).toBeCloseTo(mse, 9);
    // Numbers typed for inspection are in the same units, and so are the outputs.
    const view = value(await lab.inspect({ input: [0, 1.5, 3, 1.5, 0] }));
    expect(view.steps[2].input).toEqual([3]);
    expect(view.verdict).toBeNull();
    expect(error(await lab.predictSeries('train'))).toMatch(/^predict series: expected 'validation' or 'test'/);
    expect(error(await lab.sampleText({ seedText: 'a', length: 5, temperature: 1 }))).toBe('sample text: task sine is not a character model; sampling needs a softmax over an alphabet');
    expect(error(await lab.inspect({ input: 'abc' }))).toBe('input: this task reads numbers: give numbers, one row of 1 per step');
  });
});

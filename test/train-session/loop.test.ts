// The training loop in-process: repeatable runs, learning, a non-finite step that never reaches the weights,
// clipping by the settings, epoch accounting and evaluation with the task's metrics.
import { describe, expect, it } from 'vitest';
import { cloneWeights } from '../../src-main/core/tensor';
import { evaluateSplit } from '../../src-main/core/train/loop';
import { referenceEngine } from '../../src-main/core/engine/reference/index';
import { getTask } from '../../src-main/core/tasks/index';
import { loadNativeEngine } from '../../src-main/core/engine/native/index';
import type { Engine, Gradients } from '../../src-main/core/engine/types';
import { nanInjectingEngine, runSteps, TOMITA_SMALL, tomitaTrainer } from './helpers';

const native = loadNativeEngine();

describe('training loop', () => {
  it('repeats a run exactly with the same seed and differs with another', () => {
    const a = runSteps(tomitaTrainer({ seed: 5 }), 8).map((r) => r.loss);
    const b = runSteps(tomitaTrainer({ seed: 5 }), 8).map((r) => r.loss);
    const c = runSteps(tomitaTrainer({ seed: 6 }), 8).map((r) => r.loss);
    expect(b).toEqual(a);
    expect(c).not.toEqual(a);
  });

  it.runIf(native.ok)('repeats a run exactly on the native engine too (float32), and stays near the reference', () => {
    const engine = native.ok ? native.engine : referenceEngine;
    const a = runSteps(tomitaTrainer({ seed: 5 }, engine), 8).map((r) => r.loss);
    const b = runSteps(tomitaTrainer({ seed: 5 }, engine), 8).map((r) => r.loss);
    const reference = runSteps(tomitaTrainer({ seed: 5 }), 8).map((r) => r.loss);
    expect(b).toEqual(a);
    a.forEach((loss, i) => expect(Math.abs(loss - reference[i])).toBeLessThan(1e-4));
  });

  it('lowers the loss on Tomita 4 and counts epochs by batches (48 sequences / 8 = 6 per epoch)', () => {
    const trainer = tomitaTrainer({ steps: 60, lr: 0.05 });
    const records = runSteps(trainer, 60);
    const mean = (rs: typeof records) => rs.reduce((s, r) => s + r.loss, 0) / rs.length;
    expect(mean(records.slice(-6))).toBeLessThan(0.6 * mean(records.slice(0, 6)));
    expect(records.map((r) => r.epoch).slice(0, 7)).toEqual([0, 0, 0, 0, 0, 0, 1]);
    expect(trainer.epoch).toBe(10);
    expect(trainer.finished).toBe(true);
  });

  it('carries the issue fields in every step record', () => {
    const [first] = runSteps(tomitaTrainer(), 1);
    expect(first.step).toBe(1);
    expect(Object.keys(first.param_grad_norms).sort()).toEqual(['bias_hh', 'head.bias', 'head.weight', 'weight_hh']);
    expect(first.timestep_grad_norms.length).toBeGreaterThan(0);
    expect(first.spectral?.['weight_hh:W_0'].sigma_max).toBeGreaterThan(0);
    expect(first.grad_norm).toBeCloseTo(Math.hypot(...Object.values(first.param_grad_norms)), 12);
  });

  it('stops on a non-finite gradient and keeps the last finite weights (policy stop)', () => {
    const trainer = tomitaTrainer({}, nanInjectingEngine('weight_hh', [3]));
    runSteps(trainer, 2);
    const before = cloneWeights(trainer.model.weights);
    const third = trainer.trainStep();
    expect(third.action).toBe('stopped');
    expect(third.alerts.map((a) => a.kind)).toEqual(['nonfinite']);
    expect(trainer.finished).toBe(true);
    expect(trainer.stoppedBecause).toMatch(/non-finite gradients at step 3/);
    // The kind and step come from the loop itself, beside the sentence, and survive a checkpoint.
    expect(trainer.stopped).toEqual({ kind: 'nonfinite-gradients', params: { step: 3 } });
    expect(trainer.saveState().stopped).toEqual({ kind: 'nonfinite-gradients', params: { step: 3 } });
    expect(trainer.model.weights).toEqual(before);
  });

  it('says why it stopped as a kind and step beside the sentence: a monitor rule, an update that overflowed the weights', () => {
    const byMonitor = tomitaTrainer({}, undefined, { exploding: { max_norm: 1e-9, policy: 'stop' } });
    let last = byMonitor.trainStep();
    while (!byMonitor.finished) last = byMonitor.trainStep();
    expect(last.action).toBe('stopped');
    expect(byMonitor.stopped).toEqual({ kind: 'monitor', params: { step: last.step } });
    expect(byMonitor.stoppedBecause).toBe(`the monitor stopped the run at step ${last.step}`);
    // Finite gradients of 1e150 (their norm still finite) at lr 1e160: the update overflows to infinity, so the loop restores the weights and stops.
    const huge: Engine = {
      name: 'reference',
      forward(model, input, options) {
        const pass = referenceEngine.forward(model, input, options);
        return { ...pass, backward: (seeds) => scaled(pass.backward(seeds), 1e150) };
      },
    };
    const overflow = tomitaTrainer({ optimizer: 'sgd', lr: 1e160 }, huge);
    runSteps(overflow, 1);
    expect(overflow.stopped).toEqual({ kind: 'nonfinite-weights', params: { step: 1 } });
    expect(overflow.stoppedBecause).toBe('the update at step 1 made weights non-finite (learning rate too high?)');
  });

  it('skips a non-finite step and trains on (policy skip)', () => {
    const trainer = tomitaTrainer({}, nanInjectingEngine('head.bias', [3]), { nonfinite: { policy: 'skip' } });
    runSteps(trainer, 2);
    const before = cloneWeights(trainer.model.weights);
    expect(trainer.trainStep().action).toBe('skipped');
    expect(trainer.model.weights).toEqual(before);
    const fourth = trainer.trainStep();
    expect(fourth.action).toBe('applied');
    expect(trainer.model.weights.weight_hh.data).not.toEqual(before.weight_hh.data);
  });

  it('clips by global norm when the settings say so', () => {
    const records = runSteps(tomitaTrainer({ clip: { mode: 'norm', max_norm: 1e-3 } }), 3);
    expect(records.every((r) => r.action === 'clipped' && r.grad_norm > 1e-3)).toBe(true);
  });

  it("applies the monitor's clip policy: an exploding step is scaled to clip_to before the update", () => {
    const monitor = { exploding: { max_norm: 1e-6, policy: 'clip', clip_to: 1e-3 } };
    const trainer = tomitaTrainer({ optimizer: 'sgd', lr: 1 }, referenceEngine, monitor);
    const before = cloneWeights(trainer.model.weights);
    const [first] = runSteps(trainer, 1);
    expect(first.action).toBe('clipped');
    expect(first.alerts.map((a) => a.kind)).toEqual(['exploding']);
    let squares = 0;
    for (const [name, t] of Object.entries(trainer.model.weights)) t.data.forEach((v, i) => (squares += (v - before[name].data[i]) ** 2));
    expect(Math.sqrt(squares)).toBeCloseTo(1e-3, 6);
  });

  it('evaluates a split with the task metrics (accuracy by length)', () => {
    const trainer = tomitaTrainer();
    const task = getTask('tomita');
    const data = task.generate(TOMITA_SMALL, 3);
    const result = evaluateSplit(referenceEngine, trainer.model, task, data, 'test');
    const total = result.metrics.groups?.reduce((s, g) => s + g.total, 0);
    expect(total).toBe(16);
    expect(result.metrics.primary.name).toBe('accuracy');
    expect(result.loss).toBeGreaterThan(0.3);
  });
});

describe('truncated BPTT in the loop', () => {
  it('equals full BPTT when k2 covers every sequence (k1 = 3, k2 = 40)', () => {
    const full = runSteps(tomitaTrainer({ seed: 1 }), 4);
    const truncated = runSteps(tomitaTrainer({ seed: 1, bptt: { mode: 'truncated', k1: 3, k2: 40 } }), 4);
    truncated.forEach((r, i) => {
      expect(r.loss).toBeCloseTo(full[i].loss, 12);
      expect(r.grad_norm).toBeCloseTo(full[i].grad_norm, 12);
    });
  });

  it('cuts the gradient with short windows (k1 = k2 = 2): same first loss, other gradients, still learns', () => {
    const full = runSteps(tomitaTrainer({ seed: 1 }), 1)[0];
    const trainer = tomitaTrainer({ seed: 1, steps: 40, lr: 0.05, bptt: { mode: 'truncated', k1: 2, k2: 2 } });
    const records = runSteps(trainer, 40);
    expect(records[0].loss).toBeCloseTo(full.loss, 12);
    expect(Math.abs(records[0].grad_norm - full.grad_norm)).toBeGreaterThan(1e-6);
    expect(records[39].loss).toBeLessThan(records[0].loss);
  });

  it("a vanishing alert under truncation says the truncation cuts gradients too; full BPTT's does not", () => {
    const vanishing = (settings: Record<string, unknown>) =>
      runSteps(tomitaTrainer({ seed: 1, ...settings }, undefined, { vanishing: { min_ratio: 0.9 } }), 3)
        .flatMap((r) => r.alerts)
        .find((a) => a.rule === 'timestep-ratio');
    const cut = vanishing({ bptt: { mode: 'truncated', k1: 2, k2: 2 } });
    expect(cut?.message).toContain('This run uses truncated BPTT (k1 = 2, k2 = 2): no gradient reaches more than k2 steps back');
    const full = vanishing({});
    expect(full?.message).toMatch(/^Vanishing gradients at step 1: /);
    expect(full?.message).not.toContain('truncated');
  });
});

function scaled(grads: Gradients, factor: number): Gradients {
  for (const g of Object.values(grads.params)) for (let i = 0; i < g.length; i++) g[i] = Math.sign(g[i] || 1) * factor;
  return grads;
}

// Hand-built training data for the Train page's Node tests: StepPoints of a vanishing run, alerts, settings.
import type { AlertView, SettingsView, StepPoint } from '../../src-main/api/lab-api';

export const PARAMS = ['weight_ih_l0', 'weight_hh_l0', 'bias_ih_l0', 'bias_hh_l0', 'head.weight', 'head.bias'];

/** Step `step` of a run whose ||dL/dh_t|| decays by `gain` per step back from t = T (vanishing when gain < 1). */
export function point(step: number, options: { T?: number; gain?: number; loss?: number; spectral?: boolean; validation?: number } = {}): StepPoint {
  const T = options.T ?? 10;
  const gain = options.gain ?? 0.5;
  const loss = options.loss ?? 1 / (1 + step);
  const norms = Object.fromEntries(PARAMS.map((name, i) => [name, 0.1 * (i + 1) + step * 1e-3]));
  const weights = Object.fromEntries(PARAMS.map((name) => [name, name.startsWith('bias') ? 0 : 2]));
  return {
    step, epoch: 0, span: 1, loss, lossMin: loss, lossMax: loss, lr: 0.01,
    gradNorm: 1 + step * 0.01, gradNormMax: 1 + step * 0.01,
    paramGradNorms: norms, paramWeightNorms: weights,
    timestepGradNorms: Array.from({ length: T }, (_, i) => gain ** (T - 1 - i)),
    layerTimestepGradNorms: null,
    spectral: options.spectral ? { weight_hh_l0: { sigmaMax: 0.5, bound: 0.5 } } : null,
    action: 'applied',
    validation: options.validation !== undefined ? { loss: options.validation, metrics: { mse: options.validation } } : null,
  };
}

export function points(from: number, to: number, options: Parameters<typeof point>[1] = {}): StepPoint[] {
  return Array.from({ length: to - from + 1 }, (_, i) => point(from + i, { ...options, spectral: (from + i) % 10 === 0 }));
}

export function vanishingAlert(step: number, value = 1e-9): AlertView {
  return {
    kind: 'vanishing', rule: 'timestep-ratio', step, value, threshold: 1e-3, param: null,
    message: 'Vanishing gradients (English from the core)', policy: 'warn', suppressed: 0,
    remedies: [
      { id: 'relu-identity', action: { kind: 'relu-identity' }, label: 'ReLU + identity' },
      { id: 'switch-lstm', action: { kind: 'switch-arch', arch: 'lstm' }, label: 'Switch to LSTM' },
    ],
  };
}

export function settingsView(): SettingsView {
  return {
    training: { optimizer: { kind: 'adam' }, lr: 0.001, clip: { mode: 'norm', max_norm: 5 }, steps: 200, batch_size: 16 },
    monitor: { exploding: { max_norm: 1e4, policy: 'warn' }, vanishing: { min_ratio: 1e-3 } },
    run: { engine: 'reference', precision: 'float32', snapshot_every: 0, all_layers: false, threads: 0, eval_every: null },
    fields: [
      { path: 'training.lr', group: 'optimiser', type: 'number', default: 0.001, min: 0, max: null, choices: null, optional: true, list: false, when: null, help: 'Base learning rate.' },
      { path: 'training.optimizer.kind', group: 'optimiser', type: 'choice', default: 'adam', min: null, max: null, choices: ['sgd', 'adam', 'rmsprop'], optional: false, list: false, when: null, help: 'Optimiser.' },
      { path: 'training.steps', group: 'schedule', type: 'int', default: null, min: 1, max: null, choices: null, optional: true, list: false, when: null, help: 'Steps to train.' },
      { path: 'training.clip.mode', group: 'clipping', type: 'choice', default: 'none', min: null, max: null, choices: ['none', 'norm', 'value'], optional: false, list: false, when: null, help: 'Clipping.' },
      { path: 'training.clip.max_norm', group: 'clipping', type: 'number', default: 1, min: 0, max: null, choices: null, optional: false, list: false, when: { path: 'training.clip.mode', equals: 'norm' }, help: 'Clip to this norm.' },
      { path: 'monitor.exploding.max_norm', group: 'exploding', type: 'number', default: 1e4, min: 0, max: null, choices: null, optional: false, list: false, when: null, help: 'Explosion limit.' },
      { path: 'run.all_layers', group: 'run', type: 'boolean', default: false, min: null, max: null, choices: null, optional: false, list: false, when: null, help: 'Every layer.' },
    ],
  };
}

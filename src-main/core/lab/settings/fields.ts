// The settings form: every training, monitor and run setting as a SettingField (dotted path, group, type, default,
// range, choices, when it applies, help for students). Ranges restate the core's schemas (train/settings.ts,
// monitor/thresholds.ts, run-options.ts); a test checks every leaf of their defaults has a field and the defaults agree.
import type { SettingField } from '../../../api/lab-api';
import { DEFAULT_LR } from '../../train/settings';
import { MAX_THREADS } from './run-options';

type Spec = Partial<SettingField> & Pick<SettingField, 'path' | 'group' | 'type' | 'help'>;

const when = (path: string, equals: unknown): SettingField['when'] => ({ path, equals });
const OPT = 'training.optimizer.kind';
const SCHED = 'training.schedule.kind';
const CLIP = 'training.clip.mode';
const BPTT = 'training.bptt.mode';
const BIG = 1e9;

const SPECS: Spec[] = [
  // --- optimiser ---
  { path: OPT, group: 'optimiser', type: 'choice', default: 'adam', choices: ['sgd', 'adam', 'rmsprop'], help: 'The rule that turns gradients into weight changes: Adam adapts a step size per weight and is the safe start; plain SGD shows the raw dynamics.' },
  { path: 'training.lr', group: 'optimiser', type: 'number', default: null, min: 0, optional: true, help: `The learning rate: how big each step is. Empty takes the optimiser's usual value (${DEFAULT_LR.adam} for Adam, ${DEFAULT_LR.sgd} for SGD and RMSprop).` },
  { path: 'training.optimizer.momentum', group: 'optimiser', type: 'number', default: 0, min: 0, max: 1, when: when(OPT, ['sgd', 'rmsprop']), help: 'How much of the previous step is kept in the next one (0: none; 0.9 is common), which smooths noisy gradients.' },
  { path: 'training.optimizer.dampening', group: 'optimiser', type: 'number', default: 0, min: 0, max: 1, when: when(OPT, 'sgd'), help: 'Scales down the new gradient added to the momentum (0: none, as usual).' },
  { path: 'training.optimizer.nesterov', group: 'optimiser', type: 'boolean', default: false, when: when(OPT, 'sgd'), help: 'Nesterov momentum: look ahead along the momentum before taking the gradient (needs momentum above 0 and no dampening).' },
  { path: 'training.optimizer.beta1', group: 'optimiser', type: 'number', default: 0.9, min: 0, max: 1, when: when(OPT, 'adam'), help: "How slowly Adam's average of the gradients forgets (0.9 averages about the last 10 steps)." },
  { path: 'training.optimizer.beta2', group: 'optimiser', type: 'number', default: 0.999, min: 0, max: 1, when: when(OPT, 'adam'), help: "How slowly Adam's average of squared gradients forgets; it sets each weight's own step size." },
  { path: 'training.optimizer.alpha', group: 'optimiser', type: 'number', default: 0.99, min: 0, max: 1, when: when(OPT, 'rmsprop'), help: "How slowly RMSprop's average of squared gradients forgets." },
  { path: 'training.optimizer.eps', group: 'optimiser', type: 'number', default: 1e-8, min: 0, when: when(OPT, ['adam', 'rmsprop']), help: 'A tiny number added before dividing by the gradient size, so a weight with no gradient does not take a huge step.' },
  { path: 'training.optimizer.centered', group: 'optimiser', type: 'boolean', default: false, when: when(OPT, 'rmsprop'), help: 'Divide by the gradient variance instead of its raw second moment.' },
  { path: 'training.optimizer.amsgrad', group: 'optimiser', type: 'boolean', default: false, when: when(OPT, 'adam'), help: 'Never let the step-size denominator shrink (AMSGrad), a fix for some cases where Adam fails to converge.' },
  { path: 'training.optimizer.weight_decay', group: 'optimiser', type: 'number', default: 0, min: 0, help: 'Pulls every weight slightly towards zero at each step (L2 regularisation; 0: none).' },
  // --- schedule ---
  { path: SCHED, group: 'schedule', type: 'choice', default: 'constant', choices: ['constant', 'step', 'exponential', 'cosine'], help: 'How the learning rate changes during training: constant, divided in steps, decaying exponentially, or along a cosine.' },
  { path: 'training.schedule.step_size', group: 'schedule', type: 'int', default: 100, min: 1, max: BIG, when: when(SCHED, 'step'), help: 'Multiply the learning rate by gamma every this many steps (or epochs).' },
  { path: 'training.schedule.gamma', group: 'schedule', type: 'number', default: 0.1, min: 0, when: when(SCHED, ['step', 'exponential']), help: 'The factor applied to the learning rate: at every step_size (step), or at every step (exponential, e.g. 0.999).' },
  { path: 'training.schedule.t_max', group: 'schedule', type: 'int', default: 1000, min: 1, max: BIG, when: when(SCHED, 'cosine'), help: 'Steps (or epochs) for the cosine to go from the full learning rate down to eta_min.' },
  { path: 'training.schedule.eta_min', group: 'schedule', type: 'number', default: 0, min: 0, when: when(SCHED, 'cosine'), help: 'The smallest learning rate the cosine reaches.' },
  { path: 'training.schedule.warmup.steps', group: 'schedule', type: 'int', default: null, min: 1, max: BIG, optional: true, help: 'Start with a smaller learning rate and raise it over this many steps (empty: no warm-up).' },
  { path: 'training.schedule.warmup.start_factor', group: 'schedule', type: 'number', default: 0.1, min: 0, max: 1, help: 'The fraction of the learning rate the warm-up starts from.' },
  { path: 'training.schedule_unit', group: 'schedule', type: 'choice', default: 'step', choices: ['step', 'epoch'], help: 'Whether the schedule counts optimiser steps or passes over the training set.' },
  // --- clipping ---
  { path: CLIP, group: 'clipping', type: 'choice', default: 'none', choices: ['none', 'norm', 'value'], help: 'Gradient clipping: rescale the whole gradient when its norm is too large (norm), or cap every entry (value). Tames exploding gradients.' },
  { path: 'training.clip.max_norm', group: 'clipping', type: 'number', default: 1, min: 0, when: when(CLIP, 'norm'), help: 'The largest global gradient norm allowed; a larger gradient is scaled down to this length.' },
  { path: 'training.clip.clip_value', group: 'clipping', type: 'number', default: 0.5, min: 0, when: when(CLIP, 'value'), help: 'Every gradient entry is cut to lie between minus and plus this value.' },
  // --- data and length of training ---
  { path: 'training.batch_size', group: 'data', type: 'int', default: 32, min: 1, max: 65536, help: 'How many examples are averaged in one step; larger is smoother but slower per step.' },
  { path: 'training.epochs', group: 'data', type: 'int', default: 100, min: 1, max: BIG, optional: true, help: 'How many passes over the training set (set either epochs or steps).' },
  { path: 'training.steps', group: 'data', type: 'int', default: null, min: 1, max: BIG, optional: true, help: 'How many optimiser steps to train for, instead of a number of epochs.' },
  { path: 'training.seed', group: 'data', type: 'int', default: 0, min: 0, max: 2 ** 32 - 1, help: 'Seed of the batch order and dropout: the same seed repeats the same run exactly.' },
  // --- backpropagation through time ---
  { path: BPTT, group: 'bptt', type: 'choice', default: 'full', choices: ['full', 'truncated'], help: 'Backpropagate through the whole sequence (full), or only k2 steps back every k1 steps (truncated BPTT).' },
  { path: 'training.bptt.k1', group: 'bptt', type: 'int', default: 20, min: 1, max: BIG, when: when(BPTT, 'truncated'), help: 'Take an optimiser step every k1 time steps.' },
  { path: 'training.bptt.k2', group: 'bptt', type: 'int', default: 20, min: 1, max: BIG, when: when(BPTT, 'truncated'), help: 'How many time steps back each update looks (at least k1); gradients from further back are not seen.' },
  // --- monitor: exploding ---
  { path: 'monitor.exploding.max_norm', group: 'exploding', type: 'number', default: 1e4, min: 0, help: 'Alert when the global gradient norm goes above this absolute limit.' },
  { path: 'monitor.exploding.mean_multiple', group: 'exploding', type: 'number', default: 10, min: 1, help: 'Alert when the gradient norm jumps above this multiple of its running average.' },
  { path: 'monitor.exploding.min_weight_ratio', group: 'exploding', type: 'number', default: 1e-2, min: 0, help: 'The running-average rule fires only when the gradient norm is also at least this fraction of the weights\' norm, so a jump from almost nothing to slightly more is not called an explosion (0 turns this floor off).' },
  { path: 'monitor.exploding.ema_decay', group: 'exploding', type: 'number', default: 0.98, min: 0, max: 1, help: 'How slowly the running average of the gradient norm forgets (0.98 is about the last 50 steps).' },
  { path: 'monitor.exploding.warmup_steps', group: 'exploding', type: 'int', default: 20, min: 0, max: BIG, help: 'Steps observed before the running-average rule may fire, so the first noisy steps do not alert.' },
  { path: 'monitor.exploding.policy', group: 'exploding', type: 'choice', default: 'warn', choices: ['warn', 'clip', 'stop'], help: 'What the run does on an exploding gradient: only warn, clip that step, or stop training.' },
  { path: 'monitor.exploding.clip_to', group: 'exploding', type: 'number', default: null, min: 0, optional: true, when: when('monitor.exploding.policy', 'clip'), help: 'The norm an exploding step is clipped to (empty: the running average once known, else max_norm).' },
  // --- monitor: vanishing ---
  { path: 'monitor.vanishing.min_ratio', group: 'vanishing', type: 'number', default: 1e-3, min: 0, help: 'Alert when the gradient reaching the first time step is this many times smaller than at the last (||dL/dh_1|| / ||dL/dh_T||).' },
  { path: 'monitor.vanishing.min_param_norm', group: 'vanishing', type: 'number', default: 1e-10, min: 0, help: 'Alert when a watched weight\'s gradient norm falls below this (0 turns the rule off).' },
  { path: 'monitor.vanishing.max_param_share', group: 'vanishing', type: 'number', default: 1e-3, min: 0, max: 1, help: 'The small-gradient rule fires only when the watched weight also gets less than this fraction of the whole gradient, so a converged network with tiny gradients everywhere is not flagged (1 turns this floor off).' },
  { path: 'monitor.vanishing.param_roles', group: 'vanishing', type: 'choice', list: true, default: ['recurrent'], choices: ['input', 'recurrent', 'bias', 'head', 'head_bias', 'shortcut', 'state'], help: 'Which kinds of weights the small-gradient rule watches (recurrent matrices by default).' },
  { path: 'monitor.vanishing.policy', group: 'vanishing', type: 'choice', default: 'warn', choices: ['warn', 'stop'], help: 'What the run does on a vanishing gradient: warn, or stop training.' },
  // --- monitor: non-finite and cadences ---
  { path: 'monitor.nonfinite.policy', group: 'nonfinite', type: 'choice', default: 'stop', choices: ['stop', 'skip'], help: 'What the run does when a gradient holds NaN or Infinity: stop, or skip that step and go on.' },
  { path: 'monitor.alert_every', group: 'alerts', type: 'int', default: 100, min: 1, max: BIG, help: 'At most one alert of each kind per this many steps; the held-back ones are counted in the next.' },
  { path: 'monitor.spectral_every', group: 'spectral', type: 'int', default: 10, min: 1, max: BIG, help: 'Measure the largest singular value of every recurrent matrix every this many steps.' },
  { path: 'monitor.spectral_tolerance', group: 'spectral', type: 'number', default: 1e-6, min: 0, max: 1, help: 'Precision of the singular-value estimate (power iteration stops when it changes less than this).' },
  { path: 'monitor.spectral_max_iterations', group: 'spectral', type: 'int', default: 200, min: 1, max: BIG, help: 'The most power-iteration rounds per measurement.' },
  // --- run options ---
  { path: 'run.engine', group: 'run', type: 'choice', default: 'native', choices: ['native', 'reference'], help: 'The fast native kernel, or the readable TypeScript reference engine (slower, always float64).' },
  { path: 'run.precision', group: 'run', type: 'choice', default: 'float32', choices: ['float32', 'float64'], when: when('run.engine', 'native'), help: 'Arithmetic of the native kernel: float32 is faster, float64 matches the reference engine exactly.' },
  { path: 'run.threads', group: 'run', type: 'int', default: 0, min: 0, max: MAX_THREADS, when: when('run.engine', 'native'), help: 'Threads the native kernel may use (0: chosen from the model size).' },
  { path: 'run.snapshot_every', group: 'run', type: 'int', default: 0, min: 0, max: BIG, help: 'Keep a hidden-state trajectory snapshot every this many steps, to replay how the states organised (0: none).' },
  { path: 'run.all_layers', group: 'run', type: 'boolean', default: false, help: 'Record ||dL/dh_t|| for every layer, not only the last one.' },
  { path: 'run.eval_every', group: 'run', type: 'int', default: null, min: 1, max: BIG, optional: true, help: 'Score the validation split every this many steps (empty: every epoch, at most about 100 times a run).' },
];

export const SETTING_FIELDS: SettingField[] = SPECS.map((s) => ({
  default: null,
  min: null,
  max: null,
  choices: null,
  optional: false,
  list: false,
  when: null,
  ...s,
}));

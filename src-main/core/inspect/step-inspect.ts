// One input the user typed, run through the model step by step: every layer's h_t (and LSTM c_t, LSTM/GRU gates),
// the output decoded into symbols with probabilities, the classifier's verdict; with a target, each scored step's
// loss and ||dL/dh_t|| of the last layer from the engine's own backward pass. Losses follow the head's activation:
// softmax -> cross-entropy, sigmoid -> binary cross-entropy (mean over outputs), none -> squared error (mean).
import type { InspectStep, InspectView } from '../../api/lab-api';
import type { BackwardSeeds, Engine, Model } from '../engine/types';
import { denormalize, isClassifier } from '../tasks/decode';
import type { TaskData } from '../tasks/types';
import { coded, encodeInput, InspectInputError, numberRows, type EncodedInput } from './encode';
import { runProbe } from './trajectories';

const MAX_DECODED = 10;
const EPS = 1e-12;

interface Target {
  /** (T, O) in model units. */
  values: Float64Array;
  /** Steps that carry a loss. */
  scored: boolean[];
}

function parseTarget(target: unknown, model: Model, data: TaskData | null, input: EncodedInput): Target {
  const { spec } = model;
  const O = spec.output_size;
  const T = input.length;
  if (O === 0) throw new InspectInputError('target: this model has no output layer (output_size 0), so nothing can be scored', coded('target', 'inspect-no-output', {}));
  const values = new Float64Array(T * O);
  if (data && isClassifier(data) && O === 1) {
    const verdict = typeof target === 'string' ? target.trim().toLowerCase() : Array.isArray(target) && target.length === 1 ? target[0] : target;
    const label = verdict === 'accept' || verdict === '1' || verdict === 1 ? 1 : verdict === 'reject' || verdict === '0' || verdict === 0 ? 0 : null;
    if (label === null) throw new InspectInputError(`target: expected 'accept' or 'reject' (or 1 / 0), found ${JSON.stringify(target)}`, coded('target', 'inspect-target-verdict', { found: String(JSON.stringify(target)) }));
    values[T - 1] = label;
    return { values, scored: Array.from({ length: T }, (_, t) => t === T - 1) };
  }
  if (typeof target === 'string') {
    const alphabet = data?.outputAlphabet ?? data?.alphabet;
    if (!alphabet || alphabet.length !== O) throw new InspectInputError('target: this task scores numbers: give one row of outputs per step', coded('target', 'inspect-needs-numbers', { width: O }));
    const symbols = [...target];
    if (symbols.length !== T) throw new InspectInputError(`target: expected ${T} symbols (one per input step), found ${symbols.length}`, coded('target', 'inspect-target-length', { expected: T, found: symbols.length }));
    symbols.forEach((s, t) => {
      const k = alphabet.indexOf(s);
      if (k < 0) throw new InspectInputError(`target: '${s}' at position ${t + 1} is not in the output alphabet ${alphabet.join('')}`, coded('target', 'inspect-not-in-alphabet', { symbol: s, position: t + 1, alphabet: alphabet.join('') }));
      values[t * O + k] = 1;
    });
    return { values, scored: symbols.map(() => true) };
  }
  const targetRows = numberRows(target, O, 'target');
  if (targetRows.length !== T) throw new InspectInputError(`target: expected ${T} rows (one per input step), found ${targetRows.length}`, coded('target', 'inspect-target-length', { expected: T, found: targetRows.length }));
  const norm = data?.normalization?.targets;
  targetRows.forEach((row, t) => row.forEach((v, c) => (values[t * O + c] = norm && norm.columns.length === O ? (v - norm.mean[c]) / norm.std[c] : v)));
  return { values, scored: targetRows.map(() => true) };
}

/** Per-step losses and the seeds of their mean. */
function lossAndSeeds(model: Model, y: Float64Array, target: Target): { losses: (number | null)[]; seeds: BackwardSeeds; mean: number } {
  const O = model.spec.output_size;
  const activation = model.spec.output_activation;
  const count = target.scored.filter(Boolean).length;
  const grad = new Float64Array(y.length);
  const losses = target.scored.map((scored, t) => {
    if (!scored) return null;
    let loss = 0;
    for (let o = 0; o < O; o++) {
      const p = y[t * O + o];
      const q = target.values[t * O + o];
      if (activation === 'softmax') loss -= q * Math.log(Math.max(p, EPS));
      else if (activation === 'sigmoid') loss -= (q * Math.log(Math.max(p, EPS)) + (1 - q) * Math.log(Math.max(1 - p, EPS))) / O;
      else loss += (p - q) ** 2 / O;
      // d(mean loss)/d(logits) for softmax+CE and sigmoid+BCE; d/dy for squared error.
      grad[t * O + o] = activation === 'softmax' ? (p - q) / count : activation === 'sigmoid' ? (p - q) / (O * count) : (2 * (p - q)) / (O * count);
    }
    return loss;
  });
  const mean = losses.reduce<number>((s, l) => s + (l ?? 0), 0) / count;
  return { losses, seeds: activation === 'none' ? { dY: grad } : { dYPre: grad }, mean };
}

function decode(output: number[], model: Model, data: TaskData | null): InspectStep['decoded'] {
  const activation = model.spec.output_activation;
  if (activation === 'none' || !data) return null;
  if (isClassifier(data) && output.length === 1) return [{ symbol: 'accept', p: output[0] }, { symbol: 'reject', p: 1 - output[0] }].sort((a, b) => b.p - a.p);
  const alphabet = data.outputAlphabet ?? data.alphabet;
  if (!alphabet || alphabet.length !== output.length) return null;
  return output.map((p, k) => ({ symbol: alphabet[k], p })).sort((a, b) => b.p - a.p).slice(0, MAX_DECODED);
}

export function inspectInput(engine: Engine, model: Model, data: TaskData | null, input: unknown, target?: unknown): InspectView {
  const { spec } = model;
  const encoded = encodeInput(input, spec, data, 'input');
  const run = runProbe(engine, model, encoded);
  const T = encoded.length;
  const O = spec.output_size;
  const width = run.states[0].length / T;
  const slice = (a: Float64Array, t: number, w: number) => Array.from(a.subarray(t * w, (t + 1) * w));
  let losses: (number | null)[] | null = null;
  let gradNorms: Float64Array | null = null;
  let mean: number | null = null;
  if (target !== undefined) {
    const parsed = parseTarget(target, model, data, encoded);
    const pass = engine.forward(model, { batch: 1, steps: T, x: encoded.x }, { training: false, precision: 'float64' });
    const scored = lossAndSeeds(model, pass.y!, parsed);
    losses = scored.losses;
    mean = scored.mean;
    gradNorms = pass.backward(scored.seeds).timestepGradNorms.at(-1)!;
  }
  const steps: InspectStep[] = Array.from({ length: T }, (_, t) => {
    const raw = run.y ? slice(run.y, t, O) : null;
    // Series models answer in the user's units, like the numbers they typed.
    const output = raw && spec.output_activation === 'none' ? denormalize(raw, data?.normalization?.targets) : raw;
    return {
      t,
      symbol: encoded.symbols?.[t] ?? null,
      input: encoded.rows?.[t] ?? slice(encoded.x, t, spec.input_size),
      hidden: run.states.map((s) => slice(s, t, width)),
      cell: run.cells ? run.cells.map((c) => slice(c, t, width)) : null,
      gates: run.gates ? run.gates.map((layer) => Object.fromEntries(Object.entries(layer).map(([g, v]) => [g, slice(v, t, width)]))) : null,
      output,
      decoded: output ? decode(output, model, data) : null,
      loss: losses?.[t] ?? null,
      gradNorm: gradNorms ? gradNorms[t] : null,
    };
  });
  const last = steps[T - 1].output;
  const verdict = data && isClassifier(data) && last && last.length === 1 ? { accept: last[0] > 0.5, p: last[0] } : null;
  return { steps, verdict, loss: mean };
}

// Task examples decoded for people: one-hot rows back into symbols, targets into next symbols or a verdict, series
// rows un-normalised into the user's own units. Used by previewTask and by inspection.
import type { TaskSample } from '../../api/lab-api';
import type { Normalization, Sequence, TaskData } from './types';

/** Row t of a (T, width) array. */
export function row(values: Float64Array, t: number, width: number): number[] {
  return Array.from(values.subarray(t * width, (t + 1) * width));
}

/** The symbol of a one-hot (or likeliest) row. */
export function argmaxSymbol(values: readonly number[], alphabet: readonly string[]): string {
  let best = 0;
  for (let k = 1; k < values.length; k++) if (values[k] > values[best]) best = k;
  return alphabet[best] ?? '?';
}

/** Symbols of a multi-hot row ('ab'), or of a one-hot row ('a'). */
function symbolSet(values: readonly number[], alphabet: readonly string[]): string[] {
  return values.flatMap((v, k) => (v > 0.5 ? [alphabet[k]] : []));
}

/** Raw value of a stored, normalised one: raw = stored * std + mean. */
export function denormalize(values: number[], norm: Normalization | undefined): number[] {
  return norm ? values.map((v, c) => v * norm.std[c] + norm.mean[c]) : values;
}

export function isClassifier(data: Pick<TaskData, 'targetMode' | 'outputSize' | 'loss'>): boolean {
  return data.targetMode === 'last' && data.outputSize === 1 && data.loss === 'bce';
}

/** The target of a symbol example as text: the verdict, the next symbols ('bcd'), or sets per step ('ab b $'). */
function targetText(s: Sequence, data: TaskData): string {
  const O = data.outputSize;
  if (isClassifier(data)) return s.target[(s.length - 1) * O] > 0.5 ? 'accept' : 'reject';
  const out = data.outputAlphabet ?? data.alphabet ?? [];
  const steps = Array.from({ length: s.length }, (_, t) => (s.targetMask[t] ? symbolSet(row(s.target, t, O), out) : null));
  const single = steps.every((set) => set === null || set.length === 1);
  if (single) return steps.map((set) => (set === null ? '·' : set[0])).join('');
  return steps.map((set) => (set === null ? '·' : set.length === 1 ? set[0] : `{${set.join(',')}}`)).join(' ');
}

/** One example, readable. Symbol tasks have an alphabet (one-hot inputs); every other task is numbers. */
export function decodeSample(s: Sequence, data: TaskData, split: TaskSample['split']): TaskSample {
  const I = data.inputSize;
  const O = data.outputSize;
  const label = isClassifier(data) ? (s.target[(s.length - 1) * O] > 0.5 ? 1 : 0) : (s.meta?.label ?? null);
  if (data.alphabet) {
    const alphabet = data.alphabet;
    const inputText = Array.from({ length: s.length }, (_, t) => argmaxSymbol(row(s.x, t, I), alphabet)).join('');
    return { split, length: s.length, inputText, targetText: targetText(s, data), label, inputs: null, targets: null };
  }
  const norm = data.normalization;
  const inputs = Array.from({ length: s.length }, (_, t) => denormalize(row(s.x, t, I), norm?.inputs));
  const targets = Array.from({ length: s.length }, (_, t) => (s.targetMask[t] ? denormalize(row(s.target, t, O), norm?.targets) : row(s.target, t, O).map(() => NaN)));
  // JSON has no NaN: unscored steps carry null in place of each value.
  const cleaned = targets.map((r) => r.map((v) => (Number.isNaN(v) ? (null as unknown as number) : v)));
  return { split, length: s.length, inputText: null, targetText: null, label, inputs, targets: cleaned };
}

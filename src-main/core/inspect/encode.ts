// What a user types, turned into model inputs: text over the task's alphabet ('0110', 'aaabbb', a sentence) as
// one-hot rows, or numbers (one row per step, or a flat list when input_size is 1) in the user's own units,
// normalised like the task's data. Also the task's default probes for trajectory plots.
import type { ErrorCode, MessageParams } from '../../api/types/messages';
import { LabError, type CodedError } from '../errors';
import type { ModelSpec } from '../spec/types';
import { tomitaAccepts, tomitaLanguage } from '../tasks/tomita/languages';
import type { TaskData } from '../tasks/types';
import { isClassifier } from '../tasks/decode';

/** A request that does not fit the model or the task (a symbol outside the alphabet, a row of the wrong width). */
export class InspectInputError extends LabError {}

/** The code and params of an input's error; `what` ("probe 2", "input", "target") becomes params.probe or params.input. */
export function coded(what: string, code: ErrorCode, params: MessageParams): CodedError {
  const probe = /^probe (\d+)$/.exec(what);
  return { code, params: { ...params, ...(probe ? { probe: Number(probe[1]) } : { input: what }) } };
}

export const MAX_PROBES = 64;
export const MAX_PROBE_STEPS = 1000;

export interface EncodedInput {
  /** The text as typed, or null for numbers. */
  text: string | null;
  /** The symbol of every step, or null for numbers. */
  symbols: string[] | null;
  /** (T, input_size) model inputs (normalised like the task's data). */
  x: Float64Array;
  /** Numbers as the user gave them (own units), or null for text. */
  rows: number[][] | null;
  length: number;
  /** Classifier tasks: 1 when the string belongs to the language (when the lab can tell), else null. */
  label: number | null;
}

/** Encodes one input; `what` names it in errors ("probe 2", "input"). */
export function encodeInput(input: unknown, spec: ModelSpec, data: TaskData | null, what: string): EncodedInput {
  const I = spec.input_size;
  if (typeof input === 'string') {
    const alphabet = data?.alphabet;
    if (!alphabet) throw new InspectInputError(`${what}: this ${data ? 'task reads numbers' : 'project has no task'}: give numbers, one row of ${I} per step`, coded(what, data ? 'inspect-needs-numbers' : 'inspect-no-task', { width: I }));
    if (alphabet.length !== I) throw new InspectInputError(`${what}: the task's alphabet has ${alphabet.length} symbols but the model reads ${I} inputs: change the model to fit the task`, coded(what, 'inspect-model-misfit', { symbols: alphabet.length, inputs: I }));
    const symbols = [...input];
    checkLength(symbols.length, what);
    const x = new Float64Array(symbols.length * I);
    symbols.forEach((s, t) => {
      const k = alphabet.indexOf(s);
      if (k < 0) throw new InspectInputError(`${what}: '${s}' at position ${t + 1} is not in the alphabet ${alphabet.join('')}`, coded(what, 'inspect-not-in-alphabet', { symbol: s, position: t + 1, alphabet: alphabet.join('') }));
      x[t * I + k] = 1;
    });
    return { text: input, symbols, x, rows: null, length: symbols.length, label: knownLabel(input, data) };
  }
  const rows = numberRows(input, I, what);
  const norm = data?.normalization?.inputs;
  const x = new Float64Array(rows.length * I);
  rows.forEach((row, t) => row.forEach((v, c) => (x[t * I + c] = norm && norm.columns.length === I ? (v - norm.mean[c]) / norm.std[c] : v)));
  return { text: null, symbols: null, x, rows, length: rows.length, label: null };
}

/** Rows of `width` finite numbers: number[][] or, for width 1, a flat list. */
export function numberRows(input: unknown, width: number, what: string): number[][] {
  const flat = Array.isArray(input) && input.every((v) => typeof v === 'number');
  const rows = flat && width === 1 ? (input as number[]).map((v) => [v]) : input;
  if (!Array.isArray(rows) || rows.length === 0) {
    throw new InspectInputError(`${what}: expected text or a non-empty list of rows of ${width} number${width === 1 ? '' : 's'}`, coded(what, 'inspect-not-rows', { width }));
  }
  checkLength(rows.length, what);
  rows.forEach((row, t) => {
    if (!Array.isArray(row) || row.length !== width) {
      const found = Array.isArray(row) ? row.length : JSON.stringify(row);
      throw new InspectInputError(`${what}: row ${t + 1}: expected ${width} number${width === 1 ? '' : 's'}, found ${found}`, coded(what, 'inspect-row-width', { row: t + 1, expected: width, found }));
    }
    row.forEach((v, c) => {
      if (typeof v !== 'number' || !Number.isFinite(v)) {
        throw new InspectInputError(`${what}: row ${t + 1}, column ${c + 1}: expected a finite number, found ${JSON.stringify(v)}`, coded(what, 'inspect-not-number', { row: t + 1, column: c + 1, found: String(JSON.stringify(v)) }));
      }
    });
  });
  return rows as number[][];
}

function checkLength(steps: number, what: string): void {
  if (steps < 1 || steps > MAX_PROBE_STEPS) throw new InspectInputError(`${what}: expected 1 to ${MAX_PROBE_STEPS} steps, found ${steps}`, coded(what, 'inspect-steps', { max: MAX_PROBE_STEPS, found: steps }));
}

/** Membership the lab can decide itself (the Tomita languages); null otherwise. */
function knownLabel(text: string, data: TaskData | null): number | null {
  if (!data || data.task !== 'tomita' || !/^[01]*$/.test(text)) return null;
  return tomitaAccepts(tomitaLanguage(data.params.grammar as number), text) ? 1 : 0;
}

/** The task's probes: for classifiers half accepted and half rejected validation strings, else the first ones. */
export function defaultProbes(data: TaskData, spec: ModelSpec, count = 8): EncodedInput[] {
  const pool = [...data.validation, ...data.test];
  const classifier = isClassifier(data);
  const label = (i: number) => pool[i].target[(pool[i].length - 1) * data.outputSize] > 0.5 ? 1 : 0;
  let chosen = pool.map((_, i) => i);
  if (classifier) {
    const accepted = chosen.filter((i) => label(i) === 1).slice(0, Math.ceil(count / 2));
    const rejected = chosen.filter((i) => label(i) === 0).slice(0, count - accepted.length);
    chosen = [...accepted, ...rejected];
  }
  return chosen.slice(0, count).filter((i) => pool[i].length <= MAX_PROBE_STEPS).map((i) => {
    const s = pool[i];
    const symbols = data.alphabet
      ? Array.from({ length: s.length }, (_, t) => {
          const row = s.x.subarray(t * data.inputSize, (t + 1) * data.inputSize);
          return data.alphabet![row.indexOf(Math.max(...row))];
        })
      : null;
    if (s.x.length !== s.length * spec.input_size) throw new InspectInputError(`the task's examples have ${data.inputSize} inputs but the model reads ${spec.input_size}: change the model to fit the task`, { code: 'inspect-model-misfit', params: { symbols: data.inputSize, inputs: spec.input_size } });
    return { text: symbols ? symbols.join('') : null, symbols, x: s.x, rows: null, length: s.length, label: classifier ? label(i) : (s.meta?.label ?? null) };
  });
}

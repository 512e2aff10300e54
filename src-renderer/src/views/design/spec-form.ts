// The Design form's model: every spec field with its input kind and range, the flat form state, and the
// conversions summary -> form -> ModelSpecInput. Pure: tested in Node (test/renderer/design-form.test.ts).
// The contract itself, not ../../api (which connects to the lab), so Node tests can import this file.
import {
  ARCHITECTURES, INIT_SCHEMES, NONLINEARITIES, OUTPUT_ACTIVATIONS, type ModelSpecInput, type ModelSpecView,
} from '../../../../src-main/api/lab-api';

export type Arch = (typeof ARCHITECTURES)[number];

/** The form's state: one entry per field, dotted names for init.* (the names checkSpec reports errors under). */
export interface SpecForm {
  arch: Arch;
  input_size: number;
  hidden_size: number;
  num_layers: number;
  nonlinearity: string;
  bias: boolean;
  batch_first: boolean;
  dropout: number;
  bidirectional: boolean;
  output_size: number;
  output_activation: string;
  shortcut: boolean;
  learn_h0: boolean;
  'init.scheme': string;
  'init.gain': number;
  /** null: leave the recurrent matrices' spectral radius as the scheme draws it. */
  'init.spectral_radius': number | null;
  'init.seed': number;
}

export type SpecFieldName = keyof SpecForm;

export interface SpecFieldDef {
  name: SpecFieldName;
  kind: 'int' | 'number' | 'boolean' | 'choice';
  choices?: readonly string[];
  min?: number;
  max?: number;
  step?: number;
  /** May be left empty (null). */
  nullable?: boolean;
  /** Group heading in the form. */
  group: 'shape' | 'behaviour' | 'output' | 'init';
}

export const SPEC_FIELDS: SpecFieldDef[] = [
  { name: 'input_size', kind: 'int', min: 1, max: 4096, group: 'shape' },
  { name: 'hidden_size', kind: 'int', min: 1, max: 4096, group: 'shape' },
  { name: 'num_layers', kind: 'int', min: 1, max: 16, group: 'shape' },
  { name: 'bidirectional', kind: 'boolean', group: 'shape' },
  { name: 'nonlinearity', kind: 'choice', choices: NONLINEARITIES, group: 'behaviour' },
  { name: 'bias', kind: 'boolean', group: 'behaviour' },
  { name: 'dropout', kind: 'number', min: 0, max: 1, step: 0.05, group: 'behaviour' },
  { name: 'batch_first', kind: 'boolean', group: 'behaviour' },
  { name: 'learn_h0', kind: 'boolean', group: 'behaviour' },
  { name: 'output_size', kind: 'int', min: 0, max: 4096, group: 'output' },
  { name: 'output_activation', kind: 'choice', choices: OUTPUT_ACTIVATIONS, group: 'output' },
  { name: 'shortcut', kind: 'boolean', group: 'output' },
  { name: 'init.scheme', kind: 'choice', choices: INIT_SCHEMES, group: 'init' },
  { name: 'init.gain', kind: 'number', min: 0, step: 0.1, group: 'init' },
  { name: 'init.spectral_radius', kind: 'number', min: 0, step: 0.1, nullable: true, group: 'init' },
  { name: 'init.seed', kind: 'int', min: 0, group: 'init' },
];

export const FIELD_GROUPS = ['shape', 'behaviour', 'output', 'init'] as const;

/** What "New" creates: a small Elman network with one input and one output, ready for a task. */
export const DEFAULT_SPEC: ModelSpecInput = { arch: 'elman', input_size: 1, hidden_size: 16, output_size: 1 };

export const DEFAULT_FORM: SpecForm = {
  arch: 'elman', input_size: 1, hidden_size: 16, num_layers: 1, nonlinearity: 'tanh', bias: true, batch_first: true,
  dropout: 0, bidirectional: false, output_size: 1, output_activation: 'none', shortcut: false, learn_h0: false,
  'init.scheme': 'pytorch', 'init.gain': 1, 'init.spectral_radius': null, 'init.seed': 0,
};

export function formFromSpec(spec: ModelSpecView): SpecForm {
  return {
    arch: (ARCHITECTURES as readonly string[]).includes(spec.arch) ? (spec.arch as Arch) : 'elman',
    input_size: spec.input_size, hidden_size: spec.hidden_size, num_layers: spec.num_layers,
    nonlinearity: spec.nonlinearity, bias: spec.bias, batch_first: spec.batch_first, dropout: spec.dropout,
    bidirectional: spec.bidirectional, output_size: spec.output_size, output_activation: spec.output_activation,
    shortcut: spec.shortcut, learn_h0: spec.learn_h0,
    'init.scheme': spec.init.scheme, 'init.gain': spec.init.gain,
    'init.spectral_radius': spec.init.spectral_radius, 'init.seed': spec.init.seed,
  };
}

/** The spec to send: fields that do not apply to the family (per checkSpec) are left out so the core's default holds. */
export function specFromForm(form: SpecForm, notApplicable: Record<string, string> = {}): ModelSpecInput {
  const spec: ModelSpecInput = { arch: form.arch };
  const init: NonNullable<ModelSpecInput['init']> = {};
  for (const def of SPEC_FIELDS) {
    if (def.name in notApplicable) continue;
    const value = form[def.name];
    if (def.name.startsWith('init.')) {
      (init as Record<string, unknown>)[def.name.slice(5)] = value;
    } else {
      (spec as unknown as Record<string, unknown>)[def.name] = value;
    }
  }
  spec.init = init;
  return spec;
}

/** Reads an <input>'s text into the field's value: numbers parsed (NaN kept, so the core names the field), '' -> null when nullable. */
export function parseFieldInput(def: SpecFieldDef, raw: string | boolean): SpecForm[SpecFieldName] {
  if (def.kind === 'boolean') return Boolean(raw);
  if (def.kind === 'choice') return String(raw);
  const text = String(raw).trim();
  if (text === '' && def.nullable) return null;
  return text === '' ? Number.NaN : Number(text);
}

const SINGLE_LAYER = ['elman', 'jordan', 'gated'];
const FIXED_TANH = ['lstm', 'gru', 'gated'];

/** The form after picking another family: fields the new family cannot have go back to their neutral value, so
 * the first check does not fail on a leftover (an Elman shortcut on an LSTM); the rest is kept. */
export function switchFamily(form: SpecForm, arch: Arch): SpecForm {
  const next: SpecForm = { ...form, arch };
  if (arch !== 'elman') next.shortcut = false;
  if (arch !== 'gated') next.learn_h0 = false;
  if (SINGLE_LAYER.includes(arch)) {
    next.num_layers = 1;
    next.bidirectional = false;
    next.dropout = 0;
  }
  if (FIXED_TANH.includes(arch)) next.nonlinearity = 'tanh';
  if (arch === 'jordan' && next.output_size < 1) next.output_size = 1;
  return next;
}

/** The first number field that does not hold a number, for an inline message before asking the core. */
export function firstNotANumber(form: SpecForm): SpecFieldName | null {
  for (const def of SPEC_FIELDS) {
    const value = form[def.name];
    if ((def.kind === 'int' || def.kind === 'number') && typeof value === 'number' && !Number.isFinite(value)) return def.name;
  }
  return null;
}

/** Whether two forms describe the same spec (what Apply would change). */
export function sameSpec(a: SpecForm, b: SpecForm): boolean {
  return SPEC_FIELDS.every((d) => a[d.name] === b[d.name]) && a.arch === b.arch;
}

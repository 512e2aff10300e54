// The Design form's pure logic: summary -> form -> spec (omitting fields that do not apply), switching families,
// reading inputs, and the equation markup.
import { describe, expect, it } from 'vitest';
import type { ModelSpecView } from '../../src-main/api/lab-api';
import { mathParts } from '../../src-renderer/src/components/math/math-parts';
import { FAMILIES } from '../../src-renderer/src/views/design/families';
import {
  DEFAULT_FORM, SPEC_FIELDS, firstNotANumber, formFromSpec, parseFieldInput, sameSpec, specFromForm, switchFamily,
} from '../../src-renderer/src/views/design/spec-form';

const view: ModelSpecView = {
  arch: 'rnn', input_size: 2, hidden_size: 100, num_layers: 2, nonlinearity: 'relu', bias: true, batch_first: true,
  dropout: 0.1, bidirectional: true, output_size: 1, output_activation: 'none', shortcut: false, learn_h0: false,
  init: { scheme: 'identity', gain: 1, spectral_radius: null, seed: 7 },
};

describe('spec form', () => {
  it('round-trips a project spec through the form', () => {
    const form = formFromSpec(view);
    expect(form['init.scheme']).toBe('identity');
    const spec = specFromForm(form);
    expect(spec).toEqual({ ...view, init: { ...view.init } });
  });

  it('leaves out the fields the core says do not apply, so its defaults hold', () => {
    const spec = specFromForm({ ...DEFAULT_FORM, shortcut: true }, { shortcut: 'only elman', 'init.spectral_radius': 'x' });
    expect(spec).not.toHaveProperty('shortcut');
    expect(spec.init).not.toHaveProperty('spectral_radius');
    expect(spec.hidden_size).toBe(16);
  });

  it('resets what the new family cannot have and keeps the rest', () => {
    const elman = { ...DEFAULT_FORM, shortcut: true, hidden_size: 32, nonlinearity: 'relu' };
    const lstm = switchFamily(elman, 'lstm');
    expect(lstm).toMatchObject({ arch: 'lstm', shortcut: false, hidden_size: 32, nonlinearity: 'tanh' });
    const deep = switchFamily({ ...formFromSpec(view) }, 'jordan');
    expect(deep).toMatchObject({ num_layers: 1, bidirectional: false, dropout: 0, nonlinearity: 'relu', output_size: 1 });
    expect(switchFamily({ ...DEFAULT_FORM, output_size: 0 }, 'jordan').output_size).toBe(1);
    expect(switchFamily({ ...DEFAULT_FORM, learn_h0: true, arch: 'gated' }, 'gru').learn_h0).toBe(false);
  });

  it('reads inputs: numbers, empty optional as null, empty required as not-a-number', () => {
    const def = (name: string) => SPEC_FIELDS.find((d) => d.name === name)!;
    expect(parseFieldInput(def('hidden_size'), '64')).toBe(64);
    expect(parseFieldInput(def('init.spectral_radius'), '')).toBeNull();
    expect(parseFieldInput(def('hidden_size'), '')).toBeNaN();
    expect(parseFieldInput(def('bias'), false)).toBe(false);
    expect(firstNotANumber({ ...DEFAULT_FORM, hidden_size: Number.NaN })).toBe('hidden_size');
    expect(firstNotANumber(DEFAULT_FORM)).toBeNull();
  });

  it('compares forms field by field', () => {
    expect(sameSpec(DEFAULT_FORM, { ...DEFAULT_FORM })).toBe(true);
    expect(sameSpec(DEFAULT_FORM, { ...DEFAULT_FORM, 'init.seed': 1 })).toBe(false);
  });

  it('has a field for every spec option', () => {
    const names = SPEC_FIELDS.map((d) => d.name.replace('init.', ''));
    expect(names.sort()).toEqual([...Object.keys(view).filter((k) => k !== 'arch' && k !== 'init'), ...Object.keys(view.init)].sort());
  });
});

describe('equations', () => {
  it('splits the markup into plain, subscript and superscript runs', () => {
    expect(mathParts('h_{t−1} + W^{(x_t)} x_t')).toEqual([
      { text: 'h', kind: 'plain' }, { text: 't−1', kind: 'sub' }, { text: ' + W', kind: 'plain' },
      { text: '(x_t)', kind: 'sup' }, { text: ' x', kind: 'plain' }, { text: 't', kind: 'sub' },
    ]);
  });

  it('covers all six families', () => {
    expect(FAMILIES.map((f) => f.arch)).toEqual(['elman', 'jordan', 'gated', 'rnn', 'lstm', 'gru']);
    for (const f of FAMILIES) expect(f.equations.length).toBeGreaterThan(0);
  });
});

// Editing the model: checkSpec without changing anything, updateSpec keeping the weights whose shapes fit,
// resetWeights, applyRemedy, and undo/redo over all of them with labels, the unsaved flag and change events.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ProjectSummary } from '../../src-main/api/lab-api';
import { LabService } from '../../src-main/core/lab/lab-service';
import { error, openTomita, value } from './helpers';

let lab: LabService;
beforeEach(() => {
  lab = new LabService({ engine: 'reference' });
});
afterEach(() => lab.dispose());

const rnn = { arch: 'rnn', input_size: 2, hidden_size: 3, output_size: 1 };
const weights = () => lab.context.workspace.require().weights;

describe('checkSpec', () => {
  it('counts the parameters of a valid spec and names the fields that do not apply', async () => {
    const check = value(await lab.checkSpec({ arch: 'lstm', input_size: 2, hidden_size: 3 }));
    expect(check).toMatchObject({ error: null, field: null, parameterCount: 4 * 3 * (2 + 3 + 2) });
    expect(check.parameters[0]).toEqual({ name: 'weight_ih_l0', shape: [12, 2], count: 24 });
    expect(check.notApplicable).toMatchObject({ shortcut: expect.any(String), learn_h0: expect.any(String), nonlinearity: 'lstm has fixed tanh/sigmoid gates' });
    expect(value(await lab.checkSpec({ arch: 'elman', input_size: 1, hidden_size: 2 })).notApplicable.num_layers).toBe('elman networks have one layer');
  });

  it('answers the error and its field for a bad spec, and changes nothing', async () => {
    expect(value(await lab.checkSpec({ arch: 'rnn', input_size: 1, hidden_size: 0 }))).toMatchObject({
      error: 'invalid model spec: hidden_size: expected a hidden size from 1 to 4096, found 0', field: 'hidden_size', parameters: [], parameterCount: 0,
    });
    expect(value(await lab.checkSpec({ arch: 'rnn', input_size: 1, hidden_size: 2, init: { gain: -1 } })).field).toBe('init.gain');
    expect(value(await lab.checkSpec({ arch: 'rnn', input_size: 1, hidden_size: 2, colour: 1 })).field).toBe('colour');
    expect(value(await lab.checkSpec('lstm')).error).toMatch(/^invalid model spec: /);
    expect(error(await lab.describeProject())).toMatch(/^no project is open/);
  });
});

describe('updateSpec', () => {
  it('keeps the weights whose shapes fit, re-initialises the rest, says which, and undoes', async () => {
    value(await lab.newProject({ spec: rnn }));
    const before = structuredClone(weights());
    const outcome = value(await lab.updateSpec({ ...rnn, hidden_size: 4 }));
    expect(outcome.kept).toEqual(['head.bias']);
    expect(outcome.reinitialised).toContain('weight_hh_l0');
    const widerOut = value(await lab.updateSpec({ ...rnn, hidden_size: 4, output_size: 2 }));
    expect(widerOut.kept).toEqual(['weight_ih_l0', 'weight_hh_l0', 'bias_ih_l0', 'bias_hh_l0']);
    expect(widerOut.reinitialised).toEqual(['head.weight', 'head.bias']);
    expect(widerOut.message).toBe('Changed output_size: re-initialised head.weight and head.bias and kept 4 weights (weight_ih_l0, weight_hh_l0, ...).');
    expect(widerOut.summary).toMatchObject({ unsaved: true, undoLabel: 'Change output_size', redoLabel: null });
    const undone = value(await lab.undo());
    expect(undone.summary.spec.output_size).toBe(1);
    expect(undone.summary.redoLabel).toBe('Change output_size');
    value(await lab.undo());
    expect(Array.from(weights()['weight_hh_l0'].data)).toEqual(Array.from(before['weight_hh_l0'].data));
    expect(error(await lab.undo())).toBe('nothing to undo');
    expect(value(await lab.redo()).summary.spec.hidden_size).toBe(4);
    // A new edit clears the redo stack.
    value(await lab.updateSpec({ ...rnn, hidden_size: 5 }));
    expect(error(await lab.redo())).toBe('nothing to redo');
  });

  it('a changed initialisation draws every weight again; a trained project hears its run cannot resume', async () => {
    openTomita(lab, { steps: 5 });
    const spec = lab.context.workspace.require().spec;
    lab.context.workspace.require().training!.checkpoint = { trainer: {}, weights_f64: {} };
    const outcome = value(await lab.updateSpec({ ...spec, init: { ...spec.init, seed: 9 } }));
    expect(outcome.kept).toEqual([]);
    expect(outcome.message).toMatch(/^Changed init\.seed: every weight was re-initialised; the trained run cannot be resumed, the next run starts at step 0\.$/);
    expect(lab.context.workspace.require().training!.checkpoint).toBeNull();
  });

  it('refuses a bad spec in one line and keeps the project', async () => {
    value(await lab.newProject({ spec: rnn }));
    expect(error(await lab.updateSpec({ ...rnn, num_layers: 0 }))).toBe('invalid model spec: num_layers: expected from 1 to 16 layers, found 0');
    expect(value(await lab.describeProject()).undoLabel).toBeNull();
  });
});

describe('resetWeights', () => {
  it('draws every weight with a new seed, undoably; refuses a bad seed', async () => {
    value(await lab.newProject({ spec: rnn }));
    const before = Array.from(weights()['weight_hh_l0'].data);
    const outcome = value(await lab.resetWeights(42));
    expect(outcome.summary.spec.init.seed).toBe(42);
    expect(outcome.reinitialised).toHaveLength(6);
    expect(Array.from(weights()['weight_hh_l0'].data)).not.toEqual(before);
    expect(outcome.message).toBe('Re-initialised every weight (pytorch, seed 42).');
    expect(error(await lab.resetWeights(-1))).toBe('reset weights: expected a seed from 0 to 4294967295, found -1');
    expect(error(await lab.resetWeights('1' as never))).toBe('reset weights: expected a seed as a whole number, found "1"');
  });
});

describe('applyRemedy', () => {
  it('switches tanh to ReLU and re-initialises weight_hh_l0 as the identity, keeping the rest', async () => {
    value(await lab.newProject({ spec: rnn }));
    const outcome = value(await lab.applyRemedy({ kind: 'relu-identity' }));
    expect(outcome.message).toBe('Switched tanh to ReLU and re-initialised weight_hh_l0 as the identity; kept 5 weights (weight_ih_l0, bias_ih_l0, ...).');
    expect(outcome.reinitialised).toEqual(['weight_hh_l0']);
    expect(Array.from(weights()['weight_hh_l0'].data)).toEqual([1, 0, 0, 0, 1, 0, 0, 0, 1]);
    expect(outcome.summary.spec).toMatchObject({ nonlinearity: 'relu', init: { scheme: 'identity' } });
    expect(value(await lab.undo()).summary.spec.nonlinearity).toBe('tanh');
  });

  it('enables clipping and lowers the learning rate in the training settings, keeping the weights', async () => {
    openTomita(lab, { lr: 0.02 });
    const clip = value(await lab.applyRemedy({ kind: 'enable-clipping', maxNorm: 2.5 }));
    expect(clip.message).toBe('Enabled gradient clipping at norm 2.5; the weights are unchanged.');
    expect(lab.context.workspace.require().training!.settings).toMatchObject({ clip: { mode: 'norm', max_norm: 2.5 } });
    const lr = value(await lab.applyRemedy({ kind: 'lower-lr', factor: 0.5 }));
    expect(lr.message).toBe('Lowered the learning rate from 0.02 to 0.01; the weights are unchanged.');
    expect(lr.summary.undoLabel).toBe('Lower the learning rate');
  });

  it('switches the architecture keeping the sizes', async () => {
    value(await lab.newProject({ spec: rnn }));
    const outcome = value(await lab.applyRemedy({ kind: 'switch-arch', arch: 'gru' }));
    expect(outcome.summary.spec).toMatchObject({ arch: 'gru', input_size: 2, hidden_size: 3, output_size: 1 });
    expect(outcome.kept).toEqual(['head.weight', 'head.bias']);
  });

  it.each([
    [{ kind: 'nope' }, /^apply remedy: /],
    [{ kind: 'lower-lr', factor: 2 }, 'apply remedy: factor: expected a factor in (0, 1), found 2'],
    [{ kind: 'switch-arch', arch: 'elman' }, "apply remedy: arch: expected 'lstm' or 'gru', found \"elman\""],
    ['clip', /^apply remedy: expected a remedy action like/],
  ])('refuses %j in one line', async (action, expected) => {
    value(await lab.newProject({ spec: rnn }));
    const message = error(await lab.applyRemedy(action as never));
    if (typeof expected === 'string') expect(message).toBe(expected);
    else expect(message).toMatch(expected);
    expect(message).not.toContain('\n');
  });
});

describe('project change events', () => {
  it('every edit, undo and redo is heard with the undo state', async () => {
    const heard: (ProjectSummary | null)[] = [];
    lab.onProjectChanged((s) => heard.push(s));
    value(await lab.newProject({ spec: rnn }));
    value(await lab.resetWeights(3));
    value(await lab.undo());
    value(await lab.redo());
    expect(heard.map((s) => [s?.undoLabel, s?.redoLabel])).toEqual([
      [null, null],
      ['Reset the weights', null],
      [null, 'Reset the weights'],
      ['Reset the weights', null],
    ]);
  });
});

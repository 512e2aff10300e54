// The core says what happened as kinds and numbers beside its English (which the CLI prints): error codes with
// params for what a user meets in the UI, edit labels, field changes and notes on every edit, undo/redo labels on the
// summary, and why a run stopped. The renderer words these (test/renderer/core-wording.test.ts).
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ERROR_CODES, type Failure, type Result } from '../../src-main/api/lab-api';
import { inProcessChannelFactory } from '../../src-main/core/compute/in-process-channel';
import { LabService } from '../../src-main/core/lab/lab-service';
import { parseOldChangeLines, stopReasonOfOldRecord } from '../../src-main/core/lab/stop-reason';
import { settingsChanges } from '../../src-main/core/lab/training-record';
import { openTomita, value } from './helpers';

let lab: LabService;
beforeEach(() => {
  lab = new LabService({ engine: 'reference' });
});
afterEach(() => lab.dispose());

function failed(result: Result<unknown>): Failure {
  if (result.ok) throw new Error('expected an error, found ok');
  return result;
}

const rnn = { arch: 'rnn', input_size: 2, hidden_size: 3, output_size: 1 };

describe('error codes', () => {
  it('name the field, the bound and the value found for a spec field out of range, of the wrong type, or not a choice', async () => {
    const check = async (spec: Record<string, unknown>) => {
      const c = value(await lab.checkSpec(spec));
      return { code: c.code, params: c.params };
    };
    expect(await check({ ...rnn, hidden_size: 0 })).toEqual({ code: 'field-too-small', params: { field: 'hidden_size', min: 1, exclusive: 0, found: '0' } });
    expect(await check({ ...rnn, hidden_size: 5000 })).toEqual({ code: 'field-too-large', params: { field: 'hidden_size', max: 4096, found: '5000' } });
    expect(await check({ ...rnn, hidden_size: 2.5 })).toMatchObject({ code: 'field-not-whole', params: { field: 'hidden_size' } });
    expect(await check({ ...rnn, nonlinearity: 'sigmoid' })).toEqual({ code: 'field-not-one-of', params: { field: 'nonlinearity', choices: 'tanh, relu', found: '"sigmoid"' } });
    expect(await check({ ...rnn, init: { gain: -1 } })).toEqual({ code: 'field-too-small', params: { field: 'init.gain', min: 0, exclusive: 1, found: '-1' } });
    expect(await check({ ...rnn, dropout: 1 })).toEqual({ code: 'field-out-of-range', params: { field: 'dropout', min: 0, max: 1, found: '1' } });
    expect(await check({ ...rnn, colour: 1 })).toEqual({ code: 'field-unknown', params: { field: 'colour' } });
    expect(await check(rnn)).toEqual({ code: null, params: {} });
  });

  it('name the cross-field rule a spec breaks, with the family', async () => {
    const c = value(await lab.checkSpec({ arch: 'lstm', input_size: 1, hidden_size: 2, nonlinearity: 'relu' }));
    expect(c).toMatchObject({ field: 'nonlinearity', code: 'spec-fixed-gates', params: { field: 'nonlinearity', arch: 'lstm', found: 'relu' } });
    expect(c.error).toBe("invalid model spec: nonlinearity: lstm has fixed tanh/sigmoid gates, found 'relu'");
    expect(value(await lab.checkSpec({ ...rnn, dropout: 0.2 })).code).toBe('spec-dropout-needs-layers');
  });

  it('come with the English sentence unchanged on requests: no project, nothing to undo, task params, CSV lines, project files', async () => {
    expect(failed(await lab.undo())).toEqual({ ok: false, error: 'no project is open: create a new project or open a file first', code: 'no-project', params: {} });
    value(await lab.newProject({ spec: rnn }));
    expect(failed(await lab.undo())).toMatchObject({ error: 'nothing to undo', code: 'nothing-to-undo' });
    expect(failed(await lab.redo())).toMatchObject({ code: 'nothing-to-redo' });
    expect(failed(await lab.setTask({ id: 'tomita', params: { grammar: 9 } }))).toMatchObject({ code: 'field-too-large', params: { task: 'tomita', field: 'grammar', max: 7, found: '9' } });
    expect(failed(await lab.setTask({ id: 'tomita', params: { length: 0 } }))).toMatchObject({ code: 'field-unknown', params: { task: 'tomita', field: 'length' } });
    expect(failed(await lab.setTask({ id: 'cloze', params: { length: 5, offset: 9 } }))).toMatchObject({ code: 'task-params', params: { task: 'cloze', field: 'offset', found: '9' } });
    const csv = failed(await lab.previewCsv({ file: { fileName: 'a.csv', text: 'a,b\n1,2\n3\n' } }));
    expect(csv).toMatchObject({ error: 'a.csv: line 3: expected 2 fields (as in line 1), found 1', code: 'csv-field-count', params: { line: 3, expected: 2, found: 1 } });
    const notNumber = failed(await lab.setTask({ id: 'csv', params: { targets: ['v'] }, data: { fileName: 'b.csv', text: 'v\n1\nx\n2\n3\n4\n5\n6\n7\n8\n9\n10\n' } }));
    expect(notNumber).toMatchObject({ code: 'csv-not-number', params: { line: 3, column: 'v', found: 'x' } });
    const bytes = (text: string) => ({ fileName: 'broken.rnnlab', base64: Buffer.from(text).toString('base64') });
    expect(failed(await lab.openProjectBytes(bytes('{"format": "rnnlab-project", "ver')))).toMatchObject({ code: 'project-not-json', params: { file: 'broken.rnnlab' } });
    expect(failed(await lab.openProjectBytes(bytes('{"hello": 1}')))).toMatchObject({ code: 'project-not-rnnlab', params: { file: 'broken.rnnlab' } });
    expect(failed(await lab.openProjectBytes(bytes('  ')))).toMatchObject({ code: 'project-empty' });
    expect(failed(await lab.openProject('/nowhere/gone.rnnlab'))).toMatchObject({ code: 'file-not-found', params: { path: 'gone.rnnlab' } });
    value(await lab.newProject({ spec: rnn }));
    expect(failed(await lab.saveProject('/nowhere/at/all/kept.rnnlab'))).toMatchObject({ code: 'save-no-folder', params: { file: 'kept.rnnlab' } });
  });

  it('cross the compute process: a file that is not an ONNX model says so by code', async () => {
    const computed = new LabService({ engine: 'reference', compute: inProcessChannelFactory });
    try {
      const answer = failed(await computed.openOnnxBytes({ fileName: 'notes.onnx', base64: Buffer.from('hello, not a model').toString('base64') }));
      expect(answer).toMatchObject({ code: 'onnx-not-a-model', params: { file: 'notes.onnx' } });
      expect(answer.error).toMatch(/^notes\.onnx: expected an ONNX model/);
    } finally {
      computed.dispose();
    }
  });

  it('name what is wrong with a typed Inspect input or target, beside the English sentence the CLI prints', async () => {
    openTomita(lab);
    const symbol = failed(await lab.inspect({ input: '0120' }));
    expect(symbol).toMatchObject({ error: "input: '2' at position 3 is not in the alphabet 01", code: 'inspect-not-in-alphabet', params: { symbol: '2', position: 3, alphabet: '01', input: 'input' } });
    expect(failed(await lab.inspect({ input: '0101', target: 'maybe' }))).toMatchObject({ code: 'inspect-target-verdict', params: { input: 'target', found: '"maybe"' } });
    expect(failed(await lab.inspect({ input: [[1, 0], [0]] }))).toMatchObject({ code: 'inspect-row-width', params: { row: 2, expected: 2, found: 1 } });
    const probe = failed(await lab.trajectories({ probes: ['01', '0a'] }));
    expect(probe).toMatchObject({ code: 'inspect-not-in-alphabet', params: { symbol: 'a', position: 2, probe: 2 } });
    expect(probe.error).toMatch(/^probe 2: 'a' at position 2/);
  });

  it('name a refused training setting by its path, and a rule across settings', async () => {
    openTomita(lab);
    const lr = failed(await lab.updateSettings({ training: { lr: -1 } }));
    expect(lr).toMatchObject({ code: 'field-too-small', params: { field: 'training.lr', min: 0, exclusive: 1, found: '-1' } });
    expect(lr.error).toMatch(/^invalid training settings: lr: expected a learning rate above 0/);
    expect(failed(await lab.updateSettings({ training: { optimizer: { kind: 'sgd', momentum: 1.5 } } }))).toMatchObject({ code: 'field-out-of-range', params: { field: 'training.optimizer.momentum', min: 0, max: 1 } });
    expect(failed(await lab.updateSettings({ training: { epochs: 3, steps: 50 } }))).toMatchObject({ code: 'settings-epochs-and-steps', params: { field: 'training.steps', epochs: 3, steps: 50 } });
    expect(failed(await lab.updateSettings({ run: { threads: -1 } }))).toMatchObject({ code: 'field-too-small', params: { field: 'run.threads', min: 0 } });
  });

  it('name what does not fit in an ONNX run: a fixed axis, a symbolic axis two inputs share, a value of the wrong type', async () => {
    const computed = new LabService({ engine: 'reference', compute: inProcessChannelFactory });
    try {
      value(await computed.newProject({ spec: { arch: 'gru', input_size: 2, hidden_size: 3, output_size: 1 } }));
      const path = join(mkdtempSync(join(tmpdir(), 'rnnlab-kinds-')), 'm.onnx');
      value(await computed.exportOnnx({ path, initialState: true }));
      const opened = value(await computed.openOnnx(path));
      const [x, h0] = opened.inputs;
      expect(h0, 'the export with an initial state has an h0 input').toBeDefined();
      const run = (inputs: Record<string, unknown>) => computed.runOnnx({ modelId: opened.modelId, inputs });
      const h = (batch: number) => [Array.from({ length: batch }, () => [0, 0, 0])];
      const wide = failed(await run({ [x.name]: [[[1, 0, 0]]], [h0.name]: h(1) }));
      expect(wide).toMatchObject({ code: 'onnx-input-shape', params: { input: x.name, found: '[1][1][3]' } });
      expect(wide.error).toMatch(new RegExp(`^input ${x.name}: expected `));
      const batch = failed(await run({ [x.name]: [[[1, 0]], [[0, 1]]], [h0.name]: h(1) }));
      expect(batch).toMatchObject({ code: 'onnx-input-dim', params: { input: h0.name, expected: 2, other: x.name, found: 1 } });
      expect(failed(await run({ [x.name]: [[[1, 'a']]], [h0.name]: h(1) }))).toMatchObject({ code: 'onnx-input-value', params: { type: 'float32', found: '"a"' } });
      expect(failed(await run({ [x.name]: [[[1, 0]]] }))).toMatchObject({ code: 'onnx-input-missing', params: { input: h0.name } });
    } finally {
      computed.dispose();
    }
  }, 60_000);

  it('are all listed in ERROR_CODES: every code the core and the hosts raise', () => {
    const roots = ['../../src-main/core', '../../src-main/electron', '../../src-main/web', '../../src-renderer/src/api'].map((r) => resolve(__dirname, r));
    const files = (dir: string): string[] => readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
    const raised = new Set<string>();
    for (const file of roots.flatMap(files)) {
      for (const m of readFileSync(file, 'utf8').matchAll(/\bcode: '([a-z0-9-]+)'/g)) raised.add(m[1]);
      for (const m of readFileSync(file, 'utf8').matchAll(/new Problem\([^;]*, '([a-z-]+)'\)/g)) raised.add(m[1]);
      for (const m of readFileSync(file, 'utf8').matchAll(/\bcoded\([^,]+, '([a-z-]+)'/g)) raised.add(m[1]);
    }
    expect(raised.size).toBeGreaterThan(20);
    const ours = [...raised].filter((c) => !(ERROR_CODES as readonly string[]).includes(c));
    expect(ours).toEqual([]);
  });
});

describe('edits as kinds and numbers', () => {
  it('a spec change lists its fields with old and new values, the undo label names it, and undo swaps the values', async () => {
    value(await lab.newProject({ spec: rnn }));
    const outcome = value(await lab.updateSpec({ ...rnn, hidden_size: 4, nonlinearity: 'relu' }));
    expect(outcome).toMatchObject({
      edit: { kind: 'spec', params: { fields: 'hidden_size, nonlinearity' } },
      direction: 'do',
      changes: [{ field: 'hidden_size', from: 3, to: 4 }, { field: 'nonlinearity', from: 'tanh', to: 'relu' }],
      notes: [],
    });
    expect(outcome.summary).toMatchObject({ undoLabel: 'Change hidden_size, nonlinearity', undo: { kind: 'spec', params: { fields: 'hidden_size, nonlinearity' } }, redo: null });
    const undone = value(await lab.undo());
    expect(undone).toMatchObject({ direction: 'undo', edit: { kind: 'spec' }, changes: [{ field: 'hidden_size', from: 4, to: 3 }, { field: 'nonlinearity', from: 'relu', to: 'tanh' }] });
    expect(undone.summary).toMatchObject({ undo: null, redo: { kind: 'spec' } });
    expect(value(await lab.redo())).toMatchObject({ direction: 'redo', changes: [{ field: 'hidden_size', from: 3, to: 4 }, { field: 'nonlinearity', from: 'tanh', to: 'relu' }] });
  });

  it('a remedy carries its action and numbers; a task its sizes and what the model lacks; settings their paths', async () => {
    openTomita(lab, { lr: 0.02 });
    const lowered = value(await lab.applyRemedy({ kind: 'lower-lr', factor: 0.5 }));
    expect(lowered.edit).toEqual({ kind: 'remedy', params: { action: 'lower-lr', factor: 0.5, from: 0.02, to: 0.01 } });
    expect(lowered.changes).toEqual([{ field: 'training.lr', from: 0.02, to: 0.01 }]);
    const arch = value(await lab.applyRemedy({ kind: 'switch-arch', arch: 'gru' }));
    expect(arch.edit).toEqual({ kind: 'remedy', params: { action: 'switch-arch', arch: 'gru', from: 'gated' } });
    expect(arch.notes).toEqual([]);
    const task = value(await lab.setTask({ id: 'anbn' }));
    expect(task.edit).toMatchObject({ kind: 'task', params: { task: 'anbn', train: expect.any(Number), validation: expect.any(Number), test: expect.any(Number) } });
    expect(task.notes.map((n) => n.kind)).toContain('task-needs-input-size');
    const settings = value(await lab.updateSettings({ training: { batch_size: 7 } }));
    expect(settings).toMatchObject({ edit: { kind: 'settings', params: { path: 'training.batch_size' } }, changes: [{ field: 'training.batch_size', to: 7 }] });
    const reset = value(await lab.resetWeights(5));
    expect(reset.edit).toEqual({ kind: 'reset', params: { scheme: 'orthogonal', seed: 5 } });
    value(await lab.newProject({ spec: rnn }));
    const relu = value(await lab.applyRemedy({ kind: 'relu-identity' }));
    expect(relu).toMatchObject({ edit: { kind: 'remedy', params: { action: 'relu-identity', from: 'tanh' } }, reinitialised: ['weight_hh_l0'] });
  });
});

describe('why a run stopped and what changed from the previous run', () => {
  it("reads the training loop's sentences as kinds with the step; anything else is a failure with its reason", () => {
    expect(stopReasonOfOldRecord('non-finite gradients at step 12')).toEqual({ kind: 'nonfinite-gradients', params: { step: 12 } });
    expect(stopReasonOfOldRecord('the monitor stopped the run at step 40')).toEqual({ kind: 'monitor', params: { step: 40 } });
    expect(stopReasonOfOldRecord('the update at step 3 made weights non-finite (learning rate too high?)')).toEqual({ kind: 'nonfinite-weights', params: { step: 3 } });
    expect(stopReasonOfOldRecord('out of memory')).toEqual({ kind: 'failed', params: { reason: 'out of memory' } });
    expect(stopReasonOfOldRecord(null)).toBeNull();
  });

  it('gives each changed setting as a field with values beside the English line, and reads older records back', () => {
    const { lines, changed } = settingsChanges({ training: { lr: 0.02, clip: { mode: 'none' } } }, { training: { lr: 0.005, clip: { mode: 'norm' } } });
    expect(lines).toEqual(['training.lr: 0.02 -> 0.005', 'training.clip.mode: none -> norm']);
    expect(changed).toEqual([{ field: 'training.lr', from: 0.02, to: 0.005 }, { field: 'training.clip.mode', from: 'none', to: 'norm' }]);
    expect(parseOldChangeLines(lines)).toEqual(changed);
  });
});

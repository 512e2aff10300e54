// The Lab service answers every LabApi method with a result: good input gives the value, bad input one sentence.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LAB_METHODS, type ProjectSummary, type Result } from '../../src-main/api/lab-api';
import { referenceEngine } from '../../src-main/core/engine/reference/index';
import { callLabMethod } from '../../src-main/core/lab/dispatch';
import { EXAMPLES } from '../../src-main/core/lab/examples';
import { LabService } from '../../src-main/core/lab/lab-service';
import { loadProject } from '../../src-main/core/project/index';

const dir = mkdtempSync(join(tmpdir(), 'rnnlab-lab-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function value<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`expected ok, found error: ${result.error}`);
  return result.value;
}
function error(result: Result<unknown>): string {
  if (result.ok) throw new Error('expected an error, found ok');
  return result.error;
}

let lab: LabService;
beforeEach(() => {
  lab = new LabService({ engine: 'reference' });
});
afterEach(() => lab.dispose());

describe('engineInfo', () => {
  it('names the engine asked for, without a warning when it is available', async () => {
    expect(value(await lab.engineInfo())).toEqual({ name: 'reference', warning: null });
  });

  it('names the engine in use by default and carries any fallback warning as text or null', async () => {
    const other = new LabService();
    const info = value(await other.engineInfo());
    other.dispose();
    expect(['native', 'reference']).toContain(info.name);
    if (info.name === 'reference') expect(info.warning).toMatch(/native/);
  });
});

describe('newProject', () => {
  it('creates a project whose summary lists every parameter with its shape', async () => {
    const spec = { arch: 'gru', input_size: 3, hidden_size: 4, num_layers: 2, bidirectional: true, output_size: 2 };
    const summary = value(await lab.newProject({ name: 'demo', spec }));
    expect(summary).toMatchObject({ name: 'demo', path: null, unsaved: true, directions: 2 });
    expect(summary.spec).toMatchObject({ ...spec, nonlinearity: 'tanh', bias: true, dropout: 0 });
    expect(summary.parameters.slice(0, 4)).toEqual([
      { name: 'weight_ih_l0', shape: [12, 3], count: 36 },
      { name: 'weight_hh_l0', shape: [12, 4], count: 48 },
      { name: 'bias_ih_l0', shape: [12], count: 12 },
      { name: 'bias_hh_l0', shape: [12], count: 12 },
    ]);
    expect(summary.parameters.map((p) => p.name)).toContain('weight_ih_l1_reverse');
    expect(summary.parameters.at(-2)).toEqual({ name: 'head.weight', shape: [2, 8], count: 16 });
    // 2 directions x (layer 0: 36+48+24, layer 1: 96+48+24) + head 16+2
    expect(summary.parameterCount).toBe(2 * (108 + 168) + 18);
    expect(value(await lab.describeProject())).toEqual(summary);
  });

  it.each([
    [{ spec: { arch: 'rnn', input_size: 1, hidden_size: 0 } }, 'invalid model spec: hidden_size: expected a hidden size from 1 to 4096, found 0'],
    [{ spec: { arch: 'lstm', input_size: 2, hidden_size: 3, colour: 'red' } }, "invalid model spec: unknown field 'colour'"],
    [{ spec: { arch: 'elman', input_size: 2, hidden_size: 3, num_layers: 2 } }, 'invalid model spec: num_layers: elman networks have one layer, found 2'],
    [{ name: 'x' }, 'new project: spec: expected a model spec'],
    [{ name: '  ', spec: { arch: 'rnn' } }, 'new project: name: expected a non-empty name, found "  "'],
    ['lstm', 'new project: expected an object like {"name": "...", "spec": {"arch": "lstm", ...}}, found "lstm"'],
  ])('refuses %j with one sentence', async (request, expected) => {
    const message = error(await lab.newProject(request as never));
    if (typeof expected === 'string') expect(message).toBe(expected);
    else expect(message).toMatch(expected);
  });

  it('keeps the open project when a new one is refused', async () => {
    value(await lab.newProject({ spec: { arch: 'rnn', input_size: 1, hidden_size: 2 } }));
    error(await lab.newProject({ spec: { arch: 'rnn', input_size: -1, hidden_size: 2 } }));
    expect(value(await lab.describeProject()).spec.arch).toBe('rnn');
  });
});

describe('describeProject', () => {
  it('says that no project is open yet', async () => {
    expect(error(await lab.describeProject())).toBe('no project is open: create a new project or open a file first');
  });
});

describe('saveProject and openProject', () => {
  it('saves, keeps a backup on the second save, and opens the file again with the same summary', async () => {
    const file = join(dir, 'round-trip.rnnlab');
    const created = value(await lab.newProject({ name: 'trip', spec: { arch: 'lstm', input_size: 2, hidden_size: 3, output_size: 1 } }));
    expect(error(await lab.saveProject())).toBe('this project has never been saved: choose a file name to save it to');

    expect(value(await lab.saveProject(file))).toEqual({ path: file, backupPath: null });
    const firstBytes = readFileSync(file);
    expect(value(await lab.describeProject())).toMatchObject({ path: file, unsaved: false });
    expect(value(await lab.saveProject())).toEqual({ path: file, backupPath: `${file}.bak` });
    expect(readFileSync(`${file}.bak`)).toEqual(firstBytes);

    const other = new LabService({ engine: 'reference' });
    const opened = value(await other.openProject(file));
    expect(opened).toEqual({ ...created, path: file, unsaved: false });
    const onDisk = await loadProject(file);
    expect(Object.keys(onDisk.weights)).toEqual(created.parameters.map((p) => p.name));
  });

  it('resolves a relative path against the working directory', async () => {
    const file = join(dir, 'relative.rnnlab');
    value(await lab.newProject({ spec: { arch: 'rnn', input_size: 1, hidden_size: 2 } }));
    expect(value(await lab.saveProject(relative(process.cwd(), file))).path).toBe(file);
    expect(value(await lab.openProject(relative(process.cwd(), file))).path).toBe(file);
  });

  it('reports a missing file in one line and keeps the open project', async () => {
    value(await lab.newProject({ spec: { arch: 'gated', input_size: 2, hidden_size: 3 } }));
    const message = error(await lab.openProject(join(dir, 'nope.rnnlab')));
    expect(message).toMatch(/^nope\.rnnlab: cannot be read: no such file in /);
    expect(value(await lab.describeProject()).spec.arch).toBe('gated');
  });

  it('reports a corrupt file with the core message', async () => {
    const file = join(dir, 'corrupt.rnnlab');
    value(await lab.newProject({ spec: { arch: 'rnn', input_size: 1, hidden_size: 2 } }));
    value(await lab.saveProject(file));
    const text = readFileSync(file, 'utf8');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(file, text.slice(0, text.length / 2));
    expect(error(await lab.openProject(file))).toMatch(/^corrupt\.rnnlab: .*JSON/);
  });

  it.each([
    [123, 'open project: expected a file path as text, found 123'],
    ['', 'open project: expected a non-empty file path, found ""'],
    [undefined, 'open project: expected a file path as text'],
  ])('refuses the path %j', async (path, expected) => {
    expect(error(await lab.openProject(path as never))).toBe(expected);
  });

  it('refuses to save with nothing open or to a folder that does not exist', async () => {
    expect(error(await lab.saveProject(join(dir, 'a.rnnlab')))).toBe('no project is open: create a new project or open a file first');
    value(await lab.newProject({ spec: { arch: 'rnn', input_size: 1, hidden_size: 2 } }));
    const target = join(dir, 'missing-folder', 'a.rnnlab');
    expect(error(await lab.saveProject(target))).toMatch(/^a\.rnnlab: cannot save: the folder .*missing-folder does not exist$/);
    expect(existsSync(target)).toBe(false);
    expect(error(await lab.saveProject(false as never))).toBe('save project: expected a file path as text, found false');
  });
});

describe('onProjectChanged', () => {
  it('hears new, opened and saved projects until unsubscribed', async () => {
    const heard: (ProjectSummary | null)[] = [];
    const stop = lab.onProjectChanged((s) => heard.push(s));
    value(await lab.newProject({ name: 'one', spec: { arch: 'rnn', input_size: 1, hidden_size: 2 } }));
    const file = join(dir, 'events.rnnlab');
    value(await lab.saveProject(file));
    value(await lab.openProject(file));
    stop();
    stop();
    value(await lab.newProject({ name: 'two', spec: { arch: 'rnn', input_size: 1, hidden_size: 2 } }));
    expect(heard.map((s) => [s?.name, s?.path, s?.unsaved])).toEqual([
      ['one', null, true],
      ['one', file, false],
      ['one', file, false],
    ]);
  });

  it('a listener that throws does not break the request', async () => {
    lab.onProjectChanged(() => {
      throw new Error('window closed');
    });
    expect(value(await lab.newProject({ spec: { arch: 'rnn', input_size: 1, hidden_size: 2 } })).spec.arch).toBe('rnn');
  });
});

describe('examples', () => {
  it('lists the built-in examples and opens each of them', async () => {
    const examples = value(await lab.listExamples());
    expect(examples.map((e) => e.id)).toEqual(EXAMPLES.map((e) => e.id));
    expect(examples.every((e) => e.title.length > 0 && e.description.length > 0 && e.arch.length > 0)).toBe(true);
    for (const example of examples) {
      const summary = value(await lab.openExample(example.id));
      expect(summary).toMatchObject({ spec: { arch: example.arch }, unsaved: true });
    }
  });

  it('names the known ids when asked for an unknown one', async () => {
    expect(error(await lab.openExample('nope'))).toBe(`no example 'nope': expected one of ${EXAMPLES.map((e) => e.id).join(', ')}`);
    expect(error(await lab.openExample(7 as never))).toBe('open example: expected an example id as text, found 7');
  });
});

describe('evaluate', () => {
  const spec = { arch: 'lstm', input_size: 2, hidden_size: 3, num_layers: 2, bidirectional: true, output_size: 1, output_activation: 'sigmoid' };
  const x = [
    [[0.1, -0.2], [0.3, 0.4], [-0.5, 0.6]],
    [[1, 0], [0, 1], [0.5, 0.5]],
  ];

  it('returns output, y, h_n and c_n in nested form, equal to the engine run directly', async () => {
    // Open from a file so the test can load the very same (float32-rounded) weights for the direct engine run.
    const file = join(dir, 'evaluate.rnnlab');
    value(await lab.newProject({ spec }));
    value(await lab.saveProject(file));
    value(await lab.openProject(file));
    const h0 = [0, 1, 2, 3].map((k) => [0, 1].map((b) => [0.1 * k, -0.1 * b, 0.05]));
    const result = value(await lab.evaluate({ x, h0 }));
    expect([result.output.length, result.output[0].length, result.output[0][0].length]).toEqual([2, 3, 6]);
    expect([result.h_n.length, result.h_n[0].length, result.h_n[0][0].length]).toEqual([4, 2, 3]);
    expect(result.c_n?.length).toBe(4);
    expect(result.y?.[1][2]).toHaveLength(1);

    const model = await loadProject(file);
    const input = { batch: 2, steps: 3, x: Float64Array.from(x.flat(2)), h0: Float64Array.from(h0.flat(2)) };
    const pass = referenceEngine.forward(model, input);
    expect(result.output.flat(2)).toEqual(Array.from(pass.output));
    expect(result.h_n.flat(2)).toEqual(Array.from(pass.hN));
    expect(result.c_n?.flat(2)).toEqual(Array.from(pass.cN ?? []));
    expect(result.y?.flat(2)).toEqual(Array.from(pass.y ?? []));
    expect(result.y?.flat(2).every((v) => v > 0 && v < 1)).toBe(true);
  });

  it.each([
    [{ x: [[[1, 2, 3]]] }, 'x: expected [batch][time][2] (input_size 2), found [1][1][3]'],
    [{ x: [[[1, 'a']]] }, 'x[0][0][1]: expected a finite number, found "a"'],
    [{ x: [[[1, 2]]], h0: [[[0, 0, 0]]] }, 'h0: expected [4][1][3] (layers*directions 4, batch 1, hidden_size 3), found [1][1][3]'],
    [{}, 'evaluate: x: expected x as [batch][time][input_size] numbers'],
    [{ x: [[[1, 2]]], dY: [] }, "evaluate: unknown field 'dY'"],
    [[[[1, 2]]], 'evaluate: expected an object like {"x": [batch][time][input_size] numbers}, found [[[1,2]]]'],
  ])('refuses %j with one sentence', async (request, expected) => {
    value(await lab.newProject({ spec }));
    expect(error(await lab.evaluate(request as never))).toBe(expected);
  });

  it('refuses state arrays the architecture does not have, and evaluating with nothing open', async () => {
    expect(error(await lab.evaluate({ x }))).toBe('no project is open: create a new project or open a file first');
    value(await lab.newProject({ spec: { arch: 'gru', input_size: 2, hidden_size: 3 } }));
    expect(error(await lab.evaluate({ x, c0: [] }))).toBe("c0: only lstm models have a cell state, found c0 for arch 'gru'");
    expect(error(await lab.evaluate({ x, y0: [] }))).toBe("y0: only jordan networks feed back their previous output, found y0 for arch 'gru'");
    expect(value(await lab.evaluate({ x })).y).toBeNull();
  });
});

describe('callLabMethod (the hosts\' dispatcher)', () => {
  it('calls a method by name with a list of arguments', async () => {
    const result = await callLabMethod(lab, 'newProject', [{ spec: { arch: 'rnn', input_size: 1, hidden_size: 2 } }]);
    expect(value(result as Result<ProjectSummary>).spec.arch).toBe('rnn');
  });

  it.each([
    ['constructor', [], `unknown lab method "constructor": expected one of ${LAB_METHODS.join(', ')}`],
    ['onProjectChanged', [], /^unknown lab method "onProjectChanged"/],
    [42, [], /^unknown lab method 42/],
    ['openProject', 'a.rnnlab', 'openProject: expected a list of at most 4 arguments'],
    ['openProject', [1, 2, 3, 4, 5], 'openProject: expected a list of at most 4 arguments'],
  ])('refuses method %j with arguments %j', async (method, args, expected) => {
    const message = error(await callLabMethod(lab, method, args));
    if (typeof expected === 'string') expect(message).toBe(expected);
    else expect(message).toMatch(expected);
  });
});

// `rnnlab eval`, `grad` and `gradcheck` against the engine called directly: same numbers, the documented
// nested shapes, one-line errors for input files that do not fit the model.
import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { referenceEngine } from '../../src-main/core/engine/reference/index';
import { toNested } from '../../src-main/core/io/nested';
import { loadProject } from '../../src-main/core/project/index';
import { Random } from '../../src-main/core/random';
import { paramLayout } from '../../src-main/core/spec/params';
import { lines, readJson, requireBuiltCli, runInProcess, scratchFolder, spawnCli, writeJson } from './cli-helpers';

requireBuiltCli();
const scratch = scratchFolder();

function randomNested(rng: Random, shape: number[]) {
  return toNested(rng.uniformArray(shape.reduce((a, b) => a * b, 1), -1, 1), shape);
}

async function newProject(name: string, flags: string[]) {
  const path = scratch.file(`${name}.rnnlab`);
  const result = await runInProcess(['new', ...flags, '-o', path]);
  expect(result.stderr).toBe('');
  return { path, project: await loadProject(path) };
}

describe('eval and grad agree with the engine', () => {
  // B=2, T=4, I=3, H=5, L=2, D=2, O=3.
  const flags = ['--arch', 'lstm', '--input-size', '3', '--hidden-size', '5', '--num-layers', '2', '--bidirectional'];
  const headFlags = ['--output-size', '3', '--output-activation', 'softmax', '--seed', '11'];

  it('lstm, 2 layers, bidirectional, softmax head, with h0 and c0 (spawned)', async () => {
    const { path, project } = await newProject('lstm', [...flags, ...headFlags]);
    const rng = new Random(3);
    const input = { x: randomNested(rng, [2, 4, 3]), h0: randomNested(rng, [4, 2, 5]), c0: randomNested(rng, [4, 2, 5]) };
    const seeds = {
      dOutput: randomNested(rng, [2, 4, 10]),
      dY: randomNested(rng, [2, 4, 3]),
      dhN: randomNested(rng, [4, 2, 5]),
      dcN: randomNested(rng, [4, 2, 5]),
    };
    const evalOut = scratch.file('eval-out.json');
    const gradOut = scratch.file('grad-out.json');
    const ev = spawnCli(['eval', path, '--input', writeJson(scratch.file('in.json'), input), '--output', evalOut, '--engine', 'reference']);
    expect([ev.code, ev.stderr, ev.stdout]).toEqual([0, '', '']);
    const gr = spawnCli(['grad', path, '--input', writeJson(scratch.file('in-grad.json'), { ...input, ...seeds }), '--output', gradOut, '--engine', 'reference']);
    expect([gr.code, gr.stderr, gr.stdout]).toEqual([0, '', '']);

    const flat = (v: unknown) => Float64Array.from((v as number[]).flat(3) as number[]);
    const batch = { batch: 2, steps: 4, x: flat(input.x), h0: flat(input.h0), c0: flat(input.c0) };
    const pass = referenceEngine.forward(project, batch, { training: false });
    expect(readJson(evalOut)).toEqual({
      y: toNested(pass.y!, [2, 4, 3]),
      output: toNested(pass.output, [2, 4, 10]),
      h_n: toNested(pass.hN, [4, 2, 5]),
      c_n: toNested(pass.cN!, [4, 2, 5]),
    });
    const grads = pass.backward({ dOutput: flat(seeds.dOutput), dY: flat(seeds.dY), dhN: flat(seeds.dhN), dcN: flat(seeds.dcN) });
    const expected = {
      grads: Object.fromEntries(paramLayout(project.spec).map((p) => [p.name, toNested(grads.params[p.name], p.shape)])),
      dx: toNested(grads.dx, [2, 4, 3]),
      dh0: toNested(grads.dh0, [4, 2, 5]),
      dc0: toNested(grads.dc0!, [4, 2, 5]),
    };
    expect(readJson(gradOut)).toEqual(expected);
  });

  it('jordan with y0, printed to stdout; grad of dY alone', async () => {
    const { path, project } = await newProject('jordan', ['--arch', 'jordan', '--input-size', '2', '--hidden-size', '3', '--output-size', '2']);
    const rng = new Random(5);
    const input = { x: randomNested(rng, [1, 3, 2]), y0: randomNested(rng, [1, 2]) };
    const dY = randomNested(rng, [1, 3, 2]);
    const ev = await runInProcess(['eval', path, '--input', writeJson(scratch.file('j.json'), input), '--engine', 'reference']);
    expect([ev.code, ev.stderr]).toEqual([0, '']);
    const batch = { batch: 1, steps: 3, x: Float64Array.from((input.x as number[][][]).flat(2)), y0: Float64Array.from((input.y0 as number[][]).flat()) };
    const pass = referenceEngine.forward(project, batch, { training: false });
    const out = JSON.parse(ev.stdout);
    expect(Object.keys(out)).toEqual(['y', 'output', 'h_n']);
    expect(out.y).toEqual(toNested(pass.y!, [1, 3, 2]));
    expect(out.h_n).toEqual(toNested(pass.hN, [1, 1, 3]));

    const gr = await runInProcess(['grad', path, '--input', writeJson(scratch.file('jg.json'), { ...input, dY }), '--engine', 'reference']);
    expect(gr.code).toBe(0);
    const grads = pass.backward({ dY: Float64Array.from((dY as number[][][]).flat(2)) });
    const json = JSON.parse(gr.stdout);
    expect(Object.keys(json)).toEqual(['grads', 'dx', 'dy0']);
    expect(Object.keys(json.grads)).toEqual(['weight_ih_l0', 'weight_yh_l0', 'bias_l0', 'head.weight', 'head.bias']);
    expect(json.grads.weight_yh_l0).toEqual(toNested(grads.params.weight_yh_l0, [3, 2]));
    expect(json.dy0).toEqual(toNested(grads.dy0!, [1, 2]));
    expect(json.dx).toEqual(toNested(grads.dx, [1, 3, 2]));
  });

  it('shows the engine fallback warning at most once, as one stderr line', async () => {
    const { path } = await newProject('gru', ['--arch', 'gru', '--input-size', '2', '--hidden-size', '2']);
    const result = await runInProcess(['eval', path, '--input', writeJson(scratch.file('g.json'), { x: [[[1, 0]]] })]);
    expect(result.code).toBe(0);
    expect(lines(result.stderr).length).toBeLessThanOrEqual(1);
    for (const line of lines(result.stderr)) expect(line).toMatch(/^rnnlab: warning: /);
  });
});

describe('input files that do not fit', () => {
  it('x of the wrong input size: expected and found shape, exit 1 (spawned)', async () => {
    const { path } = await newProject('rnn3', ['--arch', 'rnn', '--input-size', '3', '--hidden-size', '4']);
    const x = randomNested(new Random(1), [2, 5, 4]);
    const result = spawnCli(['eval', path, '--input', writeJson(scratch.file('wrong.json'), { x }), '--engine', 'reference']);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(lines(result.stderr)).toEqual(['rnnlab: x: expected [batch][time][3] (input_size 3), found [2][5][4]']);
  });

  it.each([
    ['a ragged x', { x: [[[1, 2, 3]], [[1, 2]]] }, 'rnnlab: x[1][0]: expected 3 entries (input_size) like the rest of x, found 2'],
    ['a string', { x: [[[1, 'a', 3]]] }, 'rnnlab: x[0][0][1]: expected a finite number, found "a"'],
    ['no x', { h0: [[[0, 0, 0, 0]]] }, 'rnnlab: x: missing; expected [batch][time][3] (input_size 3)'],
    ['an unknown key', { x: [[[1, 2, 3]]], hx: 1 }, "rnnlab: input: unknown field 'hx': expected x, h0, c0, y0"],
    ['h0 of another batch', { x: [[[1, 2, 3]]], h0: [[[0, 0, 0, 0]], [[0, 0, 0, 0]]] },
      'rnnlab: h0: expected [1][1][4] (layers*directions 1, batch 1, hidden_size 4), found [2][1][4]'],
  ])('%s', async (_case, input, message) => {
    const path = scratch.file('rnn3.rnnlab');
    const result = await runInProcess(['eval', path, '--input', writeJson(scratch.file('bad.json'), input)]);
    expect(result.code).toBe(1);
    expect(lines(result.stderr).filter((l) => !l.startsWith('rnnlab: warning:'))).toEqual([message]);
  });

  it('an input file that is missing or not JSON', async () => {
    const path = scratch.file('rnn3.rnnlab');
    const missing = await runInProcess(['eval', path, '--input', scratch.file('none.json')]);
    expect(missing.code).toBe(1);
    expect(lines(missing.stderr)).toEqual([`rnnlab: cannot read ${scratch.file('none.json')}: no such file or directory`]);
    const notJson = scratch.file('text.json');
    writeFileSync(notJson, '{"x": [[[1, 2, 3]]');
    const broken = await runInProcess(['eval', path, '--input', notJson]);
    expect(broken.code).toBe(1);
    expect(lines(broken.stderr)).toHaveLength(1);
    expect(broken.stderr).toMatch(/^rnnlab: .*text\.json: expected JSON, found text that does not parse/);
  });
});

describe('gradcheck', () => {
  it('passes on a small model and lists every parameter (spawned)', async () => {
    const { path, project } = await newProject('check', ['--arch', 'gru', '--input-size', '2', '--hidden-size', '3', '--output-size', '2', '--bidirectional']);
    const result = spawnCli(['gradcheck', path, '--engine', 'reference', '--batch', '2', '--steps', '3']);
    expect([result.code, result.stderr]).toEqual([0, '']);
    for (const p of paramLayout(project.spec)) expect(result.stdout).toMatch(new RegExp(`^  ${p.name.replace('.', '\\.')} +\\d\\.\\d\\de[-+]\\d+$`, 'm'));
    expect(result.stdout).toMatch(/^worst \d\.\d\de-\d+: ok \(tolerance 1\.00e-5\)$/m);
  });

  it('fails, exit 1, when the tolerance is below what float64 differences reach', async () => {
    const path = scratch.file('check.rnnlab');
    const result = await runInProcess(['gradcheck', path, '--engine', 'reference', '--tolerance', '1e-30']);
    expect(result.code).toBe(1);
    expect(lines(result.stderr)).toHaveLength(1);
    expect(result.stderr).toMatch(/^rnnlab: gradient check failed: worst relative error \S+ \(\S+\) is above the tolerance 1\.00e-30$/m);
  });
});

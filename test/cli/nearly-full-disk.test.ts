// Every command that writes a file, on a real nearly full disk (a 1 MiB tmpfs with 8 KiB left): it fails with one
// line, the previous file is byte-identical, no partial or temporary file is left, and after training the trained
// weights are kept in a recovery copy whose path the line names. Mounting needs root (as in CI); without it the
// tests are skipped and say why in their titles.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadProject } from '../../src-main/core/project/index';
import { canMount, emptyFiller, fillDisk, leftovers, mountTinyDisk, unmountTinyDisk } from '../helpers/tiny-disk';
import { requireBuiltCli, spawnCli, writeJson } from './cli-helpers';

requireBuiltCli();

const LEFT = 8 * 1024;
const title = canMount ? 'on a nearly full disk (1 MiB tmpfs, 8 KiB free)' : 'SKIPPED: cannot mount a tmpfs here (needs root)';
let disk: string | null = null;
let home = '';

beforeAll(() => {
  disk = canMount ? mountTinyDisk(1024) : null;
  home = mkdtempSync(join(tmpdir(), 'rnnlab-home-'));
});
afterEach(() => {
  if (disk !== null) emptyFiller(disk);
});
afterAll(() => {
  unmountTinyDisk(disk);
  rmSync(home, { recursive: true, force: true });
});

/** A command as a user runs it, with HOME (where recovery copies may go) in a scratch folder. */
function cli(args: string[]) {
  return spawnCli(args, { env: { HOME: home, TMPDIR: home } });
}

function on(name: string): string {
  return join(disk!, name);
}

/** A project big enough (an LSTM of 40 units, ~35 KB) that it cannot fit in what is left, with a Tomita task. */
function makeProject(name: string, task = true): string {
  const file = on(name);
  expect(cli(['new', '--arch', 'lstm', '--input-size', '2', '--hidden-size', '40', '--output-size', '1', '--output-activation', 'sigmoid', '-o', file]).code).toBe(0);
  if (task) {
    const set = cli(['task', 'set', file, '--task', 'tomita', '--param', 'grammar=4', '--param', 'trainSize=32', '--param', 'validationSize=16', '--param', 'testSize=16']);
    expect(set.stderr).toBe('');
  }
  return file;
}

/** The failure every command must give: exit 1, one line on stderr, nothing on stdout claiming success. */
function expectOneLineFailure(r: { code: number; stdout: string; stderr: string }, pattern: RegExp): void {
  expect(r.code).toBe(1);
  expect(r.stdout).not.toMatch(/saved|created|checked in onnxruntime/);
  expect(r.stderr.trim().split('\n')).toHaveLength(1);
  expect(r.stderr).toMatch(pattern);
}

describe.skipIf(!canMount)(`commands that write ${title}`, () => {
  it('new: refuses with "the disk is full" and leaves no file', () => {
    fillDisk(disk!, LEFT);
    const r = cli(['new', '--arch', 'lstm', '--input-size', '2', '--hidden-size', '40', '-o', on('new.rnnlab')]);
    expectOneLineFailure(r, /^rnnlab: new\.rnnlab: cannot save: the disk is full$/m);
    expect(leftovers(disk!, [])).toEqual([]);
  });

  it('task set (in place and -o): the project stays byte-identical, no temporaries remain', () => {
    const file = makeProject('task.rnnlab', false);
    const before = readFileSync(file);
    fillDisk(disk!, LEFT);
    const args = ['task', 'set', file, '--task', 'tomita', '--param', 'grammar=4'];
    expectOneLineFailure(cli(args), /^rnnlab: task\.rnnlab: cannot save: the disk is full$/m);
    expect(readFileSync(file)).toEqual(before);
    expectOneLineFailure(cli([...args, '-o', on('task-out.rnnlab')]), /^rnnlab: task-out\.rnnlab: cannot save: the disk is full$/m);
    expect(leftovers(disk!, ['task.rnnlab', 'task.rnnlab.bak'])).toEqual([]);
    rmSync(file);
    rmSync(`${file}.bak`, { force: true });
    rmSync(on('task-out.rnnlab'), { force: true });
  });

  it('train in place: the project is intact and the trained weights are in the recovery copy the line names', async () => {
    const file = makeProject('train.rnnlab');
    const before = readFileSync(file);
    fillDisk(disk!, LEFT);
    const r = cli(['train', file, '--steps', '5', '--engine', 'reference']);
    expectOneLineFailure(r, /^rnnlab: train\.rnnlab: cannot save: the disk is full; the trained project \(step 5\) was saved to (\S+\.rnnlab) instead$/m);
    expect(readFileSync(file)).toEqual(before);
    const recovery = /saved to (\S+\.rnnlab) instead/.exec(r.stderr)![1];
    expect(recovery.startsWith(home)).toBe(true);
    const recovered = await loadProject(recovery);
    expect((recovered.training as { checkpoint: { trainer: { step: number } } }).checkpoint.trainer.step).toBe(5);
    expect(leftovers(disk!, ['train.rnnlab', 'train.rnnlab.bak'])).toEqual([]);
  });

  it('train -o: no output file, the recovery copy named in the line opens', async () => {
    const file = existsSync(on('train.rnnlab')) ? on('train.rnnlab') : makeProject('train.rnnlab');
    fillDisk(disk!, LEFT);
    const r = cli(['train', file, '--steps', '3', '--engine', 'reference', '--fresh', '-o', on('trained.rnnlab')]);
    expectOneLineFailure(r, /^rnnlab: trained\.rnnlab: cannot save: the disk is full; the trained project \(step 3\) was saved to (\S+) instead$/m);
    expect(existsSync(on('trained.rnnlab'))).toBe(false);
    const recovery = /saved to (\S+) instead/.exec(r.stderr)![1];
    expect((await loadProject(recovery)).name).toBe('train');
    expect(leftovers(disk!, ['train.rnnlab', 'train.rnnlab.bak'])).toEqual([]);
  });

  it('export and import: no cut ONNX or project file is left', () => {
    const file = existsSync(on('train.rnnlab')) ? on('train.rnnlab') : makeProject('train.rnnlab');
    const model = join(home, 'model.onnx');
    expect(cli(['export', file, '-o', model, '--engine', 'reference', '--force']).code).toBe(0);
    fillDisk(disk!, LEFT);
    expectOneLineFailure(cli(['export', file, '-o', on('model.onnx'), '--engine', 'reference']), /^rnnlab: cannot write .*model\.onnx: the disk is full$/m);
    expectOneLineFailure(cli(['import', model, '-o', on('imported.rnnlab')]), /^rnnlab: imported\.rnnlab: cannot save: the disk is full$/m);
    expect(leftovers(disk!, ['train.rnnlab', 'train.rnnlab.bak'])).toEqual([]);
  });

  it('eval --output and run --output: no cut JSON file is left', () => {
    const file = existsSync(on('train.rnnlab')) ? on('train.rnnlab') : makeProject('train.rnnlab');
    const model = join(home, 'model.onnx');
    if (!existsSync(model)) expect(cli(['export', file, '-o', model, '--engine', 'reference']).code).toBe(0);
    const x = Array.from({ length: 4 }, () => Array.from({ length: 200 }, (_, t) => [t % 2, 1 - (t % 2)]));
    const input = writeJson(join(home, 'x.json'), { x });
    fillDisk(disk!, LEFT);
    expectOneLineFailure(cli(['eval', file, '--input', input, '--output', on('eval.json'), '--engine', 'reference']), /^rnnlab: cannot write .*eval\.json: the disk is full$/m);
    expectOneLineFailure(cli(['run', model, '--input', input, '--output', on('run.json')]), /^rnnlab: cannot write .*run\.json: the disk is full$/m);
    expect(leftovers(disk!, ['train.rnnlab', 'train.rnnlab.bak'])).toEqual([]);
  });

  it('train --metrics: when the metrics file fills the disk, training goes on, is saved, and one warning says so', async () => {
    const file = existsSync(on('train.rnnlab')) ? on('train.rnnlab') : makeProject('train.rnnlab');
    fillDisk(disk!, LEFT);
    const out = join(home, 'metrics-run.rnnlab');
    const r = cli(['train', file, '--steps', '40', '--engine', 'reference', '--fresh', '--metrics', on('m.jsonl'), '-o', out]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/^rnnlab: warning: cannot write .*m\.jsonl: the disk is full; steps from \d+ on are not in it\n$/);
    expect(r.stdout).toMatch(/saved .*metrics-run\.rnnlab/);
    expect((await loadProject(out)).name).toBe('train');
    rmSync(on('m.jsonl'), { force: true });
  });

  it('with the space back, the same commands write complete files', async () => {
    const r = cli(['train', on('train.rnnlab'), '--steps', '2', '--engine', 'reference', '--fresh', '-o', on('trained.rnnlab')]);
    expect(r.stderr).toBe('');
    expect((await loadProject(on('trained.rnnlab'))).name).toBe('train');
  });
});

// `rnnlab train` records its run in the project's run history exactly as the app does (the Lab service's recorder):
// a project trained on the command line and reopened in the app lists its runs and redraws their curves, with what
// changed between runs and why a run stopped as a kind.
import { afterEach, describe, expect, it } from 'vitest';
import type { RunRecord } from '../../src-main/api/lab-api';
import { LabService } from '../../src-main/core/lab/lab-service';
import { value } from '../lab/helpers';
import { readJson, requireBuiltCli, scratchFolder, spawnCli, writeJson } from './cli-helpers';

requireBuiltCli();
const scratch = scratchFolder();
let lab: LabService | null = null;
afterEach(() => lab?.dispose());

function tomitaFile(name: string): string {
  const file = scratch.file(name);
  expect(spawnCli(['new', '--arch', 'gated', '--input-size', '2', '--hidden-size', '4', '--output-size', '1', '--output-activation', 'sigmoid', '-o', file]).code).toBe(0);
  const set = spawnCli(['task', 'set', file, '--task', 'tomita', '--param', 'grammar=4', '--param', 'trainSize=64', '--param', 'validationSize=32', '--param', 'testSize=32', '--settings', '{"optimizer":"adam","lr":0.03,"batch_size":8}']);
  expect(set.stderr).toBe('');
  return file;
}

function train(file: string, ...args: string[]): void {
  const r = spawnCli(['train', file, '--engine', 'reference', ...args]);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
}

describe('rnnlab train keeps a run history the app redraws', () => {
  it('records each run (settings, what changed, curves, evaluations) and the app lists and redraws them', async () => {
    const file = tomitaFile('history.rnnlab');
    train(file, '--steps', '16', '--seed', '2');
    train(file, '--steps', '24', '--seed', '5');
    lab = new LabService({ engine: 'reference' });
    value(await lab.openProject(file));
    const runs = value(await lab.listRuns());
    expect(runs.map((r) => [r.id, r.steps, r.stopped])).toEqual([['run-1', 16, null], ['run-2', 24, null]]);
    expect(runs[1].changed).toEqual(expect.arrayContaining([{ field: 'training.seed', from: 2, to: 5 }, { field: 'training.steps', from: 16, to: 24 }]));
    expect(runs[1].finalValidation?.primary.name).toBe('accuracy');
    const first = value(await lab.getRun('run-1'));
    expect(first.points.at(-1)!.step).toBe(16);
    expect(first.points.reduce((n, p) => n + p.span, 0)).toBe(16);
    expect(Object.keys(first.points[0].paramGradNorms)).toContain('head.weight');
    expect(first.points[0].timestepGradNorms.length).toBeGreaterThan(0);
    expect(first.evaluations.length).toBeGreaterThan(0);
    // A reopened project's 'current' run is its latest one, as after the app's own save and reopen.
    expect(value(await lab.getRun('current')).id).toBe('run-2');
  }, 60_000);

  it('records why a run stopped itself as a kind and step', async () => {
    const file = tomitaFile('stops.rnnlab');
    const project = readJson(file) as { training: Record<string, unknown> };
    project.training.monitor = { exploding: { max_norm: 1e-9, policy: 'stop' } };
    writeJson(file, project);
    const r = spawnCli(['train', file, '--engine', 'reference', '--steps', '50']);
    expect(r.code).toBe(0);
    const step = Number(/stopped: the monitor stopped the run at step (\d+)/.exec(r.stdout)?.[1]);
    expect(step).toBeGreaterThan(0);
    const saved = readJson(file) as { history: { runs: RunRecord[] } };
    expect(saved.history.runs.map((run) => [run.id, run.stopped])).toEqual([['run-1', { kind: 'monitor', params: { step } }]]);
    lab = new LabService({ engine: 'reference' });
    value(await lab.openProject(file));
    expect(value(await lab.listRuns())[0]).toMatchObject({ id: 'run-1', steps: step, stopped: { kind: 'monitor', params: { step } } });
  }, 60_000);
});

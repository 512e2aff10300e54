// `rnnlab train` and `rnnlab task set` as a user runs them (the built bundle, a real process): the M.jsonl fields
// of the issue, the summary, the saved project, `info --json` naming the task and alphabet, and Ctrl-C saving a
// checkpoint that the next `train` resumes.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BIN, readJson, requireBuiltCli, scratchFolder, spawnCli } from '../cli/cli-helpers';

requireBuiltCli();
const scratch = scratchFolder();

function makeProject(name: string): string {
  const file = scratch.file(name);
  const created = spawnCli(['new', '--arch', 'gated', '--input-size', '2', '--hidden-size', '4', '--output-size', '1', '--output-activation', 'sigmoid', '-o', file]);
  expect(created.code).toBe(0);
  const set = spawnCli([
    'task', 'set', file, '--task', 'tomita', '--param', 'grammar=4', '--param', 'trainSize=64', '--param', 'validationSize=32',
    '--param', 'testSize=32', '--settings', '{"optimizer":"adam","lr":0.03,"batch_size":8}',
  ]);
  expect(set.stderr).toBe('');
  expect(set.stdout).toMatch(/task tomita \(64 train, 32 validation, 32 test sequences\)/);
  return file;
}

describe('rnnlab train', () => {
  it('trains, writes one JSON line per step with the issue fields, prints a summary and saves -o', () => {
    const file = makeProject('a.rnnlab');
    const out = scratch.file('a-trained.rnnlab');
    const metrics = scratch.file('a.jsonl');
    const r = spawnCli(['train', file, '--steps', '16', '--seed', '2', '--engine', 'reference', '--metrics', metrics, '-o', out]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/trained a: 16 steps, 2 epochs in [\d.]+ s \(done\)/);
    expect(r.stdout).toMatch(/validation: accuracy [\d.]+ \(loss [\d.]+\)/);
    expect(r.stdout).toMatch(/generalisation \(test split\): accuracy [\d.]+.*\n {4}by length: 11(-\d+)? (all right|\d+\/\d+ right)/);
    const lines = readFileSync(metrics, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => l.step)).toEqual(Array.from({ length: 16 }, (_, i) => i + 1));
    for (const key of ['step', 'epoch', 'loss', 'grad_norm', 'param_grad_norms', 'timestep_grad_norms', 'alerts']) expect(lines[0]).toHaveProperty(key);
    expect(lines[0].spectral['weight_hh:W_1']).toHaveProperty('bound');
    expect(lines[7].validation.metrics.accuracy).toBeGreaterThan(0);
    const info = spawnCli(['info', out, '--json']);
    expect(JSON.parse(info.stdout)).toMatchObject({ task: 'tomita', alphabet: ['0', '1'] });
    const saved = readJson(out) as { training: { checkpoint: { trainer: { step: number } } }; history: { final: unknown } };
    expect(saved.training.checkpoint.trainer.step).toBe(16);
    expect(saved.history.final).not.toBeNull();
  });

  it('same seed and engine give identical losses in two runs', () => {
    const file = makeProject('b.rnnlab');
    const losses = (name: string) => {
      const m = scratch.file(name);
      expect(spawnCli(['train', file, '--steps', '8', '--engine', 'reference', '--fresh', '--metrics', m, '-o', scratch.file('b-out.rnnlab')]).code).toBe(0);
      return readFileSync(m, 'utf8').trim().split('\n').map((l) => JSON.parse(l).loss);
    };
    expect(losses('b1.jsonl')).toEqual(losses('b2.jsonl'));
  });

  it('refuses a task that does not fit the model, and a project without a task', () => {
    const file = scratch.file('c.rnnlab');
    spawnCli(['new', '--arch', 'rnn', '--input-size', '3', '--hidden-size', '4', '--output-size', '1', '-o', file]);
    const set = spawnCli(['task', 'set', file, '--task', 'tomita']);
    expect(set.code).toBe(1);
    expect(set.stderr).toBe('rnnlab: task tomita needs input size 2 (model: 3), output activation sigmoid (model: none); create the model to fit it\n');
    const train = spawnCli(['train', file]);
    expect(train.code).toBe(1);
    expect(train.stderr).toMatch(/^rnnlab: c: has no task; set one with rnnlab task set/);
  });

  it('task set without --task keeps the task, its parameters and seed, and changes only the settings given', () => {
    const file = makeProject('keep.rnnlab');
    const r = spawnCli(['task', 'set', file, '--settings', '{"clip":"global"}']);
    expect(r.stderr).toBe(`rnnlab: invalid training settings: clip.mode: expected one of 'none', 'norm', 'value', found "global"\n`);
    const set = spawnCli(['task', 'set', file, '--param', 'grammar=5', '--settings', '{"clip":{"mode":"norm","max_norm":2},"steps":7}']);
    expect(set.stderr).toBe('');
    expect(set.stdout).toMatch(/task tomita \(64 train, 32 validation, 32 test sequences\)/);
    const saved = readJson(file) as { task: { id: string; params: Record<string, unknown> }; training: { settings: Record<string, unknown> } };
    expect(saved.task.params).toMatchObject({ grammar: 5, trainSize: 64, validationSize: 32 });
    expect(saved.training.settings).toMatchObject({ optimizer: { kind: 'adam' }, lr: 0.03, batch_size: 8, clip: { mode: 'norm', max_norm: 2 }, steps: 7, epochs: null });
    const none = scratch.file('none.rnnlab');
    spawnCli(['new', '--arch', 'gated', '--input-size', '2', '--hidden-size', '4', '--output-size', '1', '--output-activation', 'sigmoid', '-o', none]);
    const refused = spawnCli(['task', 'set', none, '--settings', '{}']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toBe(`rnnlab: ${none}: has no task yet; expected --task <id> (see rnnlab task list)\n`);
  });

  it('--temperature sets the language-model sample: 0 gives the greedy text, a negative value is refused', () => {
    const file = scratch.file('lm.rnnlab');
    expect(spawnCli(['new', '--arch', 'rnn', '--input-size', '4', '--hidden-size', '6', '--output-size', '4', '--output-activation', 'softmax', '-o', file]).code).toBe(0);
    const set = spawnCli(['task', 'set', file, '--task', 'text', '--param', `text=${'the '.repeat(60)}`, '--param', 'window=8', '--settings', '{"steps":4,"batch_size":8}']);
    expect(set.stderr).toBe('');
    const greedy = spawnCli(['train', file, '--engine', 'reference', '--temperature', '0', '-o', scratch.file('lm-out.rnnlab')]);
    expect(greedy.stderr).toBe('');
    const sample = greedy.stdout.match(/sample at temperature 0: "(.*)" \+ "(.*)"\n/);
    expect(sample).not.toBeNull();
    expect(sample![2]).toMatch(/^[the ]{160}$/);
    const bad = spawnCli(['train', file, '--temperature', '-1']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/expected a temperature from 0 to 100, found '-1'/);
  });

  it('stops cleanly on Ctrl-C, saves a checkpoint, and the next train resumes from it', async () => {
    const file = makeProject('d.rnnlab');
    const child = spawn(process.execPath, [BIN, 'train', file, '--steps', '1000000', '--engine', 'reference'], { stdio: 'pipe' });
    let stdout = '';
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    await new Promise<void>((resolve) =>
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
        if (/step \d+\/1000000/.test(stdout)) resolve();
      }),
    );
    child.kill('SIGINT');
    expect(await exited).toBe(0);
    expect(stdout).toMatch(/stopping after this step/);
    expect(stdout).toMatch(/interrupted; the next train resumes/);
    const saved = readJson(file) as { training: { checkpoint: { trainer: { step: number } } } };
    const step = saved.training.checkpoint.trainer.step;
    expect(step).toBeGreaterThan(0);
    const next = spawnCli(['train', file, '--steps', String(step + 3), '--engine', 'reference']);
    expect(next.stdout).toMatch(new RegExp(`resuming on reference engine from step ${step} of ${step + 3}`));
    expect(next.stdout).toMatch(new RegExp(`trained d: ${step + 3} steps`));
  });
});

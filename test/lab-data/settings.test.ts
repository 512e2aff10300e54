// Settings through LabService: a form field for every setting the core has (defaults agreeing with its parsers),
// deep patches validated with one line naming the bad field, discriminator switches filling their fields, undo.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Result, SettingsView } from '../../src-main/api/lab-api';
import { inProcessChannelFactory } from '../../src-main/core/compute/in-process-channel';
import { LabService } from '../../src-main/core/lab/lab-service';
import { readRunOptions } from '../../src-main/core/lab/settings/run-options';
import { parseMonitorSettings } from '../../src-main/core/monitor/thresholds';
import { parseTrainingSettings } from '../../src-main/core/train/settings';
import { readRunConfig } from '../../src-main/core/train/checkpoint';

const lab = new LabService({ compute: inProcessChannelFactory, engine: 'reference' });
afterAll(() => lab.dispose());
beforeAll(async () => {
  value(await lab.newProject({ spec: { arch: 'gated', input_size: 2, hidden_size: 4, output_size: 1, output_activation: 'sigmoid' } }));
  value(await lab.setTask({ id: 'tomita', params: { trainSize: 20 } }));
});

function value<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`expected ok, found error: ${result.error}`);
  return result.value;
}
function error(result: Result<unknown>): string {
  expect(result.ok).toBe(false);
  const message = (result as { error: string }).error;
  expect(message).not.toContain('\n');
  return message;
}

function leaves(value: unknown, prefix: string, out: Record<string, unknown> = {}): Record<string, unknown> {
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value)) leaves(v, `${prefix}.${k}`, out);
  } else out[prefix] = value;
  return out;
}

describe('getSettings', () => {
  it('describes every setting of every variant, with defaults the core agrees with', async () => {
    const view: SettingsView = value(await lab.getSettings());
    const byPath = new Map(view.fields.map((f) => [f.path, f]));
    expect(byPath.size).toBe(view.fields.length);
    const variants: Record<string, unknown>[] = [
      {},
      ...['sgd', 'adam', 'rmsprop'].map((kind) => ({ optimizer: kind })),
      { schedule: { kind: 'step', step_size: 100 } }, { schedule: { kind: 'exponential', gamma: 0.1 } },
      { schedule: { kind: 'cosine', t_max: 1000 }, clip: { mode: 'norm', max_norm: 1 } },
      { clip: { mode: 'value', clip_value: 0.5 }, bptt: { mode: 'truncated', k1: 20, k2: 20 }, schedule: { kind: 'constant', warmup: { steps: 5 } } },
    ];
    const seen = new Set<string>();
    for (const variant of variants) {
      for (const [path, v] of Object.entries(leaves(parseTrainingSettings(variant), 'training'))) {
        if (path === 'training.schedule.warmup') continue; // null: no warm-up, the form's empty warmup.steps
        const field = byPath.get(path);
        expect(field, path).toBeDefined();
        seen.add(path);
        // Variant-specific fields carry the defaults of their own variant; the rest are compared on the plain defaults.
        const own = variant === variants[0] || field!.when !== null;
        if (own && path !== 'training.lr' && path !== 'training.schedule.warmup.steps' && !(path === 'training.schedule.gamma' && (variant.schedule as { kind?: string } | undefined)?.kind === 'exponential')) {
          expect(field!.default, path).toEqual(v);
        }
      }
    }
    for (const [path, v] of Object.entries({ ...leaves(parseMonitorSettings({}), 'monitor'), ...leaves(view.run, 'run') })) {
      expect(byPath.get(path), path).toBeDefined();
      expect(byPath.get(path)!.default, path).toEqual(v);
      seen.add(path);
    }
    // No field describes a setting that does not exist.
    expect([...byPath.keys()].filter((p) => !seen.has(p) && p !== 'training.schedule.warmup.start_factor')).toEqual([]);
    for (const f of view.fields) {
      expect(f.help.length, f.path).toBeGreaterThan(25);
      if (f.when) expect(byPath.has(f.when.path), f.path).toBe(true);
      if (f.type === 'choice') expect(f.choices!.length).toBeGreaterThan(1);
    }
    expect(view.training).toMatchObject({ optimizer: { kind: 'adam' }, lr: 0.001, batch_size: 32, epochs: 100, steps: null });
    expect(view.run).toEqual({ engine: 'native', precision: 'float32', snapshot_every: 0, all_layers: false, threads: 0, eval_every: null });
  });
});

describe('updateSettings', () => {
  it('applies a deep patch as an undoable edit and says what changed', async () => {
    const outcome = value(await lab.updateSettings({ training: { lr: 0.01, clip: { mode: 'norm' } }, monitor: { exploding: { policy: 'clip' } }, run: { snapshot_every: 25, eval_every: 10 } }));
    expect(outcome.message).toMatch(/^Changed .* and \d more\.$/);
    for (const part of ['training.lr from 0.001 to 0.01', 'training.clip.mode from "none" to "norm"']) expect(outcome.message).toContain(part);
    const view = value(await lab.getSettings());
    expect(view.training).toMatchObject({ lr: 0.01, clip: { mode: 'norm', max_norm: 1 }, batch_size: 32 });
    expect(view.monitor).toMatchObject({ exploding: { policy: 'clip', max_norm: 1e4 } });
    expect(view.run).toMatchObject({ snapshot_every: 25, eval_every: 10 });
    // The training loop reads what the form wrote.
    const project = lab.context.workspace.require();
    expect(readRunConfig(project)).toMatchObject({ settings: { lr: 0.01, clip: { mode: 'norm', max_norm: 1 } }, evalEvery: 10 });
    expect(readRunOptions(project).snapshot_every).toBe(25);
    expect(outcome.summary.undoLabel).toBe('Change settings');
    value(await lab.undo());
    expect(value(await lab.getSettings()).training).toMatchObject({ lr: 0.001, clip: { mode: 'none' } });
  });

  it('switching the optimiser fills its fields and its usual learning rate; steps replace epochs', async () => {
    value(await lab.updateSettings({ training: { optimizer: { kind: 'sgd', momentum: 0.9 }, steps: 500 } }));
    const view = value(await lab.getSettings());
    expect(view.training).toMatchObject({ optimizer: { kind: 'sgd', momentum: 0.9, dampening: 0, nesterov: false, weight_decay: 0 }, lr: 0.01, steps: 500, epochs: null });
    expect(view.training.optimizer).not.toHaveProperty('beta1');
    value(await lab.updateSettings({ training: { schedule: { warmup: { steps: 10 } } } }));
    expect(value(await lab.getSettings()).training.schedule).toEqual({ kind: 'constant', warmup: { steps: 10, start_factor: 0.1 } });
    value(await lab.updateSettings({ training: { schedule: { warmup: { steps: null } } } }));
    expect(value(await lab.getSettings()).training.schedule).toEqual({ kind: 'constant', warmup: null });
    const same = value(await lab.updateSettings({ training: { lr: 0.01 } }));
    expect(same.message).toBe('No setting changed.');
  });

  it.each([
    [{ training: { lr: -1 } }, 'invalid training settings: lr: expected a learning rate above 0, found -1'],
    [{ training: { batch_size: 0 } }, 'invalid training settings: batch_size: expected a batch size from 1 to 65536, found 0'],
    [{ training: { optimizer: { kind: 'lion' } } }, "invalid training settings: optimizer.kind: expected one of 'sgd', 'adam', 'rmsprop', found \"lion\""],
    [{ training: { bptt: { mode: 'truncated', k1: 10, k2: 5 } } }, 'invalid training settings: bptt.k2: expected k2 >= k1 so every step\'s loss is backpropagated, found k1 = 10, k2 = 5'],
    [{ monitor: { exploding: { policy: 'panic' } } }, "invalid monitor settings: exploding.policy: expected a policy among 'warn', 'clip', 'stop', found \"panic\""],
    [{ run: { threads: 1000 } }, 'invalid run options: threads: expected threads from 0 (automatic) to 64, found 1000'],
    [{ run: { engine: 'gpu' } }, "invalid run options: engine: expected an engine 'native' or 'reference', found \"gpu\""],
    [{ optimiser: {} }, "update settings: unknown field 'optimiser'"],
    [{ training: 5 }, /^update settings: training: expected training as an object/],
  ])('%j answers one line naming the field', async (patch, message) => {
    const text = error(await lab.updateSettings(patch));
    if (typeof message === 'string') expect(text).toBe(message);
    else expect(text).toMatch(message);
  });
});

// Which alerts each example project raises when trained with its own stored settings (docs/monitor.md says why,
// example by example): adding-srn vanishing, exploding-srn exploding, anbn-srn's real gradient spikes exploding,
// adding-irnn exploding only at real spikes (whether one crosses the limit depends on the GEMM variant's rounding),
// and nothing else. An alert is a promise that something is wrong, so a kind not in this table is a false alarm.
// Runs are the full stored runs, except the two adding examples, cut where the full run's alert kinds are already
// all present (constant learning rate, so the first steps are the full run's first steps; full runs measured in
// docs/monitor.md). About 35 s on an idle 2-core machine; several minutes under heavy load.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { requireBuiltCli, spawnCli } from '../cli/cli-helpers';
import type { AlertKind } from '../../src-main/core/monitor/rules';
import { loadProject } from '../../src-main/core/project/index';
import type { StepRecord } from '../../src-main/core/train/loop';
import { TrainingRun } from '../../src-main/core/train/training-run';
// @ts-expect-error: a plain .mjs script without type declarations
import { EXAMPLES } from '../../resources/examples/make-examples.mjs';

const DIR = join(import.meta.dirname, '..', '..', 'resources', 'examples');
requireBuiltCli();

interface Expected {
  raises: AlertKind[];
  /**
   * 'exploding' allowed only at real spikes (realSpike below): an IRNN's gradient jumps as its ReLU states grow, and
   * whether a jump crosses the monitor's limit within the tested steps depends on float32 rounding, so on the GEMM
   * variant (measured per variant in docs/monitor.md). Every alert it does raise must mark a real jump.
   */
  spikesMayRaise?: 'exploding';
  /** Trained once per GEMM variant (generic, avx2, avx512; RNNLAB_GEMM in a `rnnlab train` process) instead of once. */
  everyVariant?: boolean;
  /** Steps instead of the stored epochs: only where the full run's alert kinds all occur before this step. */
  steps?: number;
}

const EXPECTED: Record<string, Expected> = {
  'tomita4-gated': { raises: [] },
  // Two real spikes (norm 9.3 and 4.5 near step 1400-1560, about 18 times the running mean and above the weights'
  // own norm, at a loss of 0.05), clipped by the stored clip at 1.
  'anbn-srn': { raises: ['exploding'] },
  // Before the floor: "exploding" at step 23933, norm 1.5e-6 against a running mean of 1.5e-7, loss 1e-7.
  'anbn-lstm': { raises: [] },
  'temporal-xor-elman': { raises: [] },
  'sine-jordan': { raises: [] },
  'reber-gru': { raises: [] },
  // Vanishing from step 1 to the end of the 6400 (ratio 9e-21); nothing else in the full run.
  'adding-srn': { raises: ['vanishing'], steps: 300 },
  // No vanishing (the point of IRNN). Gradient spikes of norm 100-500 (10-40 times the median, 20-90 times the
  // weights' norm) on every GEMM variant; within 2500 steps the AVX2 kernel's cross the exploding limit (steps 1664,
  // 1802, 1946), the generic and AVX-512 kernels' stay under it (docs/monitor.md).
  'adding-irnn': { raises: [], spikesMayRaise: 'exploding', steps: 2500, everyVariant: true },
  'exploding-srn': { raises: ['exploding'] },
  'textlm-rnn': { raises: [] },
  'cloze-birnn': { raises: [] },
};

async function alertKinds(name: string, steps?: number): Promise<{ kinds: AlertKind[]; records: StepRecord[] }> {
  const records: StepRecord[] = [];
  const project = await loadProject(join(DIR, `${name}.rnnlab`));
  const run = new TrainingRun({ project, overrides: steps ? { steps } : {}, engine: 'native' }, (e) => {
    if (e.type === 'metrics') records.push(...e.records);
  });
  await run.run();
  const kinds = [...new Set(records.flatMap((r) => r.alerts.map((a) => a.kind)))].sort();
  return { kinds, records };
}

describe('alerts of every example trained with its own settings', () => {
  it('the table names every example', () => {
    expect(Object.keys(EXPECTED).sort()).toEqual((EXAMPLES as { name: string }[]).map((e) => e.name).sort());
  });

  const once = Object.entries(EXPECTED).filter(([, e]) => !e.everyVariant);
  it.each(once.map(([name, e]) => [name, e.raises.join(', ') || 'nothing', e] as const))('%s raises %s', async (name, _, expected) => {
    const { kinds, records } = await alertKinds(name, expected.steps);
    checkAlerts(expected, kinds, records);
  }, 1_200_000);

  const perVariant = Object.entries(EXPECTED).filter(([, e]) => e.everyVariant);
  it.each(perVariant.flatMap(([name, e]) => GEMM_VARIANTS.map((variant) => [name, variant, e] as const)))(
    '%s on the %s GEMM: its required alerts, and exploding only at real spikes',
    (name, variant, expected) => {
      const { kinds, records } = alertKindsInProcess(name, variant, expected.steps);
      const exploding = records.filter((r) => r.alerts.some((a) => a.kind === 'exploding')).map((r) => r.step);
      console.log(`${name}, RNNLAB_GEMM=${variant}: exploding at steps [${exploding.join(', ')}] of ${records.length}`);
      checkAlerts(expected, kinds, records);
    },
    1_200_000,
  );
});

/** Asking for a variant the CPU lacks gives the widest it has (gemm_dispatch.cpp), so every row runs somewhere. */
const GEMM_VARIANTS = ['generic', 'avx2', 'avx512'] as const;

function checkAlerts(expected: Expected, kinds: AlertKind[], records: StepRecord[]): void {
  expect(records.length).toBeGreaterThan(0);
  for (const kind of expected.raises) expect(kinds).toContain(kind);
  const allowed = new Set([...expected.raises, ...(expected.spikesMayRaise ? [expected.spikesMayRaise] : [])]);
  expect(kinds.filter((kind) => !allowed.has(kind))).toEqual([]);
  if (expected.spikesMayRaise) {
    const raised = records.filter((r) => r.alerts.some((a) => a.kind === expected.spikesMayRaise));
    for (const r of raised) expect(realSpike(records, r), `the ${expected.spikesMayRaise} alert at step ${r.step} marks a real spike`).toBe(true);
  }
}

/** Trains in a `rnnlab train` process with RNNLAB_GEMM=variant (the kernel picks its GEMM once, at load). */
function alertKindsInProcess(name: string, variant: string, steps?: number): { kinds: AlertKind[]; records: StepRecord[] } {
  const dir = mkdtempSync(join(tmpdir(), 'rnnlab-alerts-'));
  try {
    const metrics = join(dir, 'm.jsonl');
    const args = ['train', join(DIR, `${name}.rnnlab`), '--engine', 'native', '--metrics', metrics, '-o', join(dir, 'out.rnnlab'), ...(steps ? ['--steps', String(steps)] : [])];
    const r = spawnCli(args, { env: { RNNLAB_GEMM: variant } });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const records = readFileSync(metrics, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as StepRecord);
    const kinds = [...new Set(records.flatMap((rec) => rec.alerts.map((a) => a.kind)))].sort();
    return { kinds, records };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Steps before a spike whose median gradient norm it is compared with. */
const SPIKE_WINDOW = 100;

/**
 * The step's gradient norm really jumped, by measures other than the monitor's own (a running mean with a warm-up):
 * at least 8 times the median norm of the previous SPIKE_WINDOW steps, and at least 20 times the weights' norm.
 */
function realSpike(records: StepRecord[], r: StepRecord): boolean {
  const before = records.filter((p) => p.step < r.step && p.step >= r.step - SPIKE_WINDOW).map((p) => p.grad_norm).sort((a, b) => a - b);
  const median = before[before.length >> 1];
  const weights = Math.hypot(...Object.values(r.param_weight_norms));
  return before.length > 0 && r.grad_norm >= 8 * median && r.grad_norm >= 20 * weights;
}

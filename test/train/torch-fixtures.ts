// Loader for the PyTorch reference values of the training math (test/fixtures/torch-optim, format in its README)
// and the comparison used against them: float64 agreement to 1e-12 relative.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import type { Weights } from '../../src-main/core/tensor';
import { createOptimizer, type Optimizer, type OptimizerKind } from '../../src-main/core/train/optim';
import { parseTrainingSettings } from '../../src-main/core/train/settings';
import type { ScheduleSettings } from '../../src-main/core/train/schedules';

const DIR = fileURLToPath(new URL('../fixtures/torch-optim/', import.meta.url));

export interface OptimizerCase {
  name: string;
  optimizer: OptimizerKind;
  options: Record<string, number | boolean>;
  lrs: number[];
  params: Record<string, { shape: number[]; data: number[] }>;
  /** Per step: the gradient of each parameter that has one. */
  grads: Record<string, number[]>[];
  /** Per step: every parameter after it. */
  expected: Record<string, number[]>[];
}

export interface LossCase {
  name: string;
  loss: 'mse' | 'bce' | 'ce';
  batch: number;
  steps: number;
  outputs: number;
  mask: number[] | null;
  target_at: 'each' | 'last';
  target_kind: 'class' | 'values';
  input: number[];
  target: number[];
  expected: { loss: number; grad: number[] };
}

export interface ClipCase {
  name: string;
  mode: 'norm' | 'value';
  threshold: number;
  grads: Record<string, number[]>;
  expected: { total_norm?: number; grads: Record<string, number[]> };
}

export interface ScheduleCase {
  name: string;
  base_lr: number;
  schedule: ScheduleSettings;
  lrs: number[];
}

function load<T>(file: string): T[] {
  const json = JSON.parse(readFileSync(DIR + file, 'utf8')) as { torch_version: string; cases: T[] };
  if (!json.torch_version.startsWith('1.13') || !Array.isArray(json.cases) || json.cases.length === 0) {
    throw new Error(`${file}: expected torch 1.13 cases, found version ${json.torch_version}`);
  }
  return json.cases;
}

export const optimizerCases = () => load<OptimizerCase>('optimizers.json');
export const lossCases = () => load<LossCase>('losses.json');
export const clipCases = () => load<ClipCase>('clip.json');
export const scheduleCases = () => load<ScheduleCase>('schedules.json');

export function weightsOf(c: OptimizerCase): Weights {
  const weights: Weights = {};
  for (const [name, { shape, data }] of Object.entries(c.params)) weights[name] = { shape, data: Float64Array.from(data) };
  return weights;
}

export function gradsAt(c: OptimizerCase, step: number): Record<string, Float64Array> {
  return Object.fromEntries(Object.entries(c.grads[step]).map(([name, g]) => [name, Float64Array.from(g)]));
}

/** The case's optimiser, built through the settings schema so that omitted options take its defaults. */
export function optimizerFor(c: OptimizerCase): Optimizer {
  return createOptimizer(parseTrainingSettings({ optimizer: { kind: c.optimizer, ...c.options } }).optimizer);
}

export const REL_TOL = 1e-12;

/** Largest |a - e| / |e| over the arrays (|e| floored at 1e-300 so exact zeros must match exactly). */
export function worstRelativeError(actual: ArrayLike<number>, expected: ArrayLike<number>): number {
  expect(actual.length).toBe(expected.length);
  let worst = 0;
  for (let i = 0; i < expected.length; i++) {
    const diff = Math.abs(actual[i] - expected[i]);
    if (Number.isNaN(diff)) return Infinity;
    worst = Math.max(worst, diff / Math.max(Math.abs(expected[i]), 1e-300));
  }
  return worst;
}

export function expectRelClose(actual: ArrayLike<number>, expected: ArrayLike<number>, what: string): void {
  const worst = worstRelativeError(actual, expected);
  expect(worst, `${what}: worst relative error ${worst.toExponential(2)}`).toBeLessThanOrEqual(REL_TOL);
}

// When each threshold fires: pure checks of one step's statistics against the settings and the running mean of
// the global norm. No state lives here except the small `NormAverage` record the monitor passes in and keeps.
import { paramLayout } from '../spec/params';
import type { ModelSpec } from '../spec/types';
import type { StepStats } from './stats';
import type { MonitorSettings } from './thresholds';

export type AlertKind = 'vanishing' | 'exploding' | 'nonfinite';

/** One threshold that fired, before it becomes a worded alert. */
export interface Finding {
  kind: AlertKind;
  /** Which rule: the absolute norm limit, the running-mean multiple, the time-step ratio, a parameter's norm. */
  rule: 'max-norm' | 'mean-multiple' | 'timestep-ratio' | 'param-norm' | 'nonfinite';
  value: number;
  threshold: number;
  /** The parameter concerned (param-norm: the smallest one; nonfinite: the first one). */
  param: string | null;
}

/** Bias-corrected exponential moving average of the global norm, as Adam corrects its moments. */
export interface NormAverage {
  /** Uncorrected EMA: m_n = decay * m_{n-1} + (1 - decay) * x_n. */
  ema: number;
  /** Finite steps folded in so far (n). */
  count: number;
}

export const EMPTY_AVERAGE: NormAverage = { ema: 0, count: 0 };

/** The running mean m_n / (1 - decay^n), or null before the first finite step. */
export function runningMean(avg: NormAverage, decay: number): number | null {
  return avg.count === 0 ? null : avg.ema / (1 - decay ** avg.count);
}

/** The norm above which the step counts as exploding, and the rule that sets it. */
export function explodingLimit(avg: NormAverage, s: MonitorSettings['exploding']): { threshold: number; rule: 'max-norm' | 'mean-multiple' } {
  const mean = runningMean(avg, s.ema_decay);
  if (mean !== null && avg.count >= s.warmup_steps && s.mean_multiple * mean < s.max_norm) {
    return { threshold: s.mean_multiple * mean, rule: 'mean-multiple' };
  }
  return { threshold: s.max_norm, rule: 'max-norm' };
}

/**
 * Folds a finite norm into the average, capped at the exploding limit so that one spike cannot inflate the mean
 * and hide the spikes after it. Non-finite norms are left out.
 */
export function foldNorm(avg: NormAverage, norm: number, s: MonitorSettings['exploding']): NormAverage {
  if (!Number.isFinite(norm)) return avg;
  const capped = Math.min(norm, explodingLimit(avg, s).threshold);
  return { ema: s.ema_decay * avg.ema + (1 - s.ema_decay) * capped, count: avg.count + 1 };
}

/** Every threshold this step crosses. A non-finite step is reported as that alone (its norms mean nothing). */
export function checkStep(stats: StepStats, avg: NormAverage, settings: MonitorSettings, spec: ModelSpec): Finding[] {
  if (!stats.finite) {
    const count = stats.nonfiniteParams.length;
    return [{ kind: 'nonfinite', rule: 'nonfinite', value: count, threshold: 0, param: stats.nonfiniteParams[0] ?? null }];
  }
  const findings: Finding[] = [];
  const limit = explodingLimit(avg, settings.exploding);
  if (stats.globalNorm > limit.threshold) {
    findings.push({ kind: 'exploding', rule: limit.rule, value: stats.globalNorm, threshold: limit.threshold, param: null });
  }
  const v = settings.vanishing;
  if (stats.firstToLastRatio !== null && stats.firstToLastRatio < v.min_ratio) {
    findings.push({ kind: 'vanishing', rule: 'timestep-ratio', value: stats.firstToLastRatio, threshold: v.min_ratio, param: null });
  }
  const smallest = smallestWatchedNorm(stats, spec, v.param_roles);
  if (smallest && smallest.norm < v.min_param_norm) {
    findings.push({ kind: 'vanishing', rule: 'param-norm', value: smallest.norm, threshold: v.min_param_norm, param: smallest.name });
  }
  return findings;
}

function smallestWatchedNorm(stats: StepStats, spec: ModelSpec, roles: readonly string[]): { name: string; norm: number } | null {
  let best: { name: string; norm: number } | null = null;
  for (const p of paramLayout(spec)) {
    const norm = stats.paramNorms[p.name];
    if (!roles.includes(p.role) || norm === undefined) continue;
    if (!best || norm < best.norm) best = { name: p.name, norm };
  }
  return best;
}
